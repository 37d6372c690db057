#include "services/ssm/parameter_view.hpp"

#include "common/json_parser.hpp"
#include "common/json_text.hpp"
#include "common/time_format.hpp"
#include "config/ssm_parameter_names.hpp"
#include "services/ssm/parameter_policies.hpp"
#include "services/ssm/ssm_encoding.hpp"

namespace chokepoint {

namespace {

// Members that ParameterMetadata and ParameterHistory share.
void describe_version(const ParameterVersion& v, nlohmann::json& out) {
  out["Type"] = v.type;
  if (!v.key_id.empty()) out["KeyId"] = v.key_id;
  out["LastModifiedDate"] = epoch_seconds(v.modified);
  out["LastModifiedUser"] = v.modified_user;
  if (!v.description.empty()) out["Description"] = v.description;
  if (!v.allowed_pattern.empty()) out["AllowedPattern"] = v.allowed_pattern;
  out["Version"] = v.version;
  out["Tier"] = v.tier;
  out["Policies"] = inline_policies(v.policies);
  out["DataType"] = v.data_type;
}

}  // namespace

std::string shown_value(const ParameterVersion& v, bool decrypt) {
  if (v.type != "SecureString" || decrypt) return v.value;
  return secure_string_ciphertext(v.key_id, v.value);
}

// Written as text, members in the order a JSON tree would print them, since GetParameter is the hot read path.
void append_parameter_json(std::string& out, const StoredParameter& p, const ParameterVersion& v,
                           std::string_view selector, bool decrypt, ViewScope scope) {
  JsonObjectWriter object(out);
  append_json_string(object.key("ARN"), parameter_arn(scope.account, scope.region, p.name));
  append_json_string(object.key("DataType"), v.data_type);
  append_json_double(object.key("LastModifiedDate"), epoch_seconds(v.modified));
  append_json_string(object.key("Name"), p.name);
  if (!selector.empty()) append_json_string(object.key("Selector"), selector);
  append_json_string(object.key("Type"), v.type);
  append_json_string(object.key("Value"), shown_value(v, decrypt));
  object.key("Version").append(std::to_string(v.version));
  object.close();
}

nlohmann::json parameter_json(const StoredParameter& p, const ParameterVersion& v, std::string_view selector,
                              bool decrypt, ViewScope scope) {
  std::string text;
  append_parameter_json(text, p, v, selector, decrypt, scope);
  nlohmann::json out;
  parse_json(text, out);
  return out;
}

nlohmann::json metadata_json(const StoredParameter& p, ViewScope scope) {
  nlohmann::json out = {{"Name", p.name}, {"ARN", parameter_arn(scope.account, scope.region, p.name)}};
  describe_version(p.latest(), out);
  return out;
}

nlohmann::json history_json(const StoredParameter& p, const ParameterVersion& v, bool decrypt) {
  nlohmann::json out = {{"Name", p.name}, {"Value", shown_value(v, decrypt)}, {"Labels", v.labels}};
  describe_version(v, out);
  return out;
}

}  // namespace chokepoint
