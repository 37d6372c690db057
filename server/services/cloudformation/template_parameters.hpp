#pragma once
// Parameter values for a stack: the caller's values (or UsePreviousValue) over the template's defaults,
// checked against Type, AllowedValues, AllowedPattern and the length and value bounds, with
// CloudFormation's messages.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "services/cloudformation/template_model.hpp"

namespace chokepoint {

struct ParameterInput {
  std::string key;
  std::optional<std::string> value;
  bool use_previous = false;
};

struct ResolvedParameter {
  std::string key;
  std::string value;         // as given (list types comma-joined)
  nlohmann::json evaluated;  // what Ref yields: a string, or an array for list types
  std::string type;
  bool no_echo = false;
  std::string resolved_value;  // AWS::SSM::Parameter::Value<...>: the value read from Parameter Store
};

using ParameterResolution = std::variant<std::vector<ResolvedParameter>, std::string>;

// `previous`: the stack's current values, for UsePreviousValue (null on create).
ParameterResolution resolve_parameters(const Template& tmpl, const std::vector<ParameterInput>& inputs,
                                       const std::map<std::string, std::string>* previous);

// Reads the Parameters list of a request (ParameterKey/ParameterValue/UsePreviousValue). Returns the
// ValidationError message when malformed.
std::variant<std::vector<ParameterInput>, std::string> read_parameter_inputs(const nlohmann::json& params);

// What Ref yields for a value of this type.
nlohmann::json parameter_ref_value(const std::string& type, const std::string& value);

}  // namespace chokepoint
