#include "services/autoscaling/step_scaling.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "protocol/params.hpp"
#include "services/autoscaling/autoscaling_errors.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

constexpr double kInfinity = std::numeric_limits<double>::infinity();

Result<StepAdjustment> read_step(const json& item) {
  if (!item.is_object()) return autoscaling_validation("Each StepAdjustment must be a structure");
  bool bad = false;
  StepAdjustment step;
  const auto adjustment = param_int(item, "ScalingAdjustment", &bad);
  step.lower = param_double(item, "MetricIntervalLowerBound", &bad);
  step.upper = param_double(item, "MetricIntervalUpperBound", &bad);
  if (bad) return autoscaling_validation("StepAdjustment bounds must be numbers and ScalingAdjustment an integer");
  if (!adjustment) {
    return autoscaling_validation(
        "1 validation error detected: Value null at "
        "'stepScalingPolicyConfiguration.stepAdjustments.member.scalingAdjustment' failed to satisfy constraint: "
        "Member must not be null");
  }
  step.adjustment = *adjustment;
  if (step.lower && step.upper && !(*step.upper > *step.lower)) {
    return autoscaling_validation("The upper bound of a step adjustment must be greater than its lower bound");
  }
  return step;
}

// [EC2AS-steps] https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-scaling-simple-step.html (the rules
// Application Auto Scaling shares): the ranges may neither overlap nor leave a gap, and at most one step is open
// below and one open above.
std::optional<ApiError> check_steps(std::vector<StepAdjustment>& steps) {
  std::sort(steps.begin(), steps.end(), [](const StepAdjustment& a, const StepAdjustment& b) {
    return a.lower.value_or(-kInfinity) < b.lower.value_or(-kInfinity);
  });
  for (size_t i = 0; i < steps.size(); ++i) {
    if (i > 0 && !steps[i].lower) {
      return autoscaling_validation("Only one step adjustment can have a null lower bound");
    }
    if (i + 1 < steps.size()) {
      if (!steps[i].upper) return autoscaling_validation("Only one step adjustment can have a null upper bound");
      if (!steps[i + 1].lower || *steps[i].upper != *steps[i + 1].lower) {
        return autoscaling_validation(
            "The step adjustments' intervals must not overlap or leave a gap: each upper bound must equal the next "
            "lower bound");
      }
    }
  }
  return std::nullopt;
}

}  // namespace

Result<StepScalingPolicy> read_step_configuration(const json& config) {
  StepScalingPolicy p;
  p.adjustment_type = param_string(config, "AdjustmentType").value_or("");
  if (p.adjustment_type != "ChangeInCapacity" && p.adjustment_type != "PercentChangeInCapacity" &&
      p.adjustment_type != "ExactCapacity") {
    return autoscaling_validation(
        p.adjustment_type.empty()
            ? std::string("AdjustmentType is required if you are adding a new step scaling policy configuration")
            : "1 validation error detected: Value '" + p.adjustment_type +
                  "' at 'stepScalingPolicyConfiguration.adjustmentType' failed to satisfy constraint: Member must "
                  "satisfy enum value set: [ChangeInCapacity, PercentChangeInCapacity, ExactCapacity]");
  }
  const auto* steps = param(config, "StepAdjustments");
  if (!steps || !steps->is_array() || steps->empty()) {
    return autoscaling_validation(
        "At least one step adjustment is required if you are adding a new step scaling policy configuration");
  }
  for (const auto& item : *steps) {
    auto step = read_step(item);
    if (!step) return step.error();
    p.steps.push_back(*step);
  }
  if (auto e = check_steps(p.steps)) return *e;
  bool bad = false;
  p.min_adjustment_magnitude = param_int(config, "MinAdjustmentMagnitude", &bad);
  p.cooldown = param_int(config, "Cooldown", &bad).value_or(p.cooldown);
  p.aggregation = param_string(config, "MetricAggregationType", &bad).value_or(p.aggregation);
  if (bad || p.cooldown < 0) {
    return autoscaling_validation("Cooldown must be whole seconds >= 0 and MinAdjustmentMagnitude an integer");
  }
  if (p.min_adjustment_magnitude && p.adjustment_type != "PercentChangeInCapacity") {
    return autoscaling_validation("MinAdjustmentMagnitude is only supported with PercentChangeInCapacity");
  }
  if (p.min_adjustment_magnitude && *p.min_adjustment_magnitude < 1) {
    return autoscaling_validation("MinAdjustmentMagnitude must be at least 1");
  }
  if (p.aggregation != "Average" && p.aggregation != "Minimum" && p.aggregation != "Maximum") {
    return autoscaling_validation("1 validation error detected: Value '" + p.aggregation +
                                  "' at 'stepScalingPolicyConfiguration.metricAggregationType' failed to satisfy "
                                  "constraint: Member must satisfy enum value set: [Average, Minimum, Maximum]");
  }
  return p;
}

json step_configuration_json(const StepScalingPolicy& p) {
  json steps = json::array();
  for (const auto& s : p.steps) {
    json step = {{"ScalingAdjustment", s.adjustment}};
    if (s.lower) step["MetricIntervalLowerBound"] = *s.lower;
    if (s.upper) step["MetricIntervalUpperBound"] = *s.upper;
    steps.push_back(std::move(step));
  }
  json out = {{"AdjustmentType", p.adjustment_type},
              {"StepAdjustments", std::move(steps)},
              {"Cooldown", p.cooldown},
              {"MetricAggregationType", p.aggregation}};
  if (p.min_adjustment_magnitude) out["MinAdjustmentMagnitude"] = *p.min_adjustment_magnitude;
  return out;
}

const StepAdjustment* step_for(const std::vector<StepAdjustment>& steps, double breach) {
  const bool above = breach > 0;
  for (const auto& s : steps) {
    const double lower = s.lower.value_or(-kInfinity), upper = s.upper.value_or(kInfinity);
    const bool in = above ? (breach >= lower && breach < upper) : (breach > lower && breach <= upper);
    if (in) return &s;
  }
  return nullptr;
}

long long stepped_capacity(const StepScalingPolicy& policy, const StepAdjustment& step, long long current,
                           long long min, long long max) {
  long long wanted = current;
  if (policy.adjustment_type == "ExactCapacity") {
    wanted = step.adjustment;
  } else if (policy.adjustment_type == "ChangeInCapacity") {
    wanted = current + step.adjustment;
  } else if (step.adjustment != 0) {
    // [EC2AS-steps]: a fractional change rounds toward zero, but a change between -1 and 1 moves by 1.
    const double change = static_cast<double>(current) * static_cast<double>(step.adjustment) / 100.0;
    long long whole = static_cast<long long>(std::trunc(change));
    if (whole == 0) whole = change > 0 ? 1 : -1;
    const long long magnitude = policy.min_adjustment_magnitude.value_or(1);
    if (std::llabs(whole) < magnitude) whole = whole > 0 ? magnitude : -magnitude;
    wanted = current + whole;
  }
  return std::clamp(wanted, min, max);
}

}  // namespace chokepoint
