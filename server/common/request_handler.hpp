#pragma once
// The seam between http/ and the rest: one call per request, returning the response and how long to hold it back
// (latency faults), or a plan to send the request on to an upstream emulator, or a promise of either that a shared
// bucket store keeps (the answer comes later, without blocking the thread).
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "common/http_message.hpp"
#include "common/upstream_address.hpp"

namespace chokepoint {

// How a forwarded exchange ended.
struct ForwardOutcome {
  int status = 0;         // the upstream's status; 0 when it gave no usable answer
  std::string problem{};  // why, when status is 0: "connection refused", "no answer within 30000 ms", ...
  std::uint64_t request_body_bytes = 0, response_body_bytes = 0;
};

// A request admitted for forwarding: http/ sends it to the upstream unchanged (method, target, headers, body)
// and relays the upstream's answer unchanged, streaming both bodies.
struct ForwardPlan {
  UpstreamAddress upstream;
  // Connecting, and each wait for the upstream's next bytes, may take this long before the exchange fails.
  std::chrono::milliseconds timeout{30'000};
  // The answer when the upstream gives none (unreachable, timed out, malformed) before any of its answer went
  // out: shaped for the caller's protocol and naming the upstream. Called at most once, on the connection's thread.
  std::function<HttpResponse(const std::string& problem)> unreachable_response{};
  // Called exactly once when the exchange ends, however it ends, on the connection's thread (releases in-flight
  // counts, reports the call).
  std::function<void(const ForwardOutcome&)> done{};
};

struct HandlerResult;
// Gives the final result of a request whose answer came later; call once.
using HandlerResultDone = std::function<void(HandlerResult)>;

struct HandlerResult {
  HttpResponse response;
  std::chrono::milliseconds delay{0};
  // Set: after `delay`, the request is forwarded as the plan says and `response` is not used.
  std::shared_ptr<ForwardPlan> forward{};
  // Set: nothing else is; the answer comes later. http/ calls it once, on the connection's thread, and keeps the
  // request handed to the handler alive and in place until `done` has run. `done` may be called on any thread
  // (http/ moves the result to the connection's thread), and its result is then treated like a direct one.
  std::function<void(HandlerResultDone done)> later{};
};

class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  virtual HandlerResult handle(HttpRequest& request) = 0;
  // A request whose body is larger than the server keeps in memory (server.max_body_bytes), seen by its head
  // alone (`body` empty). A result with `forward` set streams the body to the upstream; any other result is the
  // answer (e.g. a throttling error), after which the connection is closed. nullopt: refuse it as too large (413).
  virtual std::optional<HandlerResult> handle_head(HttpRequest& /*head*/) { return std::nullopt; }
};

}  // namespace chokepoint
