#include "services/dynamodb/capacity_metrics.hpp"

#include <algorithm>
#include <span>
#include <vector>

#include "services/dynamodb/table_capacity.hpp"

namespace chokepoint {

namespace {

class Reporter {
 public:
  Reporter(const DynamoCall& call, MetricSink& sink) : call_(call), sink_(sink) {}

  // One Count datapoint for the table (index empty) or one of its global indexes.
  void put(std::string_view metric, std::string_view table, std::string_view index, double value) {
    const MetricDimensionRef dims[] = {{"TableName", table}, {"GlobalSecondaryIndexName", index}};
    sink_.put(MetricPoint{call_.account, call_.region, "AWS/DynamoDB", metric,
                          std::span<const MetricDimensionRef>(dims, index.empty() ? 1 : 2), MetricValue::of(value),
                          "Count", call_.now});
  }

  void put_operation(std::string_view metric, std::string_view table, std::string_view operation) {
    const MetricDimensionRef dims[] = {{"TableName", table}, {"Operation", operation}};
    sink_.put(MetricPoint{call_.account, call_.region, "AWS/DynamoDB", metric, dims, MetricValue::of(1), "Count",
                          call_.now});
  }

 private:
  const DynamoCall& call_;
  MetricSink& sink_;
};

void report_consumption(Reporter& r, const TableUsage& usage) {
  if (usage.total() <= 0) return;
  const std::string_view consumed = usage.write ? "ConsumedWriteCapacityUnits" : "ConsumedReadCapacityUnits";
  double table_units = usage.table_units;
  for (const auto& [name, units] : usage.local_indexes) table_units += units;
  if (table_units > 0) r.put(consumed, usage.table, {}, table_units);
  for (const auto& [name, units] : usage.global_indexes) {
    if (units > 0) r.put(consumed, usage.table, name, units);
  }
  if (!usage.capacity) return;
  const int direction = usage.write ? 1 : 0;
  const std::string_view provisioned = usage.write ? "ProvisionedWriteCapacityUnits" : "ProvisionedReadCapacityUnits";
  for (const auto& p : usage.capacity->provisioned_units()) r.put(provisioned, usage.table, p.index, p.units[direction]);
}

bool is_batch(std::string_view operation) { return operation == "BatchGetItem" || operation == "BatchWriteItem"; }

}  // namespace

ConsumedCapacity consumed_capacity(const CapacityRecord& record) {
  ConsumedCapacity consumed;
  for (const TableUsage& usage : record.tables()) {
    const double units = usage.total();
    if (units <= 0) continue;
    (usage.write ? consumed.write_units : consumed.read_units) += units;
    if (consumed.table.empty()) consumed.table = usage.table;
  }
  return consumed;
}

void report_capacity_metrics(const DynamoCall& call, std::string_view operation, bool failed, MetricSink& sink) {
  Reporter r(call, sink);
  for (const auto& usage : call.capacity.tables()) report_consumption(r, usage);
  const auto& throttles = call.capacity.throttles();
  std::vector<std::string_view> throttled_tables;
  for (const auto& e : throttles) {
    const std::string_view metric = e.write ? "WriteThrottleEvents" : "ReadThrottleEvents";
    r.put(metric, e.table, {}, 1);
    for (const auto& index : e.global_indexes) r.put(metric, e.table, index, 1);
    if (std::find(throttled_tables.begin(), throttled_tables.end(), e.table) == throttled_tables.end()) {
      throttled_tables.push_back(e.table);
    }
  }
  if (is_batch(operation) && !failed) return;
  for (const auto table : throttled_tables) r.put_operation("ThrottledRequests", table, operation);
}

}  // namespace chokepoint
