#include "throttle/scenario_plan.hpp"

#include <algorithm>

namespace chokepoint {

namespace {

using std::chrono::milliseconds;

// The rule's own window [start_after, start_after + duration) inside the phase [offset, offset + length),
// made relative to the scenario's start.
FaultRuleSpec clip_to_phase(FaultRuleSpec rule, milliseconds offset, std::optional<milliseconds> length) {
  const milliseconds start = offset + rule.start_after;
  std::optional<milliseconds> end;
  if (rule.duration) end = start + *rule.duration;
  if (length) end = end ? std::min(*end, offset + *length) : offset + *length;
  rule.start_after = start;
  rule.duration.reset();
  if (end) rule.duration = std::max(milliseconds(0), *end - start);
  return rule;
}

}  // namespace

std::vector<PlannedFaultRule> plan_scenario(const ScenarioSpec& scenario) {
  std::vector<PlannedFaultRule> out;
  milliseconds offset(0);
  for (size_t i = 0; i < scenario.phases.size(); ++i) {
    const ScenarioPhase& phase = scenario.phases[i];
    for (const auto& rule : phase.faults) {
      out.push_back(PlannedFaultRule{clip_to_phase(rule, offset, phase.duration), static_cast<int>(i)});
    }
    if (!phase.duration) break;  // lasts forever: later phases could never begin
    offset += *phase.duration;
  }
  return out;
}

ScenarioStatus scenario_status(const ScenarioSpec& scenario, std::optional<TimePoint> started_at, TimePoint now) {
  ScenarioStatus status;
  status.name = scenario.name;
  status.start_with_server = scenario.start_with_server;
  status.started_at = started_at;
  status.phases = static_cast<int>(scenario.phases.size());
  if (!started_at) {
    status.state = "waiting";
    return status;
  }
  const auto elapsed = std::chrono::duration_cast<milliseconds>(now - *started_at);
  milliseconds offset(0);
  for (size_t i = 0; i < scenario.phases.size(); ++i) {
    const auto& length = scenario.phases[i].duration;
    if (!length || elapsed < offset + *length) {
      status.state = "running";
      status.phase = static_cast<int>(i);
      if (length) status.phase_remaining = offset + *length - std::max(elapsed, milliseconds(0));
      return status;
    }
    offset += *length;
  }
  status.state = "finished";
  return status;
}

}  // namespace chokepoint
