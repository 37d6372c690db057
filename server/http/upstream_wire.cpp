#include "http/upstream_wire.hpp"

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
  if (name.size() >= 6 && iequals(name.substr(0, 6), "proxy-")) return true;
  return iequals(name, "connection") || iequals(name, "keep-alive") || iequals(name, "te") ||
         iequals(name, "trailer") || iequals(name, "upgrade");
}

std::string upstream_request_head(const HttpRequest& request, const UpstreamBodyFraming& framing) {
  std::vector<std::string_view> dropped;
  for (const auto& [name, value] : request.headers) {
    if (iequals(name, "connection")) dropped = upstream_wire_connection_options(value, std::move(dropped));
  }
  std::string out;
  out.reserve(256 + request.target.size());
  out.append(request.method).append(" ").append(request.target).append(" HTTP/1.1\r\n");
  for (const auto& [name, value] : request.headers) {
    if (is_hop_by_hop_header(name) || iequals(name, "expect") || iequals(name, "content-length") ||
        iequals(name, "transfer-encoding") || upstream_wire_listed(dropped, name)) {
      continue;
    }
    out.append(name).append(": ").append(value).append("\r\n");
  }
  if (framing.chunked) {
    out += "Transfer-Encoding: chunked\r\n";
  } else if (framing.content_length) {
    out.append("Content-Length: ").append(std::to_string(*framing.content_length)).append("\r\n");
  }
  out += "\r\n";
  return out;
}

void relayed_response_head(std::string& out, int status, std::string_view reason,
                           const boost::beast::http::fields& headers, bool add_chunked, bool close_after) {
  std::vector<std::string_view> dropped;
  for (const auto& field : headers) {
    const auto name = field.name_string();
    if (iequals({name.data(), name.size()}, "connection")) {
      dropped = upstream_wire_connection_options({field.value().data(), field.value().size()}, std::move(dropped));
    }
  }
  if (reason.empty()) {
    const auto standard = boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(status));
    reason = {standard.data(), standard.size()};
  }
  out.assign("HTTP/1.1 ").append(std::to_string(status)).append(" ").append(reason).append("\r\n");
  for (const auto& field : headers) {
    const std::string_view name{field.name_string().data(), field.name_string().size()};
    if (is_hop_by_hop_header(name) || upstream_wire_listed(dropped, name)) continue;
    out.append(name).append(": ").append(field.value().data(), field.value().size()).append("\r\n");
  }
  if (add_chunked) out += "Transfer-Encoding: chunked\r\n";
  if (close_after) out += "Connection: close\r\n";
  out += "\r\n";
}

}  // namespace chokepoint
