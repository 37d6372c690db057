#pragma once
// Step scaling: a policy run by a CloudWatch alarm whose AlarmActions hold the policy's ARN. The breach (the metric
// minus the alarm's threshold) picks one step adjustment; the adjustment type turns it into a new capacity. Pure
// functions over plain values; the service (step_policy_runs.cpp) reads the alarms and scales.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "protocol/result.hpp"

namespace chokepoint {

struct StepAdjustment {
  std::optional<double> lower, upper;  // relative to the alarm threshold; nullopt: minus / plus infinity
  long long adjustment = 0;
};

struct StepScalingPolicy {
  std::string name, arn;
  std::string adjustment_type;  // ChangeInCapacity, PercentChangeInCapacity, ExactCapacity
  std::vector<StepAdjustment> steps;
  std::optional<long long> min_adjustment_magnitude;
  // [API_StepScalingPolicyConfiguration] https://docs.aws.amazon.com/autoscaling/application/APIReference/
  // API_StepScalingPolicyConfiguration.html: "If not specified, the default value is 300"; an absent
  // MetricAggregationType "is treated as Average".
  long long cooldown = 300;
  std::string aggregation = "Average";
  TimePoint created;
  // The last scaling this policy did: when, and the capacity before it (for a scale-out during the cooldown).
  std::optional<TimePoint> last_run;
  long long capacity_before_last_run = 0;
};

// StepScalingPolicyConfiguration as PutScalingPolicy takes it, checked as the model documents; the policy's
// name, ARN and times are left for the caller.
Result<StepScalingPolicy> read_step_configuration(const nlohmann::json& config);
// The configuration as DescribeScalingPolicies answers it.
nlohmann::json step_configuration_json(const StepScalingPolicy& policy);

// The step whose interval holds `breach` (metric value minus threshold), or null. [API_StepAdjustment]: above the
// threshold (breach > 0) the lower bound is inclusive and the upper exclusive; otherwise the other way round.
const StepAdjustment* step_for(const std::vector<StepAdjustment>& steps, double breach);

// The capacity `current` becomes under the step, within [min, max]. PercentChangeInCapacity rounds toward zero
// but moves by at least 1 (or MinAdjustmentMagnitude) in the step's direction.
long long stepped_capacity(const StepScalingPolicy& policy, const StepAdjustment& step, long long current,
                           long long min, long long max);

}  // namespace chokepoint
