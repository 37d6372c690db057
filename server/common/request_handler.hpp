#pragma once
// The seam between http/ and the rest: one call per request, synchronous, returning the response and
// how long to hold it back (latency faults).
#include <chrono>

#include "common/http_message.hpp"

namespace chokepoint {

struct HandlerResult {
  HttpResponse response;
  std::chrono::milliseconds delay{0};
};

class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  virtual HandlerResult handle(HttpRequest& request) = 0;
};

}  // namespace chokepoint
