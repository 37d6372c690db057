#pragma once
// What every Application Auto Scaling request shares: required members, the service namespace, the target a call
// names, pagination, and the "no such target" message.
#include <nlohmann/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "protocol/api_types.hpp"
#include "protocol/result.hpp"
#include "services/autoscaling/scaling_model.hpp"

namespace chokepoint {

// A string member that must be present and non-empty; `field` is its name in the model's error wording.
Result<std::string> required_scaling_param(const ApiRequest& request, const char* member, const char* field);
// ServiceNamespace: one of the model's values, and dynamodb for anything beyond reading.
std::optional<ApiError> check_scaling_namespace(const ApiRequest& request);
// ResourceId and ScalableDimension, both required.
Result<ScalableResource> read_scaling_resource(const ApiRequest& request);
std::string no_scalable_target(const ScalableResource& r);
// MaxResults (1..50, default 50) and NextToken: (offset, page size).
Result<std::pair<size_t, long long>> read_scaling_page(const ApiRequest& request);
// The Describe calls' ResourceId and ScalableDimension filters; an absent one matches every resource.
struct ScalingResourceFilter {
  std::string resource_id, dimension;
  bool matches(const ScalableResource& r) const {
    return (resource_id.empty() || r.resource_id == resource_id) && (dimension.empty() || r.dimension == dimension);
  }
};
ScalingResourceFilter read_scaling_resource_filter(const ApiRequest& request);
// Tags (a map of key to value) added to `tags`: keys of 1 to 128 characters, values of up to 256, at most 50 in all
// (TooManyTagsException beyond). `tags` is unchanged on an error.
std::optional<ApiError> add_scaling_tags(const ApiRequest& request, std::map<std::string, std::string>& tags);
// Whether `value` is in the list member (an absent or empty list matches everything).
bool in_scaling_list(const nlohmann::json& params, const char* member, const std::string& value);

// "arn:aws:autoscaling:REGION:ACCOUNT:KIND:UUID:resource/dynamodb/RESOURCE_ID:NAME_PART", the form of policy
// (KIND scalingPolicy, NAME_PART policyName/N) and scheduled action (scheduledAction, scheduledActionName/N) ARNs.
std::string scaling_arn(const Identity& identity, const std::string& kind, const std::string& uuid,
                        const ScalableResource& resource, const std::string& name_part);
// The target's step scaling policy of that name, or null.
StepScalingPolicy* find_step_policy(ScalableTarget& target, const std::string& name);
const StepScalingPolicy* find_step_policy(const ScalableTarget& target, const std::string& name);

// One page of `items` (already filtered) under `key`, with NextToken when more are left.
template <typename Items, typename ToJson>
ApiResponse scaling_page_of(const Items& items, std::pair<size_t, long long> page, const char* key, ToJson to_json) {
  ApiResponse response;
  auto& out = response.body[key] = nlohmann::json::array();
  size_t i = 0;
  for (const auto& item : items) {
    if (i++ < page.first) continue;
    if (static_cast<long long>(out.size()) == page.second) {
      response.body["NextToken"] = std::to_string(i - 1);
      break;
    }
    out.push_back(to_json(item));
  }
  return response;
}

}  // namespace chokepoint
