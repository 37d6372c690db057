#pragma once
// What template expressions refer to: Ref targets, Fn::GetAtt pairs, Fn::Sub variables, conditions used by
// Fn::If, and functions CloudFormation does not know. Used to check templates and to build the dependency
// graph. Also the parser of Fn::Sub strings, shared with the evaluator.
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace chokepoint {

struct References {
  std::set<std::string> refs;                                // Ref and ${Name} targets
  std::set<std::pair<std::string, std::string>> attributes;  // Fn::GetAtt and ${Name.Attribute}
  std::set<std::string> conditions;                          // conditions named by Fn::If / Condition
  std::set<std::string> unsupported;                         // Fn::X that CloudFormation does not support
  std::vector<std::string> malformed;                        // messages for malformed function arguments
};

// With `decide`, Fn::If follows only the branch its (already known) condition selects, as CloudFormation
// does when it orders resources; without, both branches count.
using ConditionOracle = std::function<std::optional<bool>(const std::string&)>;
void collect_references(const nlohmann::json& expr, References& out, const ConditionOracle* decide = nullptr);

// The functions a template may use.
bool is_supported_function(const std::string& name);
std::string supported_functions_list();  // "[Fn::Base64, Fn::GetAtt, ...]" for the error message

// Fn::Sub: literal text and ${Variable} parts; "${!Literal}" is the literal text "${Literal}".
struct SubPart {
  std::string text;
  bool variable = false;
};
std::optional<std::vector<SubPart>> parse_sub_template(const std::string& text);

// A Fn::GetAtt argument as [resource, attribute] (the string form splits at the first dot). Null when
// malformed. The attribute may itself be an expression.
std::optional<std::pair<std::string, nlohmann::json>> get_att_target(const nlohmann::json& arg);

}  // namespace chokepoint
