// Step scaling policies: PutScalingPolicy's StepScaling form, and their runs. An alarm runs a step policy when its
// AlarmActions hold the policy's ARN; the once-a-minute check finds such alarms in ALARM and runs the policy for
// each minute they stay there, as CloudWatch does for Auto Scaling actions ([CW-actions]
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-actions.html: "Except for Auto Scaling
// actions, the actions happen only on state transitions"; for Auto Scaling actions the alarm keeps invoking the
// action once a minute while it stays in the state). The policy's cooldown then decides whether a run scales:
// [API_StepScalingPolicyConfiguration] during a scale-out's cooldown the capacity it added counts towards the next
// scale-out (so only a larger step adds more), and a scale-in waits for its cooldown to end.
#include <algorithm>

#include "common/time_format.hpp"
#include "protocol/params.hpp"
#include "services/autoscaling/autoscaling_errors.hpp"
#include "services/autoscaling/autoscaling_service.hpp"
#include "services/autoscaling/scaling_params.hpp"
#include "services/autoscaling/scaling_requests.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

long long alarm_period_seconds(const json& alarm) {
  if (alarm.contains("Period")) return std::max(1LL, alarm.value("Period", 60LL));
  for (const auto& q : alarm.value("Metrics", json::array())) {
    if (q.contains("MetricStat")) return std::max(1LL, q["MetricStat"].value("Period", 60LL));
    if (q.contains("Period")) return std::max(1LL, q.value("Period", 60LL));
  }
  return 60;
}

bool names_action(const json& alarm, const std::string& arn) {
  if (!alarm.value("ActionsEnabled", true)) return false;
  for (const auto& action : alarm.value("AlarmActions", json::array())) {
    if (action.is_string() && action.get<std::string>() == arn) return true;
  }
  return false;
}

}  // namespace

ApiResult AutoScalingService::put_step_policy(const ApiRequest& request, const std::string& name,
                                              const ScalableResource& resource, TimePoint now) {
  const auto* config = param(request.params, "StepScalingPolicyConfiguration");
  if (!config || !config->is_object()) {
    return autoscaling_validation("StepScalingPolicyConfiguration is required for a StepScaling policy");
  }
  auto policy = read_step_configuration(*config);
  if (!policy) return policy.error();
  const Identity& id = request.identity;
  {
    std::lock_guard lock(mutex_);
    auto& targets = region_for(id).targets;
    const auto it = targets.find({resource.resource_id, resource.dimension});
    if (it == targets.end()) return autoscaling_not_found(no_scalable_target(resource));
    ScalableTarget& target = it->second;
    if (target.policy && target.policy->name == name) {
      return autoscaling_validation("Policy " + name +
                                    " is a TargetTrackingScaling policy: its type cannot be changed");
    }
    policy->name = name;
    if (StepScalingPolicy* existing = find_step_policy(target, name)) {
      // An update keeps the policy's identity (alarms name its ARN) and its cooldown's state.
      policy->arn = existing->arn;
      policy->created = existing->created;
      policy->last_run = existing->last_run;
      policy->capacity_before_last_run = existing->capacity_before_last_run;
      *existing = *policy;
    } else {
      policy->arn = scaling_arn(id, "scalingPolicy", ids_.uuid(), resource, "policyName/" + name);
      policy->created = now;
      target.step_policies.push_back(*policy);
    }
    journal_target(id.account_id, id.region, resource, &target);
  }
  schedule_check(id.account_id, id.region, now);
  ApiResponse response;
  response.body["PolicyARN"] = policy->arn;
  response.body["Alarms"] = json::array();
  return response;
}

void AutoScalingService::check_step_policies(const std::string& account, const std::string& region,
                                             const ScalableTarget& target, TimePoint now) {
  for (const auto& policy : target.step_policies) {
    const ApiResult described = call(account, region, "monitoring", "DescribeAlarms",
                                     {{"ActionPrefix", policy.arn}, {"StateValue", "ALARM"}}, now);
    const auto* response = std::get_if<ApiResponse>(&described);
    if (!response || !response->body.contains("MetricAlarms")) continue;
    for (const auto& alarm : response->body["MetricAlarms"]) {
      if (!names_action(alarm, policy.arn)) continue;
      run_step_policy(account, region, target, policy, alarm, now);
      break;  // one run per policy and minute; a second alarm in ALARM would ask for the same policy again
    }
  }
}

json AutoScalingService::step_policy_alarms(const std::string& account, const std::string& region,
                                            const std::string& arn, TimePoint now) {
  json out = json::array();
  const ApiResult described = call(account, region, "monitoring", "DescribeAlarms", {{"ActionPrefix", arn}}, now);
  const auto* response = std::get_if<ApiResponse>(&described);
  if (!response || !response->body.contains("MetricAlarms")) return out;
  for (const auto& alarm : response->body["MetricAlarms"]) {
    bool named = false;
    for (const char* list : {"AlarmActions", "OKActions", "InsufficientDataActions"}) {
      for (const auto& action : alarm.value(list, json::array())) named = named || action == arn;
    }
    if (named) out.push_back({{"AlarmName", alarm.value("AlarmName", "")}, {"AlarmARN", alarm.value("AlarmArn", "")}});
  }
  return out;
}

void AutoScalingService::run_step_policy(const std::string& account, const std::string& region,
                                         const ScalableTarget& target, const StepScalingPolicy& policy,
                                         const json& alarm, TimePoint now) {
  const auto capacity = current_capacity(account, region, target.resource, now);
  if (!capacity || !capacity->second) return;  // not ACTIVE (an update under way): the next minute decides
  const long long period = alarm_period_seconds(alarm);
  const TimePoint period_end = TimePoint{std::chrono::floor<std::chrono::seconds>(now.time_since_epoch()) /
                                         std::chrono::seconds(period) * std::chrono::seconds(period)} +
                               std::chrono::seconds(period);
  const ApiResult read = call(
      account, region, "monitoring", "GetMetricData",
      {{"MetricDataQueries", alarm_metric_queries(alarm)},
       {"StartTime", epoch_seconds(period_end - std::chrono::seconds(period * alarm.value("EvaluationPeriods", 1LL)))},
       {"EndTime", epoch_seconds(period_end)}},
      now);
  const auto* answer = std::get_if<ApiResponse>(&read);
  const auto value = answer ? newest_metric_value(answer->body) : std::nullopt;
  if (!value) return;
  const StepAdjustment* step = step_for(policy.steps, *value - alarm.value("Threshold", 0.0));
  if (!step) return;
  const long long current = capacity->first;
  const bool cooling = policy.last_run && now - *policy.last_run < std::chrono::seconds(policy.cooldown);
  const long long straight = stepped_capacity(policy, *step, current, target.min_capacity, target.max_capacity);
  long long desired = straight;
  if (straight > current) {
    if (target.scale_out_suspended) return;
    // During the cooldown the last scale-out's capacity counts: only a larger step adds more.
    if (cooling) {
      desired = stepped_capacity(policy, *step, policy.capacity_before_last_run, target.min_capacity,
                                 target.max_capacity);
    }
    if (desired <= current) return;
  } else if (straight < current) {
    if (target.scale_in_suspended || cooling) return;
  } else {
    return;
  }
  const std::string cause =
      "monitor alarm " + alarm.value("AlarmName", "") + " in state ALARM triggered policy " + policy.name;
  if (!set_capacity(account, region, target.resource, desired, cause, now)) return;
  {
    std::lock_guard lock(mutex_);
    auto& targets = regions_[account + "/" + region].targets;
    const auto it = targets.find({target.resource.resource_id, target.resource.dimension});
    if (it != targets.end()) {
      if (StepScalingPolicy* stored = find_step_policy(it->second, policy.name)) {
        // A scale-out during its own cooldown keeps the base it was measured from.
        if (!(cooling && desired > current)) stored->capacity_before_last_run = current;
        stored->last_run = now;
      }
      journal_target(account, region, target.resource, &it->second);
    }
  }
  capacity_changed(account, region, target.resource, desired, now);
}

}  // namespace chokepoint
