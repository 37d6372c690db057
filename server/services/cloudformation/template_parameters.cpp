#include "services/cloudformation/template_parameters.hpp"

#include <algorithm>
#include <cmath>
#include <regex>

#include "common/strings.hpp"
#include "protocol/params.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::vector<std::string> list_items(const std::string& value) {
  std::vector<std::string> out;
  if (value.empty()) return out;
  for (const auto item : split(value, ',')) out.emplace_back(item);
  return out;
}

std::optional<double> number(const std::string& text) {
  const auto t = std::string(trim(text));
  char* end = nullptr;
  const double d = std::strtod(t.c_str(), &end);
  if (t.empty() || end != t.c_str() + t.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

std::string format_bound(double d) {
  return d == std::floor(d) && std::abs(d) < 1e15 ? std::to_string(static_cast<long long>(d)) : std::to_string(d);
}

// The first constraint `item` breaks, as CloudFormation words it; nullopt when it satisfies all.
std::optional<std::string> constraint_failure(const ParameterDecl& p, const std::string& item) {
  const std::string name = "Parameter '" + p.name + "'";
  const bool numeric = p.type == "Number" || p.type == "List<Number>";
  const auto n = number(item);
  if (numeric && !n) return name + (p.type == "Number" ? " must be a number." : " must be a number list.");
  if (!p.allowed_values.empty() &&
      std::find(p.allowed_values.begin(), p.allowed_values.end(), item) == p.allowed_values.end()) {
    return name + " must be one of AllowedValues";
  }
  if (!p.allowed_pattern.empty()) {
    try {
      if (!std::regex_match(item, std::regex(p.allowed_pattern)))
        return name + " must match pattern " + p.allowed_pattern;
    } catch (const std::regex_error&) {
      return name + " has an invalid AllowedPattern " + p.allowed_pattern;
    }
  }
  const auto length = static_cast<long long>(item.size());
  if (p.min_length && length < *p.min_length) {
    return name + " must contain at least " + std::to_string(*p.min_length) + " characters";
  }
  if (p.max_length && length > *p.max_length) {
    return name + " must contain at most " + std::to_string(*p.max_length) + " characters";
  }
  if (numeric && p.min_value && *n < *p.min_value)
    return name + " must be a number not less than " + format_bound(*p.min_value);
  if (numeric && p.max_value && *n > *p.max_value) {
    return name + " must be a number not greater than " + format_bound(*p.max_value);
  }
  return std::nullopt;
}

std::optional<std::string> check_value(const ParameterDecl& p, const std::string& value) {
  const std::vector<std::string> items = is_list_parameter_type(p.type) ? list_items(value) : std::vector{value};
  for (const auto& item : items) {
    if (auto failure = constraint_failure(p, item)) {
      if (!p.constraint_description.empty()) {
        return "Parameter '" + p.name + "' failed to satisfy constraint: " + p.constraint_description;
      }
      return failure;
    }
  }
  return std::nullopt;
}

}  // namespace

json parameter_ref_value(const std::string& type, const std::string& value) {
  if (!is_list_parameter_type(type)) return value;
  json out = json::array();
  for (const auto& item : list_items(value)) out.push_back(item);
  return out;
}

ParameterResolution resolve_parameters(const Template& tmpl, const std::vector<ParameterInput>& inputs,
                                       const std::map<std::string, std::string>* previous) {
  std::vector<std::string> unknown, missing;
  std::map<std::string, const ParameterInput*> given;
  for (const auto& input : inputs) {
    if (!tmpl.parameter(input.key)) unknown.push_back(input.key);
    given[input.key] = &input;
  }
  if (!unknown.empty()) return "Parameters: [" + join_names(unknown) + "] do not exist in the template";
  std::vector<ResolvedParameter> out;
  for (const auto& p : tmpl.parameters) {
    std::optional<std::string> value;
    const auto it = given.find(p.name);
    if (it != given.end() && it->second->use_previous) {
      if (!previous || !previous->count(p.name)) {
        return "Invalid input for parameter key " + p.name +
               ". Cannot specify usePreviousValue as true for a parameter key not in the previous template";
      }
      value = previous->at(p.name);
    } else if (it != given.end() && it->second->value) {
      value = it->second->value;
    } else {
      value = p.default_value;
    }
    if (!value) {
      missing.push_back(p.name);
      continue;
    }
    if (auto failure = check_value(p, *value)) return *failure;
    out.push_back(ResolvedParameter{p.name, *value, parameter_ref_value(p.type, *value), p.type, p.no_echo, ""});
  }
  if (!missing.empty()) return "Parameters: [" + join_names(missing) + "] must have values";
  return out;
}

std::variant<std::vector<ParameterInput>, std::string> read_parameter_inputs(const json& params) {
  std::vector<ParameterInput> out;
  const json* list = param_list(params, "Parameters");
  if (!list) return out;
  for (const auto& item : *list) {
    ParameterInput input;
    bool bad = false;
    input.key = param_string(item, "ParameterKey", &bad).value_or("");
    input.value = param_string(item, "ParameterValue", &bad);
    input.use_previous = param_bool(item, "UsePreviousValue", &bad).value_or(false);
    if (bad || input.key.empty()) return std::string("Every parameter must have a ParameterKey");
    if (input.use_previous && input.value) {
      return "Invalid input for parameter key " + input.key +
             ". Cannot specify usePreviousValue as true and "
             "non empty value for a parameter";
    }
    out.push_back(std::move(input));
  }
  return out;
}

}  // namespace chokepoint
