#pragma once
// One live fault rule: its spec plus what running it needs (id, where it came from, when its window is
// anchored, hit counters, the sampler for its probability, the token bucket of a rate action).
// Not thread-safe: the store serialises access.
#include <chrono>
#include <optional>
#include <string>

#include "common/clock.hpp"
#include "config/faults_settings.hpp"
#include "throttle/fault_matching.hpp"
#include "throttle/fault_random.hpp"
#include "throttle/fault_sampler.hpp"
#include "throttle/token_bucket.hpp"

namespace chokepoint {

// Where a rule came from, for listings and for replacing all rules of one origin at once.
struct FaultOrigin {
  std::string source;    // "api", "config", "scenario", "localstack"
  std::string scenario;  // the scenario it belongs to, for source "scenario"
  int phase = -1;        // its phase (0-based)
  std::string external;  // the rule as another tool wrote it (LocalStack's JSON), kept for round trips

  static FaultOrigin of(std::string source, std::string external = {}) {
    return FaultOrigin{std::move(source), {}, -1, std::move(external)};
  }
};

enum class FaultRuleState {
  kWaiting,  // no anchor yet: its scenario has not been started
  kPending,  // before start_after
  kActive,
  kExpired,  // count used up
  kEnded,    // window over
};

const char* fault_rule_state_name(FaultRuleState state);

// A snapshot of a rule for listings.
struct FaultRuleInfo {
  std::string id;
  FaultRuleSpec spec;
  FaultOrigin origin;
  std::optional<TimePoint> anchor;
  FaultRuleState state = FaultRuleState::kActive;
  long long matched = 0;  // requests that matched while the rule was active
  long long applied = 0;  // requests the action applied to (for rate: the ones it rejected)
};

// What one rule did to one request.
struct FaultStep {
  enum class Kind { kNone, kDelay, kThrottle, kError };
  Kind kind = Kind::kNone;
  std::chrono::milliseconds delay{0};
};

class LiveFaultRule {
 public:
  LiveFaultRule(std::string id, FaultRuleSpec spec, FaultOrigin origin, std::optional<TimePoint> anchor);

  // Runs one request through the rule: window and count, match, probability, then the action.
  FaultStep step(const FaultRequest& request, LazyResource& resource, TimePoint now, RandomSource& random);
  FaultRuleState state(TimePoint now) const;
  // Re-anchors the window (nullopt: waiting) and starts over: counters, sampler and bucket.
  void restart(std::optional<TimePoint> anchor);
  FaultRuleInfo info(TimePoint now) const;

  const std::string& id() const { return id_; }
  const FaultRuleSpec& spec() const { return spec_; }
  const FaultOrigin& origin() const { return origin_; }

 private:
  FaultStep act(TimePoint now, RandomSource& random);

  std::string id_;
  FaultRuleSpec spec_;
  FaultOrigin origin_;
  std::optional<TimePoint> anchor_;
  long long matched_ = 0;
  long long applied_ = 0;
  ProbabilitySampler sampler_;
  std::optional<TokenBucket> bucket_;  // rate actions: created full on first use
};

}  // namespace chokepoint
