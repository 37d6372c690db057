#pragma once
// Parses raw bytes into HttpRequests with the same parser and limits the server uses. For tests and fuzzing:
// the server itself parses incrementally in http_session.cpp.
#include <string_view>
#include <vector>

#include "common/http_message.hpp"
#include "http/http_server.hpp"

namespace chokepoint {

struct ParsedRequests {
  std::vector<HttpRequest> requests;  // every complete request, in order (pipelining)
  bool malformed = false;             // the parser rejected the bytes after `requests`
  int error_status = 0;               // what the server answers then: 400, 413 or 431
};

ParsedRequests parse_http_requests(std::string_view bytes, const HttpServerOptions& options);

}  // namespace chokepoint
