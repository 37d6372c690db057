#include "http/beast_conversion.hpp"

#include <tuple>
#include <utility>

#include "common/strings.hpp"

namespace chokepoint {

namespace http = boost::beast::http;

HttpRequest to_plain_request(http::request<http::string_body>&& in, const std::string& remote) {
  HttpRequest out = to_plain_request_head(in, remote);
  out.body = std::move(in.body());
  return out;
}

HttpRequest to_plain_request_head(const http::request_header<>& in, const std::string& remote) {
  HttpRequest out;
  out.method = std::string(in.method_string());
  out.target = std::string(in.target());
  out.headers.reserve(16);
  // Each header is built where it is kept: this runs for every request.
  for (const auto& field : in) {
    const auto name = field.name_string();
    const auto value = field.value();
    auto& header = out.headers.emplace_back(std::piecewise_construct, std::forward_as_tuple(name.data(), name.size()),
                                            std::forward_as_tuple(value.data(), value.size()));
    to_lower_in_place(header.first);
  }
  out.remote_address = remote;
  return out;
}

int http_error_status(const boost::beast::error_code& ec) {
  if (ec == http::error::body_limit) return 413;
  if (ec == http::error::header_limit) return 431;
  return 400;
}

}  // namespace chokepoint
