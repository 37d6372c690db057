#pragma once
// Everything about injected faults that outlives a request: the rule store, the rules and scenarios from the
// config (anchored at server start, or at the reload or reset that brought them in), scenario starts, and a
// latency added to every call (LocalStack's "network effects"). Built in app/ and passed by reference.
// Thread-safe.
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "config/faults_settings.hpp"
#include "throttle/fault_store.hpp"
#include "throttle/scenario_plan.hpp"

namespace chokepoint {

class FaultEngine {
 public:
  FaultEngine(RandomSource& random, const FaultSettings& settings, TimePoint start);

  FaultEngine(const FaultEngine&) = delete;
  FaultEngine& operator=(const FaultEngine&) = delete;

  // The rules' decision for one call, plus the global latency.
  FaultDecision evaluate(const FaultRequest& request, TimePoint now);

  FaultStore& store() { return store_; }
  const FaultStore& store() const { return store_; }

  // After a config reload: when `settings` differ from the ones in force, the rules and scenarios from the
  // config are replaced (anchored at `now`); unchanged ones keep their counters.
  void apply_settings(const FaultSettings& settings, TimePoint now);
  // POST /_chokepoint/reset: rules added at run time go, the config's rules and scenarios start over from
  // `now`, the global latency goes back to 0.
  void reset(TimePoint now);

  std::vector<ScenarioStatus> scenarios(TimePoint now) const;
  // False when no scenario has that name.
  bool start_scenario(const std::string& name, TimePoint now);
  bool stop_scenario(const std::string& name);

  void set_global_latency(std::chrono::milliseconds latency) { global_latency_ms_.store(latency.count()); }
  std::chrono::milliseconds global_latency() const { return std::chrono::milliseconds(global_latency_ms_.load()); }

 private:
  void install_locked(TimePoint now);
  const ScenarioSpec* find_scenario_locked(const std::string& name) const;

  FaultStore store_;
  mutable std::mutex mutex_;  // settings_ and started_; taken before the store's lock, never after
  FaultSettings settings_;
  std::map<std::string, std::optional<TimePoint>> started_;  // scenario -> start
  std::atomic<long long> global_latency_ms_{0};
};

}  // namespace chokepoint
