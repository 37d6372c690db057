#pragma once
// Where CloudWatch metrics come from. Services report datapoints through a MetricSink (CallContext::metrics);
// the metric store behind it keeps them at 1-minute resolution for GetMetricStatistics, GetMetricData,
// ListMetrics and alarms, and the Prometheus exporter mirrors the DynamoDB ones.
//
// DynamoDB reports, per request, in namespace "AWS/DynamoDB" (what AWS publishes):
//   ConsumedReadCapacityUnits / ConsumedWriteCapacityUnits  unit Count, value = units consumed by the request;
//       dimensions {TableName} and, for a GSI's share, {TableName, GlobalSecondaryIndexName}
//   ReadThrottleEvents / WriteThrottleEvents                 unit Count, 1 per throttled read/write event;
//       same dimensions as the consumed metrics
//   ThrottledRequests                                        unit Count, 1 per throttled request;
//       dimensions {TableName, Operation}
//   SuccessfulRequestLatency                                 unit Milliseconds; {TableName, Operation}
//   ProvisionedReadCapacityUnits / ProvisionedWriteCapacityUnits  unit Count, the provisioned value; report
//       it whenever capacity is charged (a gauge: queries use Average/Maximum), with the table's dimensions
// Example (one write of 3 WCU to table "t" in account a, region r):
//   const MetricDimensionRef dims[] = {{"TableName", "t"}};
//   sink.put(MetricPoint{a, r, "AWS/DynamoDB", "ConsumedWriteCapacityUnits", dims, MetricValue::of(3), "Count", now});
//
// Thread-safe; put() copies what it keeps, so the views need only live for the call.
#include <span>
#include <string_view>

#include "common/clock.hpp"

namespace chokepoint {

struct MetricDimensionRef {
  std::string_view name;
  std::string_view value;
};

// One observation, or a pre-aggregated set of them (PutMetricData's StatisticValues).
struct MetricValue {
  double sample_count = 1;
  double sum = 0;
  double minimum = 0;
  double maximum = 0;

  static MetricValue of(double v) { return MetricValue{1, v, v, v}; }
};

struct MetricPoint {
  std::string_view account;
  std::string_view region;
  std::string_view namespace_name;                 // "AWS/DynamoDB"
  std::string_view metric_name;                    // "ConsumedWriteCapacityUnits"
  std::span<const MetricDimensionRef> dimensions;  // any order; at most 30
  MetricValue value;
  std::string_view unit = "None";  // a CloudWatch StandardUnit: "Count", "Milliseconds", ...
  TimePoint time;
};

class MetricSink {
 public:
  virtual ~MetricSink() = default;
  virtual void put(const MetricPoint& point) = 0;
};

}  // namespace chokepoint
