#include "throttle/fault_store.hpp"

#include <algorithm>

namespace chokepoint {

namespace {

// "{service}" and "{operation}" in an error message name the call, so one rule can cover many services.
std::string expand_message(std::string message, const FaultRequest& request) {
  for (const auto& [token, value] : {std::pair<std::string_view, std::string_view>{"{service}", request.service},
                                     std::pair<std::string_view, std::string_view>{"{operation}", request.operation}}) {
    for (size_t at = message.find(token); at != std::string::npos; at = message.find(token, at + value.size())) {
      message.replace(at, token.size(), value);
    }
  }
  return message;
}

}  // namespace

std::optional<std::vector<std::string>> FaultStore::add_locked(std::vector<NewFaultRule>& rules) {
  if (rules_.size() + rules.size() > kMaxRules) return std::nullopt;
  std::vector<std::string> ids;
  ids.reserve(rules.size());
  for (auto& rule : rules) {
    ids.emplace_back("f").append(std::to_string(next_id_++));
    rules_.emplace_back(ids.back(), std::move(rule.spec), std::move(rule.origin), rule.anchor);
  }
  publish_count_locked();
  return ids;
}

std::optional<std::vector<std::string>> FaultStore::add(std::vector<NewFaultRule> rules) {
  std::lock_guard lock(mutex_);
  return add_locked(rules);
}

std::optional<std::vector<std::string>> FaultStore::replace(std::string_view source, std::vector<NewFaultRule> rules) {
  std::lock_guard lock(mutex_);
  const auto kept =
      std::count_if(rules_.begin(), rules_.end(), [&](const LiveFaultRule& r) { return r.origin().source != source; });
  if (static_cast<size_t>(kept) + rules.size() > kMaxRules) return std::nullopt;
  std::erase_if(rules_, [&](const LiveFaultRule& r) { return r.origin().source == source; });
  return add_locked(rules);
}

bool FaultStore::remove(std::string_view id) {
  return remove_if([&](const LiveFaultRule& r) { return r.id() == id; }) > 0;
}

size_t FaultStore::remove_if(const std::function<bool(const LiveFaultRule&)>& pick) {
  std::lock_guard lock(mutex_);
  const size_t removed = std::erase_if(rules_, pick);
  publish_count_locked();
  return removed;
}

size_t FaultStore::clear() {
  std::lock_guard lock(mutex_);
  const size_t removed = rules_.size();
  rules_.clear();
  publish_count_locked();
  return removed;
}

FaultDecision FaultStore::evaluate(const FaultRequest& request, TimePoint now) {
  FaultDecision decision;
  if (empty()) return decision;
  LazyResource resource(request);
  std::lock_guard lock(mutex_);
  for (auto& rule : rules_) {
    const FaultStep step = rule.step(request, resource, now, random_);
    if (step.kind == FaultStep::Kind::kNone) continue;
    decision.rule_id = rule.id();
    if (step.kind == FaultStep::Kind::kDelay) {
      decision.delay += step.delay;
      continue;
    }
    if (step.kind == FaultStep::Kind::kError) {
      decision.kind = FaultDecision::Kind::kError;
      decision.error = std::get<ErrorAction>(rule.spec().action);
      decision.error.message = expand_message(std::move(decision.error.message), request);
    } else {
      decision.kind = FaultDecision::Kind::kThrottle;
    }
    break;
  }
  return decision;
}

std::vector<FaultRuleInfo> FaultStore::list(TimePoint now) const {
  std::lock_guard lock(mutex_);
  std::vector<FaultRuleInfo> out;
  out.reserve(rules_.size());
  for (const auto& rule : rules_) out.push_back(rule.info(now));
  return out;
}

std::optional<FaultRuleInfo> FaultStore::find(std::string_view id, TimePoint now) const {
  std::lock_guard lock(mutex_);
  for (const auto& rule : rules_) {
    if (rule.id() == id) return rule.info(now);
  }
  return std::nullopt;
}

void FaultStore::restart_scenario(std::string_view scenario, std::optional<TimePoint> anchor) {
  std::lock_guard lock(mutex_);
  for (auto& rule : rules_) {
    if (rule.origin().source == "scenario" && rule.origin().scenario == scenario) rule.restart(anchor);
  }
}

}  // namespace chokepoint
