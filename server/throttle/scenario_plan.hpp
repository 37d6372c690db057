#pragma once
// Scenarios as time-windowed rules. A scenario is a list of phases run back to back from its start (the
// server start, or POST /_chokepoint/scenarios/{name}/start); each phase's rules become ordinary rules whose
// window is clipped to the phase, all anchored at the scenario's start. Nothing runs on a timer: which phase
// is current follows from the request's time. Pure functions.
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "config/faults_settings.hpp"

namespace chokepoint {

struct PlannedFaultRule {
  FaultRuleSpec spec;  // window relative to the scenario's start
  int phase = 0;
};

std::vector<PlannedFaultRule> plan_scenario(const ScenarioSpec& scenario);

struct ScenarioStatus {
  std::string name;
  bool start_with_server = true;
  std::optional<TimePoint> started_at;
  std::string state;  // "waiting" (not started), "running", "finished" (past its last phase)
  int phase = -1;     // the current phase while running
  int phases = 0;
  std::optional<std::chrono::milliseconds> phase_remaining;  // none: the current phase lasts forever
};

ScenarioStatus scenario_status(const ScenarioSpec& scenario, std::optional<TimePoint> started_at, TimePoint now);

}  // namespace chokepoint
