#pragma once
// The Conditions section evaluated against parameter values: every condition to true or false, with
// conditions that use other conditions resolved in order and cycles rejected.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "services/cloudformation/intrinsic_functions.hpp"
#include "services/cloudformation/template_model.hpp"

namespace chokepoint {

using ConditionValues = std::map<std::string, bool>;

// `base` supplies parameters, mappings and zones; its condition callback is replaced. Returns the values or
// the ValidationError message.
std::variant<ConditionValues, std::string> evaluate_conditions(const Template& tmpl, const EvalContext& base);

}  // namespace chokepoint
