#pragma once
// The heads of a forwarded exchange: the request line and headers sent to the upstream, and the status line and
// headers relayed back to the client. A forwarding proxy passes a message on unchanged except for the headers that
// describe one connection rather than the message (RFC 9110 section 7.6.1), and frames the body itself.
#include <boost/beast/http/fields.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/http_message.hpp"

namespace chokepoint {

// Connection, Keep-Alive, Proxy-*, TE, Trailer, Upgrade (any case).
bool is_hop_by_hop_header(std::string_view name);

// How the body of a request sent upstream is framed.
struct UpstreamBodyFraming {
  std::optional<std::uint64_t> content_length;  // set: "Content-Length"; unset and !chunked: no body
  bool chunked = false;                         // "Transfer-Encoding: chunked" (the client's body had no length)
};

// The request line and headers for the upstream, up to and including the empty line: `request`'s method, target
// and headers in order, without hop-by-hop headers, the headers its Connection header names, Expect (the
// exchange answers 100-continue itself) and the client's framing, which `framing` replaces.
std::string upstream_request_head(const HttpRequest& request, const UpstreamBodyFraming& framing);

// Replaces `out` with the status line and headers relayed to the client, up to and including the empty line: the
// upstream's status, reason and headers in order without hop-by-hop ones. The upstream's Content-Length or
// Transfer-Encoding stays as given; `add_chunked` adds "Transfer-Encoding: chunked" (for a body the upstream ended
// by closing, which the client connection cannot do) and `close_after` adds "Connection: close".
void relayed_response_head(std::string& out, int status, std::string_view reason,
                           const boost::beast::http::fields& headers, bool add_chunked, bool close_after);

}  // namespace chokepoint
