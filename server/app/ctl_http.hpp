#pragma once
// A tiny blocking HTTP/1.1 client for `chokepoint ctl`: one request per connection, plain POSIX sockets,
// a timeout on every step. Enough to talk to the control API; not a general client.
#include <optional>
#include <string>

namespace chokepoint {

struct CtlEndpoint {
  std::string host = "127.0.0.1";
  int port = 4566;
  std::string token;  // the control API's admin token, sent as "Authorization: Bearer" when set
};

// Parses "http://HOST:PORT" (the scheme and port may be left out; IPv6 as "[::1]:4566"). nullopt when malformed
// or https (the emulator speaks plain HTTP).
std::optional<CtlEndpoint> parse_endpoint(const std::string& url);

struct CtlResponse {
  int status = 0;
  std::string body;
};

// Sends one request and reads the whole response. nullopt with `error` set when the server cannot be reached
// or answers something that is not HTTP.
std::optional<CtlResponse> http_call(const CtlEndpoint& endpoint, const std::string& method, const std::string& target,
                                     const std::string& body, std::string& error, int timeout_ms = 10'000);

}  // namespace chokepoint
