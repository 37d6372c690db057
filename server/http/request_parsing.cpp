#include "http/request_parsing.hpp"

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "http/beast_conversion.hpp"

namespace chokepoint {

namespace http = boost::beast::http;

ParsedRequests parse_http_requests(std::string_view bytes, const HttpServerOptions& options) {
  ParsedRequests out;
  while (!bytes.empty()) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(static_cast<std::uint64_t>(options.max_body_bytes));
    parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    parser.eager(true);
    boost::beast::error_code ec;
    const size_t used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
    if (ec == http::error::need_more) return out;  // an incomplete request waits for more bytes
    if (ec) {
      out.malformed = true;
      out.error_status = http_error_status(ec);
      return out;
    }
    if (!parser.is_done()) return out;
    out.requests.push_back(to_plain_request(parser.release(), ""));
    bytes.remove_prefix(used);
  }
  return out;
}

}  // namespace chokepoint
