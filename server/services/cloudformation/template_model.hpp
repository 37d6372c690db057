#pragma once
// A template's sections read into typed declarations, with CloudFormation's structural checks
// ("Template format error: ..."). Expressions (properties, output values, conditions) stay JSON trees; they
// are checked against each other by template_checks and evaluated by intrinsic_functions.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace chokepoint {

struct ParameterDecl {
  std::string name;
  std::string type;
  std::string description;
  std::string constraint_description;
  std::optional<std::string> default_value;  // list defaults comma-joined, as the API reports them
  std::vector<std::string> allowed_values;
  std::string allowed_pattern;
  std::optional<long long> min_length, max_length;
  std::optional<double> min_value, max_value;
  bool no_echo = false;
};

struct ResourceDecl {
  std::string logical_id;
  std::string type;
  nlohmann::json properties = nlohmann::json::object();
  std::vector<std::string> depends_on;
  std::string condition;
  std::string deletion_policy;  // "Delete" (default), "Retain", "Snapshot", "RetainExceptOnCreate"
  nlohmann::json metadata;      // null when absent
  nlohmann::json definition;    // the whole declaration, to tell whether an update changed it
};

struct OutputDecl {
  std::string name;
  nlohmann::json value;
  nlohmann::json description;  // null when absent
  nlohmann::json export_name;  // null when absent (an expression)
  std::string condition;
};

struct Template {
  nlohmann::json tree;
  std::string description;
  std::vector<ParameterDecl> parameters;  // by name
  nlohmann::json mappings = nlohmann::json::object();
  nlohmann::json conditions = nlohmann::json::object();
  std::map<std::string, ResourceDecl> resources;
  std::vector<OutputDecl> outputs;
  std::vector<std::string> transforms;
  nlohmann::json metadata;  // null when absent

  const ParameterDecl* parameter(const std::string& name) const;
  const ResourceDecl* resource(const std::string& name) const;
};

// The typed template, or the ValidationError message.
using TemplateBuild = std::variant<Template, std::string>;
TemplateBuild build_template(const nlohmann::json& tree);

// The parameter types CloudFormation accepts (String, Number, List<Number>, CommaDelimitedList, the
// AWS-specific types and their List<> forms, AWS::SSM::Parameter::Value<...>).
bool is_known_parameter_type(const std::string& type);
bool is_list_parameter_type(const std::string& type);
bool is_ssm_parameter_type(const std::string& type);  // AWS::SSM::Parameter::Value<...>

}  // namespace chokepoint
