// Scalable targets, target-tracking policies and scaling activities: the API's handlers.
#include <algorithm>
#include <cmath>

#include "common/strings.hpp"
#include "common/time_format.hpp"
#include "protocol/params.hpp"
#include "services/autoscaling/autoscaling_errors.hpp"
#include "services/autoscaling/autoscaling_service.hpp"
#include "services/autoscaling/scaling_params.hpp"
#include "services/autoscaling/scaling_requests.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

json target_json(const ScalableTarget& t) {
  return {{"ServiceNamespace", "dynamodb"},
          {"ResourceId", t.resource.resource_id},
          {"ScalableDimension", t.resource.dimension},
          {"MinCapacity", t.min_capacity},
          {"MaxCapacity", t.max_capacity},
          {"RoleARN", t.role_arn},
          {"CreationTime", epoch_seconds(t.created)},
          {"SuspendedState",
           {{"DynamicScalingInSuspended", t.scale_in_suspended},
            {"DynamicScalingOutSuspended", t.scale_out_suspended},
            {"ScheduledScalingSuspended", t.scheduled_suspended}}},
          {"ScalableTargetARN", t.arn}};
}

json step_policy_json(const ScalableTarget& t, const StepScalingPolicy& p) {
  return {{"PolicyARN", p.arn},
          {"PolicyName", p.name},
          {"ServiceNamespace", "dynamodb"},
          {"ResourceId", t.resource.resource_id},
          {"ScalableDimension", t.resource.dimension},
          {"PolicyType", "StepScaling"},
          {"StepScalingPolicyConfiguration", step_configuration_json(p)},
          {"Alarms", json::array()},
          {"CreationTime", epoch_seconds(p.created)}};
}

json alarms_json(const TargetTrackingPolicy& p, const std::string& account, const std::string& region) {
  const std::string prefix = "arn:aws:cloudwatch:" + region + ":" + account + ":alarm:";
  return json::array({{{"AlarmName", p.alarm_high}, {"AlarmARN", prefix + p.alarm_high}},
                      {{"AlarmName", p.alarm_low}, {"AlarmARN", prefix + p.alarm_low}}});
}

json policy_json(const ScalableTarget& t, const std::string& account, const std::string& region) {
  const TargetTrackingPolicy& p = *t.policy;
  json config = {{"TargetValue", p.target_value}, {"DisableScaleIn", p.disable_scale_in}};
  if (p.customized_metric.is_null()) {
    config["PredefinedMetricSpecification"] = {
        {"PredefinedMetricType",
         t.resource.write ? "DynamoDBWriteCapacityUtilization" : "DynamoDBReadCapacityUtilization"}};
  } else {
    config["CustomizedMetricSpecification"] = p.customized_metric;
  }
  if (p.scale_out_cooldown) config["ScaleOutCooldown"] = p.scale_out_cooldown;
  if (p.scale_in_cooldown) config["ScaleInCooldown"] = p.scale_in_cooldown;
  return {{"PolicyARN", p.arn},
          {"PolicyName", p.name},
          {"ServiceNamespace", "dynamodb"},
          {"ResourceId", t.resource.resource_id},
          {"ScalableDimension", t.resource.dimension},
          {"PolicyType", "TargetTrackingScaling"},
          {"TargetTrackingScalingPolicyConfiguration", config},
          {"Alarms", alarms_json(p, account, region)},
          {"CreationTime", epoch_seconds(p.created)}};
}

// TargetTrackingScalingPolicyConfiguration, for a DynamoDB dimension.
Result<TargetTrackingPolicy> read_target_tracking(const ApiRequest& request, const ScalableResource& resource) {
  const auto* config = param(request.params, "TargetTrackingScalingPolicyConfiguration");
  if (!config || !config->is_object()) {
    return autoscaling_validation(
        "TargetTrackingScalingPolicyConfiguration is required for a TargetTrackingScaling "
        "policy");
  }
  TargetTrackingPolicy p;
  const auto* target = param(*config, "TargetValue");
  if (!target || !target->is_number()) {
    return autoscaling_validation(
        "1 validation error detected: Value null at "
        "'targetTrackingScalingPolicyConfiguration.targetValue' failed to satisfy "
        "constraint: Member must not be null");
  }
  p.target_value = target->get<double>();
  const auto* predefined = param(*config, "PredefinedMetricSpecification");
  if (const auto* customized = param(*config, "CustomizedMetricSpecification")) {
    if (predefined) {
      return autoscaling_validation(
          "Specify either PredefinedMetricSpecification or CustomizedMetricSpecification, not both");
    }
    auto spec = read_customized_metric(*customized);
    if (!spec) return spec.error();
    if (!(p.target_value > 0)) return autoscaling_validation("The target value must be greater than 0");
    p.customized_metric = *spec;
  } else {
    // [DDBAS] https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html: DynamoDB's target
    // utilization is a percentage between 20 and 90.
    if (!(p.target_value >= 20 && p.target_value <= 90)) {
      return autoscaling_validation("The target value for DynamoDB must be between 20 and 90 percent");
    }
    const std::string wanted =
        resource.write ? "DynamoDBWriteCapacityUtilization" : "DynamoDBReadCapacityUtilization";
    const std::string type = predefined ? param_string(*predefined, "PredefinedMetricType").value_or("") : "";
    if (type != wanted) {
      return autoscaling_validation("The predefined metric type for " + resource.dimension + " must be " + wanted);
    }
  }
  bool bad = false;
  p.scale_out_cooldown = param_int(*config, "ScaleOutCooldown", &bad).value_or(0);
  p.scale_in_cooldown = param_int(*config, "ScaleInCooldown", &bad).value_or(0);
  p.disable_scale_in = param_bool(*config, "DisableScaleIn", &bad).value_or(false);
  if (bad || p.scale_out_cooldown < 0 || p.scale_in_cooldown < 0) {
    return autoscaling_validation(
        "ScaleOutCooldown and ScaleInCooldown must be whole seconds >= 0, and "
        "DisableScaleIn true or false");
  }
  return p;
}

}  // namespace

ApiResult AutoScalingService::register_scalable_target(const ApiRequest& request, CallContext& ctx) {
  if (auto e = check_scaling_namespace(request)) return *e;
  auto resource = read_scaling_resource(request);
  if (!resource) return resource.error();
  bool bad = false;
  const auto min = param_int(request.params, "MinCapacity", &bad);
  const auto max = param_int(request.params, "MaxCapacity", &bad);
  if (bad || (min && *min < 1) || (max && *max < 1)) {
    return autoscaling_validation("MinCapacity and MaxCapacity must be whole numbers of at least 1");
  }
  const Identity& id = request.identity;
  const auto capacity = current_capacity(id.account_id, id.region, *resource, ctx.now);
  if (!capacity) return capacity.error();

  ScalableTarget target;
  {
    std::lock_guard lock(mutex_);
    ScalingRegion& region = region_for(id);
    const auto existing = region.targets.find({resource->resource_id, resource->dimension});
    const bool update = existing != region.targets.end();
    if (!update && (!min || !max)) {
      return autoscaling_validation("MinCapacity and MaxCapacity are required to register a new scalable target");
    }
    target = update ? existing->second : ScalableTarget{};
    if (!update) {
      target.resource = *resource;
      target.created = ctx.now;
      target.arn = "arn:aws:application-autoscaling:" + id.region + ":" + id.account_id + ":scalable-target/" +
                   ids_.lower_hex(32);
    }
    if (min) target.min_capacity = *min;
    if (max) target.max_capacity = *max;
    if (target.min_capacity > target.max_capacity) {
      return autoscaling_validation("Minimum capacity cannot be greater than maximum capacity");
    }
    target.role_arn = param_string(request.params, "RoleARN")
                          .value_or("arn:aws:iam::" + id.account_id +
                                    ":role/aws-service-role/dynamodb.application-autoscaling.amazonaws.com/"
                                    "AWSServiceRoleForApplicationAutoScaling_DynamoDBTable");
    if (!update) {
      if (auto e = add_scaling_tags(request, target.tags)) return *e;
    }
    if (const auto* suspended = param(request.params, "SuspendedState"); suspended && suspended->is_object()) {
      target.scale_in_suspended = param_bool(*suspended, "DynamicScalingInSuspended").value_or(false);
      target.scale_out_suspended = param_bool(*suspended, "DynamicScalingOutSuspended").value_or(false);
      target.scheduled_suspended = param_bool(*suspended, "ScheduledScalingSuspended").value_or(false);
    }
    region.targets[{resource->resource_id, resource->dimension}] = target;
    journal_target(id.account_id, id.region, *resource, &target);
  }
  // A capacity outside the new range is brought into it at once, as AWS does.
  const long long clamped = std::clamp(capacity->first, target.min_capacity, target.max_capacity);
  if (clamped != capacity->first) {
    const std::string bound = clamped > capacity->first ? "minimum" : "maximum";
    set_capacity(id.account_id, id.region, *resource, clamped,
                 bound + " capacity was set to " + std::to_string(clamped), ctx.now);
  }
  if (target.policy) write_alarms(id.account_id, id.region, target, clamped, ctx.now);
  ApiResponse response;
  response.body["ScalableTargetARN"] = target.arn;
  return response;
}

ApiResult AutoScalingService::describe_scalable_targets(const ApiRequest& request, CallContext&) {
  if (auto e = check_scaling_namespace(request)) return *e;
  auto page = read_scaling_page(request);
  if (!page) return page.error();
  const std::string dimension = param_string(request.params, "ScalableDimension").value_or("");
  std::vector<ScalableTarget> matching;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, target] : region_for(request.identity).targets) {
      if (!dimension.empty() && target.resource.dimension != dimension) continue;
      if (!in_scaling_list(request.params, "ResourceIds", target.resource.resource_id)) continue;
      matching.push_back(target);
    }
  }
  return scaling_page_of(matching, *page, "ScalableTargets", target_json);
}

ApiResult AutoScalingService::deregister_scalable_target(const ApiRequest& request, CallContext& ctx) {
  if (auto e = check_scaling_namespace(request)) return *e;
  auto resource = read_scaling_resource(request);
  if (!resource) return resource.error();
  std::optional<TargetTrackingPolicy> policy;
  {
    std::lock_guard lock(mutex_);
    auto& targets = region_for(request.identity).targets;
    const auto it = targets.find({resource->resource_id, resource->dimension});
    if (it == targets.end()) return autoscaling_not_found(no_scalable_target(*resource));
    policy = it->second.policy;
    targets.erase(it);
    journal_target(request.identity.account_id, request.identity.region, *resource, nullptr);
  }
  // Deregistering deletes the target's policies, and with them their alarms.
  if (policy) delete_alarms(request.identity.account_id, request.identity.region, *policy, ctx.now);
  return ApiResponse{};
}

ApiResult AutoScalingService::put_scaling_policy(const ApiRequest& request, CallContext& ctx) {
  auto name = required_scaling_param(request, "PolicyName", "policyName");
  if (!name) return name.error();
  if (auto e = check_scaling_namespace(request)) return *e;
  auto resource = read_scaling_resource(request);
  if (!resource) return resource.error();
  // [BCM:application-autoscaling] PutScalingPolicy: PolicyType defaults to StepScaling.
  const std::string type = param_string(request.params, "PolicyType").value_or("StepScaling");
  if (type == "StepScaling") return put_step_policy(request, *name, *resource, ctx.now);
  if (type != "TargetTrackingScaling") {
    return autoscaling_validation("PolicyType " + type +
                                  " is not emulated for DynamoDB: use TargetTrackingScaling or StepScaling");
  }
  auto policy = read_target_tracking(request, *resource);
  if (!policy) return policy.error();
  const Identity& id = request.identity;
  ScalableTarget target;
  {
    std::lock_guard lock(mutex_);
    auto& targets = region_for(id).targets;
    const auto it = targets.find({resource->resource_id, resource->dimension});
    if (it == targets.end()) return autoscaling_not_found(no_scalable_target(*resource));
    if (find_step_policy(it->second, *name)) {
      return autoscaling_validation("Policy " + *name + " is a StepScaling policy: its type cannot be changed");
    }
    const bool same_policy = it->second.policy && it->second.policy->name == *name;
    if (it->second.policy && !same_policy) {
      return autoscaling_validation("This emulator keeps one scaling policy per scalable target; " +
                                    resource->resource_id + " already has policy " + it->second.policy->name);
    }
    policy->name = *name;
    if (same_policy) {
      // An update keeps the policy's identity and its alarms' names.
      policy->arn = it->second.policy->arn;
      policy->alarm_high = it->second.policy->alarm_high;
      policy->alarm_low = it->second.policy->alarm_low;
      policy->created = it->second.policy->created;
    } else {
      policy->arn = scaling_arn(id, "scalingPolicy", ids_.uuid(), *resource, "policyName/" + *name);
      const std::string prefix = "TargetTracking-" + resource->resource_id;
      policy->alarm_high = prefix + "-AlarmHigh-" + ids_.uuid();
      policy->alarm_low = prefix + "-AlarmLow-" + ids_.uuid();
      policy->created = ctx.now;
    }
    it->second.policy = *policy;
    target = it->second;
    journal_target(id.account_id, id.region, *resource, &target);
  }
  const auto capacity = current_capacity(id.account_id, id.region, *resource, ctx.now);
  if (capacity) write_alarms(id.account_id, id.region, target, capacity->first, ctx.now);
  schedule_check(id.account_id, id.region, ctx.now);
  ApiResponse response;
  response.body["PolicyARN"] = policy->arn;
  response.body["Alarms"] = alarms_json(*policy, id.account_id, id.region);
  return response;
}

ApiResult AutoScalingService::describe_scaling_policies(const ApiRequest& request, CallContext& ctx) {
  if (auto e = check_scaling_namespace(request)) return *e;
  auto page = read_scaling_page(request);
  if (!page) return page.error();
  const ScalingResourceFilter filter = read_scaling_resource_filter(request);
  std::vector<json> matching;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, target] : region_for(request.identity).targets) {
      if (!filter.matches(target.resource)) continue;
      if (target.policy && in_scaling_list(request.params, "PolicyNames", target.policy->name)) {
        matching.push_back(policy_json(target, request.identity.account_id, request.identity.region));
      }
      for (const auto& step : target.step_policies) {
        if (in_scaling_list(request.params, "PolicyNames", step.name)) matching.push_back(step_policy_json(target, step));
      }
    }
  }
  // A step policy's alarms are the user's: the ones whose actions name it, read from CloudWatch (for this page only).
  ApiResponse response = scaling_page_of(matching, *page, "ScalingPolicies", [](const json& j) { return j; });
  for (auto& policy : response.body["ScalingPolicies"]) {
    if (policy["PolicyType"] != "StepScaling") continue;
    policy["Alarms"] = step_policy_alarms(request.identity.account_id, request.identity.region,
                                          policy["PolicyARN"].get<std::string>(), ctx.now);
  }
  return response;
}

ApiResult AutoScalingService::delete_scaling_policy(const ApiRequest& request, CallContext& ctx) {
  auto name = required_scaling_param(request, "PolicyName", "policyName");
  if (!name) return name.error();
  if (auto e = check_scaling_namespace(request)) return *e;
  auto resource = read_scaling_resource(request);
  if (!resource) return resource.error();
  TargetTrackingPolicy removed;
  {
    std::lock_guard lock(mutex_);
    auto& targets = region_for(request.identity).targets;
    const auto it = targets.find({resource->resource_id, resource->dimension});
    if (it != targets.end() && find_step_policy(it->second, *name)) {
      // A step policy owns no alarms: the alarms that name it stay, and their action no longer runs anything.
      auto& steps = it->second.step_policies;
      steps.erase(std::remove_if(steps.begin(), steps.end(), [&](const auto& p) { return p.name == *name; }),
                  steps.end());
      journal_target(request.identity.account_id, request.identity.region, *resource, &it->second);
      return ApiResponse{};
    }
    if (it == targets.end() || !it->second.policy || it->second.policy->name != *name) {
      return autoscaling_not_found(
          "No scaling policy found for service namespace: dynamodb, resource ID: " + resource->resource_id +
          ", scalable dimension: " + resource->dimension + ", policy name: " + *name);
    }
    removed = *it->second.policy;
    it->second.policy.reset();
    journal_target(request.identity.account_id, request.identity.region, *resource, &it->second);
  }
  delete_alarms(request.identity.account_id, request.identity.region, removed, ctx.now);
  return ApiResponse{};
}

ApiResult AutoScalingService::describe_scaling_activities(const ApiRequest& request, CallContext&) {
  if (auto e = check_scaling_namespace(request)) return *e;
  auto page = read_scaling_page(request);
  if (!page) return page.error();
  const ScalingResourceFilter filter = read_scaling_resource_filter(request);
  std::vector<ScalingActivity> matching;
  {
    std::lock_guard lock(mutex_);
    for (const auto& a : region_for(request.identity).activities) {
      if (!filter.matches(a.resource)) continue;
      matching.push_back(a);
    }
  }
  return scaling_page_of(matching, *page, "ScalingActivities", [](const ScalingActivity& a) {
    return json{{"ActivityId", a.id},
                {"ServiceNamespace", "dynamodb"},
                {"ResourceId", a.resource.resource_id},
                {"ScalableDimension", a.resource.dimension},
                {"Description", a.description},
                {"Cause", a.cause},
                {"StartTime", epoch_seconds(a.start)},
                {"EndTime", epoch_seconds(a.end)},
                {"StatusCode", a.status},
                {"StatusMessage", a.status_message}};
  });
}

}  // namespace chokepoint
