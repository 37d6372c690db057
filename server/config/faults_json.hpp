#pragma once
// The one definition of the fault rule schema, as JSON: parsing with per-field errors (for the admin API, and
// for the YAML sections, which convert their nodes to JSON first) and the reverse, for listings.
//
// A rule:
//   {"name": "...", "service": "dynamodb", "operation": "GetItem" | ["Get*", "Query"], "account": "...",
//    "region": "eu-*", "resource": "Orders" | "/app/" | "/app/*", "tag": "test-42",
//    one action: "throttle": true | "error": {"code", "status", "message"} | "error": "Code"
//              | "latency": {"ms"} | {"min_ms", "max_ms"} | 200 | "rate": {"per_second", "burst"} | 5,
//    "probability": 0.3, "count": 3, "start_after": 1.5 | "1500ms", "duration": "2s"}
// Durations are seconds as a number, or a string with a unit (ms, s, m, h).
// Thread-safety: pure functions.
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "config/faults_settings.hpp"

namespace chokepoint {

// A problem with one field: `field` is its path ("[2].latency.ms", "probability"); empty for the whole body.
struct FieldError {
  std::string field;
  std::string message;
  std::string format() const;  // "field: message", or the message alone
};

// "path[i]", the name of a list element in errors.
std::string indexed(std::string_view path, size_t i);

// Parses one rule; `path` prefixes the field names in errors. nullopt when any error was added. `services`: the
// names `service` may take (besides globs), as nameable_services() gives them.
std::optional<FaultRuleSpec> parse_fault_rule(const nlohmann::json& json, const std::string& path,
                                              std::vector<FieldError>& errors,
                                              std::span<const std::string_view> services);

// Parses a duration: seconds as a number, or "250ms", "2s", "1.5m", "1h".
std::optional<std::chrono::milliseconds> parse_duration(const nlohmann::json& json);

// The rule in the schema above (durations as seconds); parse_fault_rule reads it back unchanged.
nlohmann::json fault_rule_to_json(const FaultRuleSpec& rule);

// Latencies beyond this would outlast every client's timeout, so they are refused.
inline constexpr long long kMaxFaultLatencyMs = 300'000;

}  // namespace chokepoint
