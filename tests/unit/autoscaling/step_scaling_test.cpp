#include <catch2/catch.hpp>

#include "services/autoscaling/step_scaling.hpp"

namespace chokepoint {
namespace {

using nlohmann::json;

StepScalingPolicy step_policy(const json& config) {
  auto policy = read_step_configuration(config);
  REQUIRE(policy);
  return *policy;
}

TEST_CASE("step scaling: the breach picks the step, bounds relative to the threshold", "[autoscaling]") {
  const auto p = step_policy({{"AdjustmentType", "ChangeInCapacity"},
                              {"StepAdjustments",
                               json::array({{{"MetricIntervalLowerBound", 10}, {"ScalingAdjustment", 5}},
                                            {{"MetricIntervalLowerBound", 0},
                                             {"MetricIntervalUpperBound", 10},
                                             {"ScalingAdjustment", 2}}})}});
  CHECK(p.cooldown == 300);  // the documented default
  CHECK(p.aggregation == "Average");
  REQUIRE(p.steps.size() == 2);
  CHECK(step_for(p.steps, 0.01)->adjustment == 2);
  CHECK(step_for(p.steps, 0) == nullptr);  // at the threshold the lower bound is exclusive
  CHECK(step_for(p.steps, 9.99)->adjustment == 2);
  CHECK(step_for(p.steps, 10)->adjustment == 5);  // above it: lower bound inclusive, upper exclusive
  CHECK(step_for(p.steps, 1e9)->adjustment == 5);
  CHECK(step_for(p.steps, -0.5) == nullptr);  // below the threshold: no step covers it
  CHECK(stepped_capacity(p, *step_for(p.steps, 12), 10, 1, 100) == 15);
  CHECK(stepped_capacity(p, *step_for(p.steps, 12), 98, 1, 100) == 100);  // bounded by the maximum
}

TEST_CASE("step scaling: below the threshold the upper bound is inclusive", "[autoscaling]") {
  const auto p = step_policy({{"AdjustmentType", "ChangeInCapacity"},
                              {"StepAdjustments", json::array({{{"MetricIntervalUpperBound", -5}, {"ScalingAdjustment", -3}},
                                                               {{"MetricIntervalLowerBound", -5},
                                                                {"MetricIntervalUpperBound", 0},
                                                                {"ScalingAdjustment", -1}}})}});
  CHECK(step_for(p.steps, -5)->adjustment == -3);
  CHECK(step_for(p.steps, -4)->adjustment == -1);
  REQUIRE(step_for(p.steps, 0) != nullptr);
  CHECK(step_for(p.steps, 0)->adjustment == -1);  // at the threshold the upper bound is inclusive
  CHECK(stepped_capacity(p, *step_for(p.steps, -20), 3, 2, 10) == 2);  // bounded by the minimum
}

TEST_CASE("step scaling: percent changes round toward zero but move at least the magnitude", "[autoscaling]") {
  auto p = step_policy({{"AdjustmentType", "PercentChangeInCapacity"},
                        {"StepAdjustments", json::array({{{"MetricIntervalLowerBound", 0}, {"ScalingAdjustment", 25}}})}});
  const StepAdjustment up = p.steps[0];
  CHECK(stepped_capacity(p, up, 10, 1, 1000) == 12);  // 2.5 -> 2
  CHECK(stepped_capacity(p, up, 2, 1, 1000) == 3);    // 0.5 -> 1
  p.min_adjustment_magnitude = 4;
  CHECK(stepped_capacity(p, up, 10, 1, 1000) == 14);
  StepAdjustment down{std::nullopt, 0.0, -30};
  p.min_adjustment_magnitude.reset();
  CHECK(stepped_capacity(p, down, 10, 1, 1000) == 7);
  CHECK(stepped_capacity(p, down, 3, 1, 1000) == 2);  // -0.9 -> -1
  p.adjustment_type = "ExactCapacity";
  CHECK(stepped_capacity(p, StepAdjustment{0.0, std::nullopt, 40}, 10, 1, 1000) == 40);
}

TEST_CASE("step scaling: the model's rules on a configuration", "[autoscaling]") {
  const json one_step = json::array({{{"MetricIntervalLowerBound", 0}, {"ScalingAdjustment", 1}}});
  CHECK_FALSE(read_step_configuration({{"StepAdjustments", one_step}}));  // AdjustmentType is required
  CHECK_FALSE(read_step_configuration({{"AdjustmentType", "Triple"}, {"StepAdjustments", one_step}}));
  CHECK_FALSE(read_step_configuration({{"AdjustmentType", "ChangeInCapacity"}}));
  CHECK_FALSE(read_step_configuration(
      {{"AdjustmentType", "ChangeInCapacity"}, {"StepAdjustments", one_step}, {"MinAdjustmentMagnitude", 2}}));
  CHECK_FALSE(read_step_configuration(
      {{"AdjustmentType", "ChangeInCapacity"}, {"StepAdjustments", one_step}, {"MetricAggregationType", "Sum"}}));
  CHECK_FALSE(read_step_configuration(
      {{"AdjustmentType", "ChangeInCapacity"}, {"StepAdjustments", one_step}, {"Cooldown", -1}}));
  // A gap between 0..5 and 10..; an overlap; two steps open above; upper not above lower.
  CHECK_FALSE(read_step_configuration(
      {{"AdjustmentType", "ChangeInCapacity"},
       {"StepAdjustments", json::array({{{"MetricIntervalLowerBound", 0}, {"MetricIntervalUpperBound", 5}, {"ScalingAdjustment", 1}},
                                        {{"MetricIntervalLowerBound", 10}, {"ScalingAdjustment", 2}}})}}));
  CHECK_FALSE(read_step_configuration(
      {{"AdjustmentType", "ChangeInCapacity"},
       {"StepAdjustments", json::array({{{"MetricIntervalLowerBound", 0}, {"MetricIntervalUpperBound", 5}, {"ScalingAdjustment", 1}},
                                        {{"MetricIntervalLowerBound", 3}, {"ScalingAdjustment", 2}}})}}));
  CHECK_FALSE(read_step_configuration(
      {{"AdjustmentType", "ChangeInCapacity"},
       {"StepAdjustments", json::array({{{"MetricIntervalLowerBound", 0}, {"ScalingAdjustment", 1}},
                                        {{"MetricIntervalLowerBound", 3}, {"ScalingAdjustment", 2}}})}}));
  CHECK_FALSE(read_step_configuration(
      {{"AdjustmentType", "ChangeInCapacity"},
       {"StepAdjustments",
        json::array({{{"MetricIntervalLowerBound", 5}, {"MetricIntervalUpperBound", 5}, {"ScalingAdjustment", 1}}})}}));
  const auto e = read_step_configuration({{"AdjustmentType", "ChangeInCapacity"}});
  CHECK(e.error().code == "ValidationException");
  const auto ok = read_step_configuration({{"AdjustmentType", "PercentChangeInCapacity"},
                                           {"StepAdjustments", one_step},
                                           {"MinAdjustmentMagnitude", 2},
                                           {"Cooldown", 60},
                                           {"MetricAggregationType", "Maximum"}});
  REQUIRE(ok);
  const json echoed = step_configuration_json(*ok);
  CHECK(echoed["MinAdjustmentMagnitude"] == 2);
  CHECK(echoed["Cooldown"] == 60);
  CHECK(echoed["StepAdjustments"][0]["MetricIntervalLowerBound"] == 0.0);
  CHECK_FALSE(echoed["StepAdjustments"][0].contains("MetricIntervalUpperBound"));
}

}  // namespace
}  // namespace chokepoint
