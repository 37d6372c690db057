#pragma once
// LocalStack's Chaos API, so that tests written for it run unchanged:
//   /_localstack/chaos/faults   GET the rules; POST replaces them all; PATCH adds; DELETE removes the rules
//                               equal to the ones sent. Each answers with the rules now in place.
//   /_localstack/chaos/effects  GET / POST {"latency": ms}: added to every call.
// A rule is {"service", "region", "operation", "probability", "error": {"statusCode", "code"}}; every field
// is optional ({} fails every call). The error defaults to 503 ServiceUnavailable. These rules live in the
// same store as native ones (source "localstack") and show up in /_chokepoint/faults with their counters.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "admin/admin_api.hpp"
#include "config/faults_json.hpp"
#include "throttle/fault_engine.hpp"

namespace chokepoint {

void register_localstack_chaos_routes(AdminApi& admin, FaultEngine& faults);

// One LocalStack rule as a native rule; errors name fields under `path`.
std::optional<FaultRuleSpec> localstack_rule_to_spec(const nlohmann::json& rule, const std::string& path,
                                                     std::vector<FieldError>& errors);

}  // namespace chokepoint
