// Target tracking at work: the policy's alarms, and the once-a-minute check that reads them and scales.
#include <algorithm>
#include <cmath>

#include "common/time_format.hpp"
#include "services/autoscaling/autoscaling_service.hpp"
#include "services/autoscaling/scaling_requests.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

constexpr auto kCheckEvery = std::chrono::minutes(1);
// The check runs just before each minute ends, so that the alarms are read over the minute as it ends (a read
// after the boundary would already count the new, empty minute).
constexpr auto kCheckBeforeMinuteEnds = std::chrono::milliseconds(1);

// The wait until the next check: the next minute boundary strictly after `now`, less kCheckBeforeMinuteEnds.
Duration until_next_check(TimePoint now) {
  const auto into_minute = now.time_since_epoch() % kCheckEvery;
  Duration wait = kCheckEvery - into_minute - kCheckBeforeMinuteEnds;
  if (wait <= Duration::zero()) wait += kCheckEvery;
  return wait;
}

// StateValue of each alarm DescribeAlarms returned, by name (reading them brings them up to date).
std::map<std::string, std::string> alarm_states(const ApiResult& described) {
  std::map<std::string, std::string> out;
  const auto* response = std::get_if<ApiResponse>(&described);
  if (!response || !response->body.contains("MetricAlarms")) return out;
  for (const auto& alarm : response->body["MetricAlarms"])
    out[alarm.value("AlarmName", "")] = alarm.value("StateValue", "");
  return out;
}

// The consumed units per second in the minute now ending: the newest datapoint of GetMetricStatistics' answer.
double consumed_per_second(const ApiResult& statistics) {
  const auto* response = std::get_if<ApiResponse>(&statistics);
  if (!response || !response->body.contains("Datapoints")) return 0;
  const nlohmann::json* newest = nullptr;
  for (const auto& point : response->body["Datapoints"]) {
    if (!newest || point.value("Timestamp", 0.0) > newest->value("Timestamp", 0.0)) newest = &point;
  }
  return newest ? newest->value("Sum", 0.0) / 60.0 : 0;
}

}  // namespace

void AutoScalingService::write_alarms(const std::string& account, const std::string& region,
                                      const ScalableTarget& target, long long capacity, TimePoint now) {
  for (bool high : {true, false}) {
    call(account, region, "monitoring", "PutMetricAlarm",
         alarm_request(target.resource, *target.policy, high, capacity), now);
  }
}

void AutoScalingService::delete_alarms(const std::string& account, const std::string& region,
                                       const TargetTrackingPolicy& policy, TimePoint now) {
  call(account, region, "monitoring", "DeleteAlarms",
       {{"AlarmNames", json::array({policy.alarm_high, policy.alarm_low})}}, now);
}

void AutoScalingService::capacity_changed(const std::string& account, const std::string& region,
                                          const ScalableResource& resource, long long capacity, TimePoint now) {
  std::optional<ScalableTarget> target;
  {
    std::lock_guard lock(mutex_);
    const auto& targets = regions_[account + "/" + region].targets;
    const auto it = targets.find({resource.resource_id, resource.dimension});
    if (it != targets.end() && it->second.policy) target = it->second;
  }
  if (target) write_alarms(account, region, *target, capacity, now);
}

void AutoScalingService::schedule_check(const std::string& account, const std::string& region, TimePoint now) {
  {
    std::lock_guard lock(mutex_);
    ScalingRegion& r = regions_[account + "/" + region];
    if (r.ticking) return;
    r.ticking = true;
  }
  scheduler_.run_after(until_next_check(now), [this, account, region] { check(account, region); });
}

void AutoScalingService::check(const std::string& account, const std::string& region) {
  std::vector<ScalableTarget> targets;
  {
    std::lock_guard lock(mutex_);
    ScalingRegion& r = regions_[account + "/" + region];
    for (const auto& [key, target] : r.targets) {
      if (target.policy || !target.step_policies.empty()) targets.push_back(target);
    }
    r.ticking = !targets.empty();  // with no policy left, checks stop until the next one is put
  }
  const TimePoint now = scheduler_.now();
  for (const auto& target : targets) {
    if (target.policy) check_target(account, region, target, now);
    if (!target.step_policies.empty()) check_step_policies(account, region, target, now);
  }
  if (!targets.empty()) {
    scheduler_.run_after(until_next_check(now), [this, account, region] { check(account, region); });
  }
}

void AutoScalingService::check_target(const std::string& account, const std::string& region, ScalableTarget target,
                                      TimePoint now) {
  const TargetTrackingPolicy& policy = *target.policy;
  const auto states = alarm_states(call(account, region, "monitoring", "DescribeAlarms",
                                        {{"AlarmNames", json::array({policy.alarm_high, policy.alarm_low})}}, now));
  const bool high = states.count(policy.alarm_high) && states.at(policy.alarm_high) == "ALARM";
  const bool low = states.count(policy.alarm_low) && states.at(policy.alarm_low) == "ALARM";
  if (!high && !low) return;
  const auto capacity = current_capacity(account, region, target.resource, now);
  if (!capacity || !capacity->second) return;  // not ACTIVE (an update under way): the next check decides
  const long long current = capacity->first;
  const auto desired = policy.customized_metric.is_null() ? predefined_desired(account, region, target, now)
                                                          : customized_desired(account, region, target, current, now);
  if (!desired) return;
  scale_to_desired(account, region, std::move(target), high, low, current, *desired, now);
}

std::optional<long long> AutoScalingService::predefined_desired(const std::string& account,
                                                                const std::string& region,
                                                                const ScalableTarget& target, TimePoint now) {
  json dimensions = json::array({{{"Name", "TableName"}, {"Value", target.resource.table}}});
  if (!target.resource.index.empty()) {
    dimensions.push_back({{"Name", "GlobalSecondaryIndexName"}, {"Value", target.resource.index}});
  }
  const TimePoint minute = TimePoint{std::chrono::floor<std::chrono::minutes>(now.time_since_epoch())};
  const double rate = consumed_per_second(call(account, region, "monitoring", "GetMetricStatistics",
                                               {{"Namespace", "AWS/DynamoDB"},
                                                {"MetricName", "Consumed" + target.resource.units()},
                                                {"Dimensions", dimensions},
                                                {"StartTime", epoch_seconds(minute - kCheckEvery * kHighAlarmMinutes)},
                                                {"EndTime", epoch_seconds(minute + kCheckEvery)},
                                                {"Period", 60},
                                                {"Statistics", json::array({"Sum"})}},
                                               now));
  return desired_capacity(rate, target.policy->target_value, target.min_capacity, target.max_capacity);
}

std::optional<long long> AutoScalingService::customized_desired(const std::string& account,
                                                                const std::string& region,
                                                                const ScalableTarget& target, long long current,
                                                                TimePoint now) {
  const TargetTrackingPolicy& policy = *target.policy;
  const TimePoint minute = TimePoint{std::chrono::floor<std::chrono::minutes>(now.time_since_epoch())};
  const ApiResult read =
      call(account, region, "monitoring", "GetMetricData",
           {{"MetricDataQueries", alarm_metric_queries(alarm_request(target.resource, policy, true, current))},
            {"StartTime", epoch_seconds(minute - kCheckEvery * kHighAlarmMinutes)},
            {"EndTime", epoch_seconds(minute + kCheckEvery)}},
           now);
  const auto* answer = std::get_if<ApiResponse>(&read);
  const auto value = answer ? newest_metric_value(answer->body) : std::nullopt;
  if (!value) return std::nullopt;
  return tracked_capacity(*value, policy.target_value, current, target.min_capacity, target.max_capacity);
}

void AutoScalingService::scale_to_desired(const std::string& account, const std::string& region,
                                          ScalableTarget target, bool high, bool low, long long current,
                                          long long desired, TimePoint now) {
  const TargetTrackingPolicy& policy = *target.policy;
  const auto cooled = [&](const std::optional<TimePoint>& last, long long seconds) {
    return !last || now - *last >= std::chrono::seconds(seconds);
  };
  const bool scale_out = high && desired > current && !target.scale_out_suspended &&
                         cooled(target.last_scale_out, policy.scale_out_cooldown);
  const bool scale_in = low && desired < current && !policy.disable_scale_in && !target.scale_in_suspended &&
                        cooled(target.last_scale_in, policy.scale_in_cooldown);
  if (!scale_out && !scale_in) return;
  const std::string alarm = scale_out ? policy.alarm_high : policy.alarm_low;
  const std::string cause = "monitor alarm " + alarm + " in state ALARM triggered policy " + policy.name;
  if (!set_capacity(account, region, target.resource, desired, cause, now)) return;
  {
    std::lock_guard lock(mutex_);
    auto& targets = regions_[account + "/" + region].targets;
    const auto it = targets.find({target.resource.resource_id, target.resource.dimension});
    if (it != targets.end()) {
      (scale_out ? it->second.last_scale_out : it->second.last_scale_in) = now;
      journal_target(account, region, target.resource, &it->second);
    }
  }
  write_alarms(account, region, target, desired, now);  // thresholds follow the new capacity
}

}  // namespace chokepoint
