#pragma once
// The fault control API:
//   GET    /_chokepoint/faults            every rule with its state and hit counters, and the global latency
//   POST   /_chokepoint/faults            add one rule, a list, or {"faults": [...]}; all or none; returns ids
//   DELETE /_chokepoint/faults            remove every rule (the config's come back on reset or reload)
//   GET    /_chokepoint/faults/{id}       one rule
//   DELETE /_chokepoint/faults/{id}       remove one rule
//   GET    /_chokepoint/scenarios         scenarios with their current phase
//   POST   /_chokepoint/scenarios/{name}/start | stop
// Bad input gets 400 with the field that is wrong ({"error", "field", "errors": [{"field", "message"}]}).
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "admin/admin_api.hpp"
#include "config/faults_json.hpp"
#include "config/operation_vocabulary.hpp"
#include "throttle/fault_engine.hpp"

namespace chokepoint {

// `config`: the running configuration, whose services the rules may name; `vocabulary`: the services' operations
// (with those the configuration gives limits to), which the rules' operation names are checked against.
void register_fault_routes(AdminApi& admin, FaultEngine& faults, const ConfigHolder& config,
                           OperationVocabulary vocabulary);

// A rule as listed: its schema fields plus id, source, state and counters.
nlohmann::json fault_rule_view(const FaultRuleInfo& rule);

// Shared with the LocalStack routes: a 400 naming the fields that are wrong.
HttpResponse field_errors_response(const std::vector<FieldError>& errors);

}  // namespace chokepoint
