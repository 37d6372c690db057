#pragma once
// The Prometheus view of the DynamoDB metrics that the DynamoDB service reports through its MetricSink
// (namespace AWS/DynamoDB, see metric_sink.hpp); other namespaces are ignored:
//   chokepoint_dynamodb_consumed_capacity_units_total{account,region,table,index,kind}  kind: read|write
//   chokepoint_dynamodb_provisioned_capacity_units{account,region,table,index,kind}     last value reported
//   chokepoint_dynamodb_throttle_events_total{account,region,table,index,kind}
//   chokepoint_dynamodb_throttled_requests_total{account,region,table,operation}
// `index` is the GlobalSecondaryIndexName, empty for the table itself. Tables beyond the cap are "other".
// Thread-safe.
#include <atomic>
#include <vector>

#include "config/metrics_settings.hpp"
#include "metrics/label_cap.hpp"
#include "metrics/metric_sink.hpp"
#include "metrics/prometheus_text.hpp"
#include "metrics/series_map.hpp"

namespace chokepoint {

class DynamoDbPrometheus final : public MetricSink {
 public:
  DynamoDbPrometheus(const PrometheusLimits& limits, SharedLabelCaps& shared);

  void put(const MetricPoint& point) override;
  void write(PrometheusText& out) const;
  const LabelCap& tables() const { return tables_; }

 private:
  struct Value {
    std::atomic<double> value{0};
  };
  // Table metrics: account, region, table, index, kind.
  void add(SeriesMap<Value>& family, const MetricPoint& point, std::string_view kind, bool gauge);

  LabelCap tables_;
  SeriesMap<Value> consumed_, provisioned_, throttle_events_;
  SeriesMap<Value> throttled_requests_;  // account, region, table, operation
};

}  // namespace chokepoint
