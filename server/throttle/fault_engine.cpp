#include "throttle/fault_engine.hpp"

namespace chokepoint {

FaultEngine::FaultEngine(RandomSource& random, const FaultSettings& settings, TimePoint start)
    : store_(random), settings_(settings) {
  std::lock_guard lock(mutex_);
  install_locked(start);
}

// Replaces the config's rules and scenario rules in the store with fresh ones anchored at `now`.
void FaultEngine::install_locked(TimePoint now) {
  std::vector<NewFaultRule> config_rules;
  for (const auto& spec : settings_.rules) config_rules.push_back(NewFaultRule{spec, FaultOrigin::of("config"), now});
  std::vector<NewFaultRule> scenario_rules;
  started_.clear();
  for (const auto& scenario : settings_.scenarios) {
    const std::optional<TimePoint> start = scenario.start_with_server ? std::optional(now) : std::nullopt;
    started_[scenario.name] = start;
    for (auto& planned : plan_scenario(scenario)) {
      FaultOrigin origin{"scenario", scenario.name, planned.phase, {}};
      scenario_rules.push_back(NewFaultRule{std::move(planned.spec), std::move(origin), start});
    }
  }
  // The config reader bounds the number of rules, so neither replace can overflow the store.
  store_.replace("config", std::move(config_rules));
  store_.replace("scenario", std::move(scenario_rules));
}

FaultDecision FaultEngine::evaluate(const FaultRequest& request, TimePoint now) {
  FaultDecision decision = store_.evaluate(request, now);
  decision.delay += global_latency();
  return decision;
}

void FaultEngine::apply_settings(const FaultSettings& settings, TimePoint now) {
  std::lock_guard lock(mutex_);
  if (settings == settings_) return;
  settings_ = settings;
  install_locked(now);
}

void FaultEngine::reset(TimePoint now) {
  std::lock_guard lock(mutex_);
  store_.clear();
  install_locked(now);
  set_global_latency(std::chrono::milliseconds(0));
}

const ScenarioSpec* FaultEngine::find_scenario_locked(const std::string& name) const {
  for (const auto& scenario : settings_.scenarios) {
    if (scenario.name == name) return &scenario;
  }
  return nullptr;
}

std::vector<ScenarioStatus> FaultEngine::scenarios(TimePoint now) const {
  std::lock_guard lock(mutex_);
  std::vector<ScenarioStatus> out;
  for (const auto& scenario : settings_.scenarios) {
    out.push_back(scenario_status(scenario, started_.at(scenario.name), now));
  }
  return out;
}

bool FaultEngine::start_scenario(const std::string& name, TimePoint now) {
  std::lock_guard lock(mutex_);
  if (!find_scenario_locked(name)) return false;
  started_[name] = now;
  store_.restart_scenario(name, now);
  return true;
}

bool FaultEngine::stop_scenario(const std::string& name) {
  std::lock_guard lock(mutex_);
  if (!find_scenario_locked(name)) return false;
  started_[name] = std::nullopt;
  store_.restart_scenario(name, std::nullopt);
  return true;
}

}  // namespace chokepoint
