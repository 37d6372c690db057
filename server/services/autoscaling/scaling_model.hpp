#pragma once
// Application Auto Scaling's state for one account and region: scalable targets, their target-tracking and step
// scaling policies and scheduled actions, and the scaling activities, as plain values. The service (autoscaling_service.hpp) owns and locks them.
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "common/clock.hpp"
#include "services/autoscaling/step_scaling.hpp"

namespace chokepoint {

// A DynamoDB table or global secondary index dimension: "table/T" or "table/T/index/I", read or write.
struct ScalableResource {
  std::string resource_id;   // table/T or table/T/index/I
  std::string dimension;     // dynamodb:table:WriteCapacityUnits, dynamodb:index:ReadCapacityUnits, ...
  std::string table, index;  // index empty for the table itself
  bool write = false;

  auto key() const { return std::tie(resource_id, dimension); }
  std::string units() const { return write ? "WriteCapacityUnits" : "ReadCapacityUnits"; }
  // "write capacity units", as activity descriptions name them.
  std::string units_text() const { return write ? "write capacity units" : "read capacity units"; }
};

struct TargetTrackingPolicy {
  std::string name, arn;
  double target_value = 70;                                 // percent utilization
  long long scale_out_cooldown = 0, scale_in_cooldown = 0;  // seconds
  bool disable_scale_in = false;
  std::string alarm_high, alarm_low;  // the CloudWatch alarms the policy owns
  // CustomizedMetricSpecification as given, checked; null: the dimension's predefined utilization metric.
  nlohmann::json customized_metric;
  TimePoint created;
};

// A scheduled action: at its times the target's minimum and/or maximum change (scheduled_actions.cpp).
struct ScheduledAction {
  std::string name, arn, schedule, timezone;  // timezone empty: UTC
  std::optional<TimePoint> start, end;
  std::optional<long long> min_capacity, max_capacity;
  TimePoint created;
  std::optional<TimePoint> next_run;  // nullopt: it will not run again
};

struct ScalableTarget {
  ScalableResource resource;
  std::string arn;
  long long min_capacity = 1, max_capacity = 1;
  std::string role_arn;
  bool scale_in_suspended = false, scale_out_suspended = false, scheduled_suspended = false;
  TimePoint created;
  std::optional<TargetTrackingPolicy> policy;  // one target-tracking policy per target here
  std::vector<StepScalingPolicy> step_policies;              // run by the alarms whose actions name them
  std::map<std::string, ScheduledAction> scheduled_actions;  // by name
  std::optional<TimePoint> last_scale_out, last_scale_in;
  std::map<std::string, std::string> tags;  // TagResource's, or RegisterScalableTarget's on creation
};

struct ScalingActivity {
  std::string id;
  ScalableResource resource;
  std::string description, cause, status = "Successful", status_message;
  TimePoint start, end;
};

struct ScalingRegion {
  static constexpr size_t kMaxActivities = 1000;  // the oldest go first

  std::map<std::pair<std::string, std::string>, ScalableTarget> targets;  // by (resource id, dimension)
  std::deque<ScalingActivity> activities;                                 // newest first
  bool ticking = false;  // a scaling check is scheduled for this account and region
  std::optional<TimePoint> scheduled_wakeup;  // when the pending scheduled-action wake-up runs

  void record(ScalingActivity activity) {
    activities.push_front(std::move(activity));
    if (activities.size() > kMaxActivities) activities.pop_back();
  }
};

}  // namespace chokepoint
