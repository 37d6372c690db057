#include "metrics/dynamodb_prometheus.hpp"

namespace chokepoint {

namespace {

std::string_view dimension(const MetricPoint& p, std::string_view name) {
  for (const auto& d : p.dimensions) {
    if (d.name == name) return d.value;
  }
  return {};
}

}  // namespace

DynamoDbPrometheus::DynamoDbPrometheus(const PrometheusLimits& limits, SharedLabelCaps& shared)
    : tables_("table", static_cast<size_t>(limits.max_tables)),
      consumed_({&shared.accounts, &shared.regions, &tables_, &tables_, nullptr}),
      provisioned_({&shared.accounts, &shared.regions, &tables_, &tables_, nullptr}),
      throttle_events_({&shared.accounts, &shared.regions, &tables_, &tables_, nullptr}),
      throttled_requests_({&shared.accounts, &shared.regions, &tables_, &shared.operations}) {}

void DynamoDbPrometheus::add(SeriesMap<Value>& family, const MetricPoint& p, std::string_view kind, bool gauge) {
  const std::string_view labels[] = {p.account, p.region, dimension(p, "TableName"),
                                     dimension(p, "GlobalSecondaryIndexName"), kind};
  Value& v = family.get(labels);
  if (gauge) {
    v.value.store(p.value.sample_count > 0 ? p.value.sum / p.value.sample_count : 0, std::memory_order_relaxed);
  } else {
    v.value.fetch_add(p.value.sum, std::memory_order_relaxed);
  }
}

void DynamoDbPrometheus::put(const MetricPoint& p) {
  if (p.namespace_name != "AWS/DynamoDB") return;
  const std::string_view name = p.metric_name;
  if (name == "ConsumedReadCapacityUnits") return add(consumed_, p, "read", false);
  if (name == "ConsumedWriteCapacityUnits") return add(consumed_, p, "write", false);
  if (name == "ProvisionedReadCapacityUnits") return add(provisioned_, p, "read", true);
  if (name == "ProvisionedWriteCapacityUnits") return add(provisioned_, p, "write", true);
  if (name == "ReadThrottleEvents") return add(throttle_events_, p, "read", false);
  if (name == "WriteThrottleEvents") return add(throttle_events_, p, "write", false);
  if (name == "ThrottledRequests") {
    const std::string_view labels[] = {p.account, p.region, dimension(p, "TableName"), dimension(p, "Operation")};
    throttled_requests_.get(labels).value.fetch_add(p.value.sum, std::memory_order_relaxed);
  }
}

void DynamoDbPrometheus::write(PrometheusText& out) const {
  struct Family {
    const SeriesMap<Value>& map;
    std::string_view name, type, help;
  };
  const Family families[] = {
      {consumed_, "chokepoint_dynamodb_consumed_capacity_units_total", "counter",
       "DynamoDB capacity units consumed, by table, index (empty: the table) and kind (read, write)."},
      {provisioned_, "chokepoint_dynamodb_provisioned_capacity_units", "gauge",
       "DynamoDB provisioned capacity units, by table, index and kind."},
      {throttle_events_, "chokepoint_dynamodb_throttle_events_total", "counter",
       "DynamoDB read and write throttle events, by table, index and kind."},
  };
  for (const auto& f : families) {
    out.family(f.name, f.type, f.help);
    f.map.for_each([&](const std::vector<std::string>& l, const Value& v) {
      out.sample(f.name, {{"account", l[0]}, {"region", l[1]}, {"table", l[2]}, {"index", l[3]}, {"kind", l[4]}},
                 v.value.load(std::memory_order_relaxed));
    });
  }
  out.family("chokepoint_dynamodb_throttled_requests_total", "counter",
             "DynamoDB requests with at least one throttle event, by table and operation.");
  throttled_requests_.for_each([&](const std::vector<std::string>& l, const Value& v) {
    out.sample("chokepoint_dynamodb_throttled_requests_total",
               {{"account", l[0]}, {"region", l[1]}, {"table", l[2]}, {"operation", l[3]}},
               v.value.load(std::memory_order_relaxed));
  });
}

}  // namespace chokepoint
