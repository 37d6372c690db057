#pragma once
// Evaluation of template expressions: Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::If,
// Fn::Equals/And/Or/Not, Fn::FindInMap, Fn::Base64, Fn::GetAZs, Fn::ImportValue, Fn::Cidr and the pseudo
// parameters. Lookups go through EvalContext, so the same code serves template checks, condition
// evaluation, provisioning and outputs. Not thread-safe by itself: the callbacks decide.
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace chokepoint {

// A problem with the template found while evaluating it; the message is CloudFormation's ("Template error: ...").
class TemplateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct EvalContext {
  // Template parameters and pseudo parameters (AWS::Region, ...), resolved: strings, or arrays for list types.
  const std::map<std::string, nlohmann::json>* parameters = nullptr;
  const nlohmann::json* mappings = nullptr;
  // A condition's value; throws TemplateError when it is not declared.
  std::function<bool(const std::string&)> condition;
  // A resource's Ref value and attributes; nullopt when the resource is unknown or has none yet.
  std::function<std::optional<nlohmann::json>(const std::string&)> ref;
  std::function<std::optional<nlohmann::json>(const std::string&, const std::string&)> attribute;
  // An export's value; nullopt when no stack exports the name.
  std::function<std::optional<std::string>(const std::string&)> import_value;
  // Availability zones of a region ("" = the stack's region).
  std::function<std::vector<std::string>(const std::string&)> zones;
};

// Evaluates an expression. A Ref to AWS::NoValue removes the enclosing property or list element; at the top
// level the result is nullopt. Throws TemplateError.
std::optional<nlohmann::json> evaluate(const nlohmann::json& expr, const EvalContext& ctx);

// A condition expression (Fn::Equals/And/Or/Not, {"Condition": name}) to a boolean. Throws TemplateError.
bool evaluate_condition(const nlohmann::json& expr, const EvalContext& ctx);

// Scalars as CloudFormation treats them in strings: numbers and booleans as their text.
std::optional<std::string> scalar_string(const nlohmann::json& value);

}  // namespace chokepoint
