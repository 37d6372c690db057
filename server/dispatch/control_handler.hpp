#pragma once
// What the dispatcher hands control-API requests (/_chokepoint/, /_localstack/) to. The control API sits above
// the dispatcher (it reads and resets what the dispatcher uses), so the dispatcher knows it only through this.
// Called concurrently from every I/O thread, with the time the dispatcher read for the request.
#include "common/clock.hpp"
#include "common/http_message.hpp"

namespace chokepoint {

class ControlHandler {
 public:
  virtual ~ControlHandler() = default;
  virtual HttpResponse handle(const HttpRequest& request, TimePoint now) const = 0;
};

}  // namespace chokepoint
