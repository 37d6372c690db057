#include "throttle/fault_rule_state.hpp"

#include <cmath>

namespace chokepoint {

const char* fault_rule_state_name(FaultRuleState state) {
  switch (state) {
    case FaultRuleState::kWaiting:
      return "waiting";
    case FaultRuleState::kPending:
      return "pending";
    case FaultRuleState::kActive:
      return "active";
    case FaultRuleState::kExpired:
      return "expired";
    case FaultRuleState::kEnded:
      return "ended";
  }
  return "active";
}

LiveFaultRule::LiveFaultRule(std::string id, FaultRuleSpec spec, FaultOrigin origin, std::optional<TimePoint> anchor)
    : id_(std::move(id)),
      spec_(std::move(spec)),
      origin_(std::move(origin)),
      anchor_(anchor),
      sampler_(spec_.probability) {}

FaultRuleState LiveFaultRule::state(TimePoint now) const {
  if (!anchor_) return FaultRuleState::kWaiting;
  if (spec_.count && applied_ >= *spec_.count) return FaultRuleState::kExpired;
  const TimePoint start = *anchor_ + spec_.start_after;
  if (now < start) return FaultRuleState::kPending;
  if (spec_.duration && now >= start + *spec_.duration) return FaultRuleState::kEnded;
  return FaultRuleState::kActive;
}

FaultStep LiveFaultRule::step(const FaultRequest& request, LazyResource& resource, TimePoint now,
                              RandomSource& random) {
  if (state(now) != FaultRuleState::kActive) return {};
  if (!fault_matches(spec_.match, request, resource)) return {};
  ++matched_;
  if (!sampler_.sample(random)) return {};
  return act(now, random);
}

FaultStep LiveFaultRule::act(TimePoint now, RandomSource& random) {
  FaultStep step;
  if (const auto* latency = std::get_if<LatencyAction>(&spec_.action)) {
    const double span = static_cast<double>(latency->max_ms - latency->min_ms);
    const auto extra = span > 0 ? static_cast<long long>(std::floor(random.next_unit() * (span + 1))) : 0;
    step.kind = FaultStep::Kind::kDelay;
    step.delay = std::chrono::milliseconds(latency->min_ms + extra);
  } else if (const auto* rate = std::get_if<RateAction>(&spec_.action)) {
    if (!bucket_) bucket_.emplace(BucketLimit{rate->per_second, rate->burst}, now);
    if (bucket_->try_take(now, 1.0)) return {};  // within the rate: not applied
    step.kind = FaultStep::Kind::kThrottle;
  } else {
    step.kind =
        std::holds_alternative<ErrorAction>(spec_.action) ? FaultStep::Kind::kError : FaultStep::Kind::kThrottle;
  }
  ++applied_;
  return step;
}

void LiveFaultRule::restart(std::optional<TimePoint> anchor) {
  anchor_ = anchor;
  matched_ = applied_ = 0;
  sampler_.reset();
  bucket_.reset();
}

FaultRuleInfo LiveFaultRule::info(TimePoint now) const {
  return FaultRuleInfo{id_, spec_, origin_, anchor_, state(now), matched_, applied_};
}

}  // namespace chokepoint
