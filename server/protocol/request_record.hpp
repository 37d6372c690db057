#pragma once
// One request's decision, reported once by the dispatcher to observers (metrics, request log,
// retry report). Plain values, kept low so that the observers can name them without depending on the
// dispatcher above them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace chokepoint {

// kUpstreamError: a forwarded call the upstream gave no answer to (down, slow, malformed).
enum class Outcome { kOk, kThrottled, kFault, kError, kUpstreamError };

const char* outcome_name(Outcome outcome);

inline constexpr std::string_view kFaultRulePrefix = "fault:";

struct RequestRecord {
  TimePoint time;       // arrival on the emulated clock: what buckets, metrics and the request log see
  TimePoint wall_time;  // arrival on the wall clock: what client backoff is measured in
  std::string service, operation, account, region, access_key;
  Outcome outcome = Outcome::kOk;
  int http_status = 200;
  std::string error_code;
  std::string decided_by;  // bucket or rule that rejected, when one did: the bucket's key, or kFaultRulePrefix + id
  std::string request_id;
  std::string invocation_id, sdk_request, user_agent, tag;
  uint64_t body_digest = 0;  // a hash of the request body: the same call sent again has the same one
  bool internal = false;     // made by a service inside the server (CloudFormation provisioning, auto scaling)
  double duration_ms = 0;    // from arrival to the decision (the response is ready)
  double held_ms = 0;        // then held back this long by a latency fault before it was sent
  // DynamoDB capacity the request consumed (table and indexes), as the service reported it to its MetricSink.
  double consumed_read_units = 0, consumed_write_units = 0;
  std::string table;  // the (first) DynamoDB table the request consumed capacity from; empty for none
};

// The id of the fault rule that decided the request; nullopt when none did (a bucket, or nothing).
inline std::optional<std::string_view> fault_rule_of(const RequestRecord& r) {
  const std::string_view decided = r.decided_by;
  if (decided.substr(0, kFaultRulePrefix.size()) != kFaultRulePrefix) return std::nullopt;
  return decided.substr(kFaultRulePrefix.size());
}

class RequestObserver {
 public:
  virtual ~RequestObserver() = default;
  // Called on the request's thread; must be thread-safe and cheap.
  virtual void on_request(const RequestRecord& record) = 0;
};

}  // namespace chokepoint
