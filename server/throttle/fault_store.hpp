#pragma once
// The live fault rules, in the order they were added, each with an id ("f1", "f2", ...) that is never reused.
// Thread-safe: one lock around the rules, held for the length of one evaluation; with no rules, evaluation
// takes no lock at all.
#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "throttle/fault_rule_state.hpp"

namespace chokepoint {

// The combined effect of every rule on one request.
struct FaultDecision {
  enum class Kind { kNone, kThrottle, kError };
  Kind kind = Kind::kNone;
  ErrorAction error;                   // for kError; "{service}"/"{operation}" in the message filled in
  std::chrono::milliseconds delay{0};  // summed over the latency rules that applied
  std::string rule_id;                 // the rule that rejected; else the last latency rule that applied
  bool rejects() const { return kind != Kind::kNone; }
};

struct NewFaultRule {
  FaultRuleSpec spec;
  FaultOrigin origin;
  std::optional<TimePoint> anchor;  // nullopt: waiting for its scenario to start
};

class FaultStore {
 public:
  explicit FaultStore(RandomSource& random) : random_(random) {}

  static constexpr size_t kMaxRules = 10'000;

  // Adds all or none (nullopt when they would exceed kMaxRules); returns their ids in order.
  std::optional<std::vector<std::string>> add(std::vector<NewFaultRule> rules);
  // Drops every rule whose origin.source is `source` and adds `rules`, as one step.
  std::optional<std::vector<std::string>> replace(std::string_view source, std::vector<NewFaultRule> rules);
  bool remove(std::string_view id);
  // Removes the rules `pick` selects; returns how many.
  size_t remove_if(const std::function<bool(const LiveFaultRule&)>& pick);
  size_t clear();  // returns how many rules there were

  // Rules apply in order: latency rules add up and evaluation goes on; the first throttle or error (or a
  // rate rule over its rate) decides and ends it.
  FaultDecision evaluate(const FaultRequest& request, TimePoint now);

  std::vector<FaultRuleInfo> list(TimePoint now) const;
  std::optional<FaultRuleInfo> find(std::string_view id, TimePoint now) const;
  // Re-anchors and zeroes every rule of the scenario (nullopt: back to waiting).
  void restart_scenario(std::string_view scenario, std::optional<TimePoint> anchor);

  bool empty() const { return count_.load(std::memory_order_acquire) == 0; }

 private:
  std::optional<std::vector<std::string>> add_locked(std::vector<NewFaultRule>& rules);
  void publish_count_locked() { count_.store(rules_.size(), std::memory_order_release); }

  RandomSource& random_;
  mutable std::mutex mutex_;
  std::vector<LiveFaultRule> rules_;
  unsigned long long next_id_ = 1;
  std::atomic<size_t> count_{0};
};

}  // namespace chokepoint
