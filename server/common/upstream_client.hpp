#pragma once
// A blocking HTTP exchange with the upstream emulator, for Chokepoint's own calls to services it does not emulate
// (CloudFormation provisioning an S3 bucket through moto). Client requests are forwarded asynchronously by http/;
// this is the synchronous path for callers that need the answer before they go on. Thread-safe: each exchange
// uses its own connection.
#include <chrono>
#include <string>
#include <variant>

#include "common/http_message.hpp"
#include "common/upstream_address.hpp"

namespace chokepoint {

// Why no answer came: refused, timed out, cut off.
struct UpstreamFailure {
  std::string problem;
};

using UpstreamAnswer = std::variant<HttpResponse, UpstreamFailure>;

class UpstreamClient {
 public:
  virtual ~UpstreamClient() = default;
  // Sends `request` whole (Content-Length set here) and waits for the whole answer; `timeout` bounds connecting,
  // sending and reading together.
  virtual UpstreamAnswer exchange(const HttpRequest& request, const UpstreamAddress& upstream,
                                  std::chrono::milliseconds timeout) = 0;
};

}  // namespace chokepoint
