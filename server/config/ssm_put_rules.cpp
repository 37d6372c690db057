#include "config/ssm_put_rules.hpp"

#include <algorithm>
#include <regex>

#include "config/ssm_error_values.hpp"
#include "config/ssm_parameter_names.hpp"

namespace chokepoint {

namespace {

bool one_of(std::string_view value, std::initializer_list<std::string_view> choices) {
  for (auto c : choices) {
    if (c == value) return true;
  }
  return false;
}

bool is_key_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':' || c == '/' ||
         c == '_' || c == '-';
}

std::optional<ApiError> check_length(const std::optional<std::string>& value, std::string_view member, std::size_t min,
                                     std::size_t max) {
  if (!value) return std::nullopt;
  if (value->size() < min) {
    return constraint_error(*value, member, "Member must have length greater than or equal to " + std::to_string(min));
  }
  if (value->size() > max) {
    return constraint_error(*value, member, "Member must have length less than or equal to " + std::to_string(max));
  }
  return std::nullopt;
}

std::optional<ApiError> check_enums(const PutInput& in) {
  if (in.type && !one_of(*in.type, {"String", "StringList", "SecureString"})) {
    return constraint_error(*in.type, "type", "Member must satisfy enum value set: [SecureString, StringList, String]");
  }
  if (in.tier && !one_of(*in.tier, {"Standard", "Advanced", "Intelligent-Tiering"})) {
    return constraint_error(*in.tier, "tier",
                            "Member must satisfy enum value set: [Standard, Advanced, Intelligent-Tiering]");
  }
  if (in.data_type && !one_of(*in.data_type, {"text", "aws:ec2:image", "aws:ssm:integration"})) {
    return validation_error("The following data type is not supported: " + *in.data_type +
                            " (Data type names are all lowercase.)");
  }
  return std::nullopt;
}

std::optional<ApiError> check_lengths(const PutInput& in) {
  if (auto e = check_length(in.description, "description", 0, 1024)) return e;
  if (auto e = check_length(in.allowed_pattern, "allowedPattern", 0, 1024)) return e;
  if (auto e = check_length(in.key_id, "keyId", 1, 256)) return e;
  if (in.key_id && !std::all_of(in.key_id->begin(), in.key_id->end(), is_key_id_char)) {
    return constraint_error(*in.key_id, "keyId",
                            "Member must satisfy regular expression pattern: ^([a-zA-Z0-9:/_-]+)$");
  }
  if (auto e = check_length(in.data_type, "dataType", 0, 128)) return e;
  return check_length(in.policies, "policies", 1, 4096);
}

std::optional<ApiError> check_value(const PutInput& in) {
  if (in.value.empty()) {
    return validation_error(
        "1 validation error detected: Value '' at 'value' failed to satisfy constraint: Member must have length "
        "greater than or equal to 1.");
  }
  const auto open = in.value.find("{{");
  if (open != std::string::npos && in.value.find("}}", open + 2) != std::string::npos) {
    return validation_error("Parameter value can't nest another parameter. Do not use \"{{}}\" in the value.");
  }
  if (in.value.size() > kAdvancedValueBytes) {
    return validation_error("Advanced tier parameters support a maximum parameter value of 8192 characters.");
  }
  if (in.tier == "Standard" && in.value.size() > kStandardValueBytes) return standard_tier_too_small();
  return std::nullopt;
}

}  // namespace

ApiError standard_tier_too_small() {
  return validation_error(
      "Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter "
      "value, upgrade the parameter to use the advanced-parameter tier. For more information, see "
      "https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html");
}

std::optional<ApiError> check_allowed_pattern(const std::string& pattern, const std::string& value) {
  if (pattern.empty()) return std::nullopt;
  try {
    const std::regex re(pattern, std::regex::ECMAScript);
    if (std::regex_match(value, re)) return std::nullopt;
  } catch (const std::regex_error& e) {
    // A pattern that cannot be compiled is the request's fault; one that is too complex to run on this
    // value cannot validate it either.
    if (e.code() != std::regex_constants::error_complexity && e.code() != std::regex_constants::error_stack) {
      return ssm_error("InvalidAllowedPatternException",
                       "The request doesn't meet the regular expression requirement: " + pattern);
    }
  }
  return ssm_error("ParameterPatternMismatchException",
                   "Parameter value, cannot be validated against allowedPattern: " + pattern);
}

std::optional<ApiError> check_put_input(const PutInput& in, std::string_view account, std::string_view region) {
  if (auto e = check_new_name(in.name, account, region)) return e;
  if (auto e = check_enums(in)) return e;
  if (auto e = check_lengths(in)) return e;
  if (auto e = check_value(in)) return e;
  if (in.overwrite && !in.tags.empty()) {
    return validation_error(
        "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please "
        "remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or "
        "RemoveTagsFromResource.");
  }
  if (in.tags.size() > 50) return ssm_error("TooManyTagsError", "A parameter can have at most 50 tags.");
  if (in.allowed_pattern) return check_allowed_pattern(*in.allowed_pattern, in.value);
  return std::nullopt;
}

PutInput put_input_from_seed(const SsmSeedParameter& seed) {
  PutInput in;
  in.name = seed.name;
  in.value = seed.value;
  in.type = seed.type;
  in.key_id = seed.key_id;
  in.description = seed.description;
  in.allowed_pattern = seed.allowed_pattern;
  in.tier = seed.tier;
  in.data_type = seed.data_type;
  in.tags = seed.tags;
  return in;
}

}  // namespace chokepoint
