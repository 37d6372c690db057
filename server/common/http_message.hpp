#pragma once
// Plain HTTP request/response values. Only http/ knows Beast; every other layer sees these.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chokepoint {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;  // "POST"
  std::string target;  // raw request target: path plus optional "?query"
  HeaderList headers;  // names in lower case, in arrival order
  std::string body;
  std::string remote_address;

  std::string_view path() const;
  std::string_view query() const;  // raw query string without '?', empty if none
  // First header with this (lower-case) name.
  std::optional<std::string_view> header(std::string_view lower_name) const;
};

struct HttpResponse {
  int status = 200;
  HeaderList headers;  // names as they should appear on the wire
  std::string body;
  bool close_connection = false;
  bool chunked = false;  // send with chunked transfer encoding (DynamoDB's endpoint answers 413 that way)

  void set_header(std::string name, std::string value);
  // First header with this name, in any case.
  std::optional<std::string_view> header(std::string_view name) const;
};

}  // namespace chokepoint
