#pragma once
// UpstreamClient over Beast: one new connection per exchange, driven on a private io_context by the calling thread,
// so the caller blocks until the answer is read or the timeout passes. Thread-safe: exchanges share nothing.
#include "common/upstream_client.hpp"

namespace chokepoint {

class BlockingUpstreamClient final : public UpstreamClient {
 public:
  UpstreamAnswer exchange(const HttpRequest& request, const UpstreamAddress& upstream,
                          std::chrono::milliseconds timeout) override;
};

}  // namespace chokepoint
