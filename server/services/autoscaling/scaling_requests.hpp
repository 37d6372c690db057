#pragma once
// The DynamoDB and CloudWatch requests Application Auto Scaling makes, and what it reads from their answers.
// Pure functions over JSON values.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>

#include "protocol/result.hpp"
#include "services/autoscaling/scaling_model.hpp"

namespace chokepoint {

// "table/T" or "table/T/index/I" with a DynamoDB scalable dimension, checked; ValidationException otherwise.
Result<ScalableResource> parse_scalable_resource(const std::string& resource_id, const std::string& dimension);

// From DescribeTable's answer: the table's or index's provisioned units for the dimension, and whether the table
// (and index) is ACTIVE. Nullopt when the table or index has no provisioned throughput (on-demand, or absent).
std::optional<std::pair<long long, bool>> provisioned_capacity(const nlohmann::json& describe_table,
                                                               const ScalableResource& resource);

// UpdateTable setting the dimension to `capacity`, keeping the other unit as DescribeTable shows it.
nlohmann::json update_capacity_request(const nlohmann::json& describe_table, const ScalableResource& resource,
                                       long long capacity);

// [KC:dynamodb-auto-scaling] https://repost.aws/knowledge-center/dynamodb-auto-scaling: target tracking scales out
// when utilization stays above the target for 2 consecutive minutes, and in when it stays 20 % or more below the
// target for 15 consecutive minutes. The alarms are on the consumed units' per-minute Sum.
inline constexpr long long kHighAlarmMinutes = 2;
inline constexpr long long kLowAlarmMinutes = 15;
inline constexpr double kLowAlarmMargin = 20;  // percentage points below the target

// A customized metric's alarms, on the metric itself: high above the target over kHighAlarmMinutes, low below
// kCustomLowAlarmRatio of it over kLowAlarmMinutes. **Unconfirmed** for DynamoDB targets: AWS documents the
// alarms of its predefined metrics; these follow the same windows.
inline constexpr double kCustomLowAlarmRatio = 0.9;

// CustomizedMetricSpecification checked as the model documents: MetricName, Namespace and Statistic (with
// optional Dimensions and Unit), or Metrics, metric-math queries of which exactly one returns data.
Result<nlohmann::json> read_customized_metric(const nlohmann::json& spec);

// PutMetricAlarm for the policy's high or low alarm at the given provisioned capacity; the policy ARN is its action.
nlohmann::json alarm_request(const ScalableResource& resource, const TargetTrackingPolicy& policy, bool high,
                             long long capacity);

// The GetMetricData queries that read what an alarm (as DescribeAlarms or PutMetricAlarm shows it) watches: its
// Metrics, or its one metric with its statistic and period.
nlohmann::json alarm_metric_queries(const nlohmann::json& alarm);
// The newest value of the first series in GetMetricData's answer.
std::optional<double> newest_metric_value(const nlohmann::json& get_metric_data);

// Target tracking on a customized metric assumes the metric moves inversely with capacity (a utilization): the
// capacity that brings `metric` to `target` is current * metric / target, rounded up, within [min, max].
long long tracked_capacity(double metric, double target, long long current, long long min, long long max);

// The capacity that brings `consumed_per_second` to the target utilization, within [min, max].
long long desired_capacity(double consumed_per_second, double target_percent, long long min, long long max);

}  // namespace chokepoint
