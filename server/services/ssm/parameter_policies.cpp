#include "services/ssm/parameter_policies.hpp"

#include <set>

#include "common/strings.hpp"
#include "common/time_format.hpp"
#include "services/ssm/ssm_errors.hpp"

namespace chokepoint {

namespace {

ApiError attribute_error(std::string detail) {
  return ssm_error("InvalidPolicyAttributeException", "A policy attribute or its value is invalid. " + detail);
}

std::optional<std::string> attribute(const nlohmann::json& policy, const char* name) {
  const auto attributes = policy.find("Attributes");
  if (attributes == policy.end() || !attributes->is_object()) return std::nullopt;
  const auto value = attributes->find(name);
  if (value == attributes->end() || !value->is_string()) return std::nullopt;
  return value->get<std::string>();
}

// ExpirationNotification {Before, Unit} and NoChangeNotification {After, Unit}: a count of Days or Hours.
std::optional<ApiError> check_notification(const nlohmann::json& policy, const char* count_name) {
  auto count = attribute(policy, count_name);
  auto unit = attribute(policy, "Unit");
  long long n = 0;
  if (!count || !parse_int64(*count, n) || n < 1) {
    return attribute_error(std::string(count_name) + " must be a positive whole number.");
  }
  if (!unit || (*unit != "Days" && *unit != "Hours")) return attribute_error("Unit must be Days or Hours.");
  return std::nullopt;
}

std::optional<ApiError> check_policy(const nlohmann::json& policy, ParsedPolicies& out) {
  const auto type = policy.find("Type");
  const std::string name = type != policy.end() && type->is_string() ? type->get<std::string>() : "";
  if (name == "Expiration") {
    auto stamp = attribute(policy, "Timestamp");
    auto when = stamp ? parse_timestamp(*stamp) : std::nullopt;
    if (!when) return attribute_error("Expiration needs a Timestamp such as 2030-01-01T00:00:00.000Z.");
    out.expiration = *when;
    return std::nullopt;
  }
  if (name == "ExpirationNotification") return check_notification(policy, "Before");
  if (name == "NoChangeNotification") return check_notification(policy, "After");
  return ssm_error("InvalidPolicyTypeException",
                   "The policy type " + name +
                       " isn't supported. Parameter Store supports the following policy types: Expiration, "
                       "ExpirationNotification, and NoChangeNotification.");
}

}  // namespace

Result<ParsedPolicies> parse_policies(std::string_view text) {
  const auto list = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!list.is_array()) {
    return ssm_error("InvalidPolicyTypeException", "Policies must be a JSON array of policy objects.");
  }
  if (list.size() > kMaxPolicies) {
    return ssm_error("PoliciesLimitExceededException",
                     "You specified more than the maximum number of allowed policies for the parameter. The "
                     "maximum is 10.");
  }
  ParsedPolicies out;
  std::set<std::string> types;
  for (const auto& policy : list) {
    if (!policy.is_object()) return ssm_error("InvalidPolicyTypeException", "Each policy must be a JSON object.");
    if (auto error = check_policy(policy, out)) return std::move(*error);
    const std::string type = policy["Type"].get<std::string>();
    if (!types.insert(type).second) {
      return ssm_error("IncompatiblePolicyException",
                       "There is a conflict in the policies specified for this parameter: more than one " + type +
                           " policy. Review your policies, and try again.");
    }
  }
  out.count = list.size();
  return out;
}

nlohmann::json inline_policies(std::string_view text) {
  nlohmann::json out = nlohmann::json::array();
  if (text.empty()) return out;
  const auto list = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!list.is_array()) return out;
  for (const auto& policy : list) {
    out.push_back(
        {{"PolicyText", policy.dump()}, {"PolicyType", policy.value("Type", "")}, {"PolicyStatus", "Pending"}});
  }
  return out;
}

}  // namespace chokepoint
