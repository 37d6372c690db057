#include "http/upstream_wire.hpp"

#include <algorithm>
#include <boost/beast/http/status.hpp>
#include <vector>

#include "common/strings.hpp"

namespace chokepoint {

namespace {

// The header names a Connection header lists are hop-by-hop too (RFC 9110 section 7.6.1).
std::vector<std::string_view> upstream_wire_connection_options(std::string_view connection_value,
                                                               std::vector<std::string_view> into) {
  for (const auto token : split(connection_value, ',')) {
    const auto name = trim(token);
    if (!name.empty()) into.push_back(name);
  }
  return into;
}

bool upstream_wire_listed(const std::vector<std::string_view>& names, std::string_view name) {
  for (const auto listed : names) {
    if (iequals(listed, name)) return true;
  }
  return false;
}

}  // namespace

bool is_hop_by_hop_header(std::string_view name) {
  // Dispatched on the length first: this runs for every header of every forwarded message, and most names
  // are ruled out by their length alone.
  if (name.size() >= 6 && (name[0] | 0x20) == 'p' && iequals(name.substr(0, 6), "proxy-")) return true;
  switch (name.size()) {
    case 2:
      return iequals(name, "te");
    case 7:
      return iequals(name, "trailer") || iequals(name, "upgrade");
    case 10:
      return iequals(name, "connection") || iequals(name, "keep-alive");
    default:
      return false;
  }
}

namespace {

// Headers the exchange replaces when it sends a request upstream: the client's framing, and Expect (the exchange
// answers 100-continue itself).
bool reframed_request_header(std::string_view name) {
  switch (name.size()) {
    case 6:
      return iequals(name, "expect");
    case 14:
      return iequals(name, "content-length");
    case 17:
      return iequals(name, "transfer-encoding");
    default:
      return false;
  }
}

void append_wire_header(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ", 2).append(value).append("\r\n", 2);
}

// Appends "name: value\r\n" for each header `each_kept` visits, sized once and copied into: this runs for both
// heads of every forwarded call, where appending piece by piece cost more than the copying.
template <typename EachKept>
void append_wire_headers(std::string& out, const EachKept& each_kept) {
  size_t size = 0;
  each_kept([&size](std::string_view name, std::string_view value) { size += name.size() + value.size() + 4; });
  const size_t start = out.size();
  out.resize(start + size);
  char* at = out.data() + start;
  each_kept([&at](std::string_view name, std::string_view value) {
    at = std::copy(name.begin(), name.end(), at);
    *at++ = ':';
    *at++ = ' ';
    at = std::copy(value.begin(), value.end(), at);
    *at++ = '\r';
    *at++ = '\n';
  });
}

}  // namespace

std::string upstream_request_head(const HttpRequest& request, const UpstreamBodyFraming& framing) {
  std::vector<std::string_view> dropped;
  size_t size = request.method.size() + request.target.size() + 64;
  for (const auto& [name, value] : request.headers) {
    if (name.size() == 10 && iequals(name, "connection")) {
      dropped = upstream_wire_connection_options(value, std::move(dropped));
    }
    size += name.size() + value.size() + 4;
  }
  std::string out;
  out.reserve(size);
  out.append(request.method).append(" ", 1).append(request.target).append(" HTTP/1.1\r\n", 11);
  append_wire_headers(out, [&](const auto& visit) {
    for (const auto& [name, value] : request.headers) {
      if (!is_hop_by_hop_header(name) && !reframed_request_header(name) && !upstream_wire_listed(dropped, name)) {
        visit(name, value);
      }
    }
  });
  if (framing.chunked) {
    append_wire_header(out, "Transfer-Encoding", "chunked");
  } else if (framing.content_length) {
    append_wire_header(out, "Content-Length", std::to_string(*framing.content_length));
  }
  out.append("\r\n", 2);
  return out;
}

void relayed_response_head(std::string& out, int status, std::string_view reason,
                           const boost::beast::http::fields& headers, bool add_chunked, bool close_after) {
  std::vector<std::string_view> dropped;
  size_t size = reason.size() + 128;  // the status line, the headers added here, and the final CRLF
  for (const auto& field : headers) {
    if (field.name() == boost::beast::http::field::connection) {
      dropped = upstream_wire_connection_options({field.value().data(), field.value().size()}, std::move(dropped));
    }
    size += field.name_string().size() + field.value().size() + 4;
  }
  if (reason.empty()) {
    const auto standard = boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(status));
    reason = {standard.data(), standard.size()};
  }
  // Sized once: the head is built into a fresh string for every forwarded call.
  out.clear();
  out.reserve(size);
  out.append("HTTP/1.1 ", 9).append(std::to_string(status)).append(" ", 1).append(reason).append("\r\n", 2);
  append_wire_headers(out, [&](const auto& visit) {
    for (const auto& field : headers) {
      const std::string_view name{field.name_string().data(), field.name_string().size()};
      if (!is_hop_by_hop_header(name) && !upstream_wire_listed(dropped, name)) {
        visit(name, {field.value().data(), field.value().size()});
      }
    }
  });
  if (add_chunked) append_wire_header(out, "Transfer-Encoding", "chunked");
  if (close_after) append_wire_header(out, "Connection", "close");
  out.append("\r\n", 2);
}

}  // namespace chokepoint
