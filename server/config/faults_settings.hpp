#pragma once
// Fault rules and scenarios as configured (YAML `faults:` / `scenarios:`, or JSON over the admin API): plain,
// validated values. The throttle layer turns them into live rules with ids, counters and state.
#include <chrono>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace chokepoint {

// Which requests a rule applies to. Empty fields match everything.
struct FaultMatch {
  std::string service;                  // glob: "dynamodb", "*"
  std::vector<std::string> operations;  // globs: "GetItem", "Describe*"; empty = every operation
  std::string account;                  // glob
  std::string region;                   // glob: "eu-*"
  // The table, parameter or stack a call addresses: exact, a glob, or a path prefix when it ends in '/'.
  std::string resource;
  std::string tag;  // x-chokepoint-tag must equal this; requests without the tag never match
  bool operator==(const FaultMatch&) const = default;
};

// The service's own throttling error, as real throttling produces it.
struct ThrottleAction {
  bool operator==(const ThrottleAction&) const = default;
};

// An error of the user's choosing, encoded in the service's protocol.
struct ErrorAction {
  std::string code;
  int http_status = 400;
  std::string message;  // omitted from the wire when empty
  bool operator==(const ErrorAction&) const = default;
};

// Holds the response back by a fixed time (min == max) or a uniformly random one in [min, max].
struct LatencyAction {
  long long min_ms = 0;
  long long max_ms = 0;
  bool operator==(const LatencyAction&) const = default;
};

// A token bucket of the rule's own: matching calls beyond it get the service's throttling error.
struct RateAction {
  double per_second = 1;
  double burst = 1;
  bool operator==(const RateAction&) const = default;
};

using FaultAction = std::variant<ThrottleAction, ErrorAction, LatencyAction, RateAction>;

// One rule. The window is [start_after, start_after + duration) from the rule's anchor: the moment it was
// added, the server start (rules from the config), or the start of its scenario.
struct FaultRuleSpec {
  std::string name;
  FaultMatch match;
  FaultAction action = ThrottleAction{};
  double probability = 1.0;        // share of matching requests the action applies to
  std::optional<long long> count;  // expire after the action applied this many times
  std::chrono::milliseconds start_after{0};
  std::optional<std::chrono::milliseconds> duration;  // none: until removed
  bool operator==(const FaultRuleSpec&) const = default;
};

// A stretch of a scenario with its own rules (none: normal behaviour).
struct ScenarioPhase {
  std::optional<std::chrono::milliseconds> duration;  // only the last phase may leave it out (lasts forever)
  std::vector<FaultRuleSpec> faults;
  bool operator==(const ScenarioPhase&) const = default;
};

struct ScenarioSpec {
  std::string name;
  bool start_with_server = true;  // false: waits for POST /_chokepoint/scenarios/{name}/start
  std::vector<ScenarioPhase> phases;
  bool operator==(const ScenarioSpec&) const = default;
};

struct FaultSettings {
  std::vector<FaultRuleSpec> rules;  // `faults:`
  std::vector<ScenarioSpec> scenarios;
  bool operator==(const FaultSettings&) const = default;
};

}  // namespace chokepoint
