// TagResource, UntagResource and ListTagsForResource on scalable targets (the only taggable resource), and
// GetPredictiveScalingForecast, which has nothing to forecast here.
// [AASAPI] https://docs.aws.amazon.com/autoscaling/application/APIReference/API_TagResource.html
#include <mutex>
#include <regex>
#include <string>

#include "protocol/params.hpp"
#include "services/autoscaling/autoscaling_errors.hpp"
#include "services/autoscaling/autoscaling_service.hpp"
#include "services/autoscaling/scaling_params.hpp"

namespace chokepoint {

Result<ScalableTarget*> AutoScalingService::tagged_target(const ApiRequest& request) {
  const std::string arn = param_string(request.params, "ResourceARN").value_or("");
  // The model's AmazonResourceName pattern.
  static const std::regex kTargetArn(R"(^arn:.+:application-autoscaling:.+:[0-9]+:scalable-target/[a-zA-Z0-9-]+$)");
  if (!std::regex_match(arn, kTargetArn)) {
    return autoscaling_validation("1 validation error detected: Value '" + arn +
                                  "' at 'resourceARN' failed to satisfy constraint: Member must satisfy regular "
                                  "expression pattern: ^arn:.+:application-autoscaling:.+:[0-9]+:scalable-target\\/"
                                  "[a-zA-Z0-9-]+$");
  }
  for (auto& [key, target] : region_for(request.identity).targets) {
    if (target.arn == arn) return &target;
  }
  ApiError e = make_error("ResourceNotFoundException", "No scalable target found for ARN: " + arn);
  e.message_key = "Message";
  e.extra = {{"ResourceName", arn}};
  return e;
}

ApiResult AutoScalingService::tag_resource(const ApiRequest& request, CallContext&) {
  if (!param(request.params, "Tags")) {
    return autoscaling_validation("1 validation error detected: Value null at 'tags' failed to satisfy constraint: "
                                  "Member must not be null");
  }
  std::lock_guard lock(mutex_);
  auto target = tagged_target(request);
  if (!target) return std::move(target).error();
  if (auto e = add_scaling_tags(request, (*target)->tags)) return *e;
  journal_target(request.identity.account_id, request.identity.region, (*target)->resource, *target);
  return ApiResponse{};
}

ApiResult AutoScalingService::untag_resource(const ApiRequest& request, CallContext&) {
  const nlohmann::json* keys = param_list(request.params, "TagKeys");
  if (!keys) {
    return autoscaling_validation("1 validation error detected: Value null at 'tagKeys' failed to satisfy "
                                  "constraint: Member must not be null");
  }
  std::lock_guard lock(mutex_);
  auto target = tagged_target(request);
  if (!target) return std::move(target).error();
  for (const auto& key : *keys) {
    if (key.is_string()) (*target)->tags.erase(key.get<std::string>());
  }
  journal_target(request.identity.account_id, request.identity.region, (*target)->resource, *target);
  return ApiResponse{};
}

ApiResult AutoScalingService::list_tags_for_resource(const ApiRequest& request, CallContext&) {
  std::lock_guard lock(mutex_);
  auto target = tagged_target(request);
  if (!target) return std::move(target).error();
  ApiResponse response;
  response.body["Tags"] = (*target)->tags;
  return response;
}

// Predictive scaling is an ECS-only policy type; the namespaces Chokepoint scales have no forecast.
// [AASPS] https://docs.aws.amazon.com/autoscaling/application/userguide/aas-create-predictive-scaling-policy.html
ApiResult AutoScalingService::get_predictive_scaling_forecast(const ApiRequest& request, CallContext&) {
  if (auto e = check_scaling_namespace(request)) return *e;
  auto resource = read_scaling_resource(request);
  if (!resource) return resource.error();
  auto name = required_scaling_param(request, "PolicyName", "policyName");
  if (!name) return name.error();
  return autoscaling_validation("Predictive scaling is not supported for service namespace: dynamodb; there is no "
                                "predictive scaling policy " + *name + " for resource ID: " + resource->resource_id +
                                ", scalable dimension: " + resource->dimension);
}

}  // namespace chokepoint
