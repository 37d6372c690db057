#include "services/autoscaling/autoscaling_service.hpp"

#include "protocol/params.hpp"
#include "services/autoscaling/autoscaling_errors.hpp"
#include "services/autoscaling/scaling_requests.hpp"

namespace chokepoint {

namespace {

ServiceDescriptor autoscaling_descriptor() {
  ServiceDescriptor d;
  d.name = "application-autoscaling";
  d.protocol = Protocol::kJson11;
  d.json_target_prefix = "AnyScaleFrontendService";
  d.signing_name = "application-autoscaling";
  d.json_error_prefix = "";
  d.json_frontend_prefix = "";
  // [BCM:application-autoscaling] the model's throttling error (ConcurrentUpdateException is for conflicts).
  d.throttle_error = make_error("ThrottlingException", "Rate exceeded", 400);
  return d;
}

std::string region_key(const std::string& account, const std::string& region) {
  return account + "/" + region;
}

// The target a call names, for fault matching: its ResourceId.
std::string named_scaling_resource(const nlohmann::json& params) {
  const auto* id = param(params, "ResourceId");
  return id && id->is_string() ? id->get<std::string>() : std::string();
}

}  // namespace

std::vector<OperationTable<AutoScalingHandler>::Entry> autoscaling_operations() {
  constexpr Plane kControl = Plane::kControl;
  const ResourceLocator resource = named_scaling_resource;
  using S = AutoScalingService;
  return {
      // name, bucket (no group of `throttling.application-autoscaling` in config/default.yaml), plane, changes
      // durable state, resource; handler
      {{"RegisterScalableTarget", kDefaultBucket, kControl, false, resource}, &S::register_scalable_target},
      {{"DescribeScalableTargets", kDefaultBucket, kControl, false, resource}, &S::describe_scalable_targets},
      {{"DeregisterScalableTarget", kDefaultBucket, kControl, false, resource}, &S::deregister_scalable_target},
      {{"PutScalingPolicy", kDefaultBucket, kControl, false, resource}, &S::put_scaling_policy},
      {{"DescribeScalingPolicies", kDefaultBucket, kControl, false, resource}, &S::describe_scaling_policies},
      {{"DeleteScalingPolicy", kDefaultBucket, kControl, false, resource}, &S::delete_scaling_policy},
      {{"DescribeScalingActivities", kDefaultBucket, kControl, false, resource}, &S::describe_scaling_activities},
      {{"PutScheduledAction", kDefaultBucket, kControl, false, resource}, &S::put_scheduled_action},
      {{"DescribeScheduledActions", kDefaultBucket, kControl, false, resource}, &S::describe_scheduled_actions},
      {{"DeleteScheduledAction", kDefaultBucket, kControl, false, resource}, &S::delete_scheduled_action},
      {{"TagResource", kDefaultBucket, kControl, false, nullptr}, &S::tag_resource},
      {{"UntagResource", kDefaultBucket, kControl, false, nullptr}, &S::untag_resource},
      {{"ListTagsForResource", kDefaultBucket, kControl, false, nullptr}, &S::list_tags_for_resource},
      {{"GetPredictiveScalingForecast", kDefaultBucket, kControl, false, resource},
       &S::get_predictive_scaling_forecast},
  };
}

AutoScalingService::AutoScalingService(ApiCaller& caller, Scheduler& scheduler, uint64_t seed)
    : descriptor_(autoscaling_descriptor()),
      operations_(autoscaling_operations()),
      caller_(caller),
      scheduler_(scheduler),
      ids_(seed) {
  list_operations(descriptor_, operations_);
}

ApiResult AutoScalingService::handle(const ApiRequest& request, CallContext& ctx) {
  const auto* operation = operations_.find(request.operation);
  if (!operation) return unknown_operation(request.operation);
  return (this->*(operation->handler))(request, ctx);
}

void AutoScalingService::reset() {
  std::lock_guard lock(mutex_);
  regions_.clear();
}

std::vector<AutoScalingService::RegionView> AutoScalingService::view() const {
  std::lock_guard lock(mutex_);
  std::vector<RegionView> out;
  for (const auto& [key, region] : regions_) {
    const auto slash = key.find('/');
    RegionView v{key.substr(0, slash), key.substr(slash + 1), {}, {region.activities.begin(), region.activities.end()}};
    for (const auto& [id, target] : region.targets) v.targets.push_back(target);
    if (!v.targets.empty() || !v.activities.empty()) out.push_back(std::move(v));
  }
  return out;
}

ScalingRegion& AutoScalingService::region_for(const Identity& identity) {
  return regions_[region_key(identity.account_id, identity.region)];
}

ApiResult AutoScalingService::call(const std::string& account, const std::string& region, const std::string& service,
                                   const std::string& operation, nlohmann::json params, TimePoint now) {
  ApiRequest request;
  request.service = service;
  request.operation = operation;
  request.params = std::move(params);
  act_for_account(request, account, region, "application-autoscaling.amazonaws.com");
  return caller_.call(std::move(request), now);
}

Result<std::pair<long long, bool>> AutoScalingService::current_capacity(const std::string& account,
                                                                        const std::string& region,
                                                                        const ScalableResource& resource,
                                                                        TimePoint now) {
  ApiResult described = call(account, region, "dynamodb", "DescribeTable", {{"TableName", resource.table}}, now);
  if (auto* e = std::get_if<ApiError>(&described)) return *e;
  const auto capacity = provisioned_capacity(std::get<ApiResponse>(described).body, resource);
  if (!capacity) {
    return autoscaling_validation("Unable to find a provisioned " + resource.units() + " setting for " +
                                  resource.resource_id + " (is the table in provisioned mode?)");
  }
  return *capacity;
}

bool AutoScalingService::set_capacity(const std::string& account, const std::string& region,
                                      const ScalableResource& resource, long long capacity, const std::string& cause,
                                      TimePoint now) {
  // UpdateTable takes both units of the throughput it changes: the other one is read first.
  ApiResult updated = call(account, region, "dynamodb", "DescribeTable", {{"TableName", resource.table}}, now);
  if (const auto* described = std::get_if<ApiResponse>(&updated)) {
    updated = call(account, region, "dynamodb", "UpdateTable",
                   update_capacity_request(described->body, resource, capacity), now);
  }
  ScalingActivity activity;
  activity.resource = resource;
  activity.description = "Setting " + resource.units_text() + " to " + std::to_string(capacity) + ".";
  activity.cause = cause;
  activity.start = activity.end = now;
  const auto* error = std::get_if<ApiError>(&updated);
  if (error) {
    activity.status = "Failed";
    activity.status_message = "Failed to set " + resource.units_text() + ". Reason: " + error->message;
  } else {
    activity.status_message = "Successfully set " + resource.units_text() + " to " + std::to_string(capacity) +
                              ". Change successfully fulfilled by dynamodb.";
  }
  std::lock_guard lock(mutex_);
  activity.id = ids_.uuid();
  journal_activity(account, region, activity);
  regions_[region_key(account, region)].record(std::move(activity));
  return error == nullptr;
}

}  // namespace chokepoint
