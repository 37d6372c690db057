#include "services/cloudformation/ec2_provider_steps.hpp"

#include <algorithm>

#include "services/cloudformation/downstream_errors.hpp"
#include "services/cloudformation/ec2_instance_requests.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

// The query name of a LaunchTemplateData member: a list's member name without its plural "s", but for the
// members botocore's ec2 model names otherwise (RequestLaunchTemplateData and its nested structures).
std::string query_member_name(const std::string& parent, const std::string& key, bool list) {
  if (parent == "NetworkInterfaces" && key == "Groups") return "SecurityGroupId";
  if (parent == "NetworkInterfaces" && (key == "Ipv6Addresses" || key == "PrivateIpAddresses")) return key;
  if (!list || key.empty() || key.back() != 's') return key;
  return key.substr(0, key.size() - 1);
}

json query_form(const std::string& parent, const json& value) {
  if (value.is_array()) {
    json out = json::array();
    for (const auto& item : value) out.push_back(query_form(parent, item));
    return out;
  }
  if (!value.is_object()) return query_text(value);
  json out = json::object();
  for (const auto& [key, child] : value.items()) out[query_member_name(parent, key, child.is_array())] = query_form(key, child);
  return out;
}

}  // namespace

ChainTask::Check read_answer(std::string request_token, std::function<bool(const json&, std::string&)> read,
                             std::vector<std::string> ok_codes) {
  return [token = std::move(request_token), read = std::move(read), ok = std::move(ok_codes)](
             const CallOutcome& outcome, std::string& reason) {
    if (const ApiError* e = error_of(outcome)) {
      if (std::find(ok.begin(), ok.end(), e->code) != ok.end()) return ChainTask::Verdict::kNext;
      reason = handler_failure_reason(outcome, token);
      return ChainTask::Verdict::kFail;
    }
    const json answer = std::get<ApiResponse>(outcome.result).tree();
    return read(answer, reason) ? ChainTask::Verdict::kNext : ChainTask::Verdict::kFail;
  };
}

json tag_specification(const std::string& resource_type, const json& tags) {
  if (!tags.is_array() || tags.empty()) return json();
  return json::array({{{"ResourceType", resource_type}, {"Tag", tags}}});
}

json launch_template_data_request(const json& data) {
  return query_form("", data.is_object() ? data : json::object());
}

}  // namespace chokepoint
