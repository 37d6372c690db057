#pragma once
// Holds each response until the records its request appended are durable: the dispatcher reports a request
// on its own thread before the response is written, so waiting here is what makes "acknowledged" mean
// "on disk". Thread-safe.
#include "persistence/change_log.hpp"
#include "protocol/request_record.hpp"

namespace chokepoint {

class DurabilityObserver final : public RequestObserver {
 public:
  explicit DurabilityObserver(ChangeLog& log) : log_(log) {}
  void on_request(const RequestRecord&) override { log_.wait_for_this_thread(); }

 private:
  ChangeLog& log_;
};

}  // namespace chokepoint
