#include <catch2/catch.hpp>

#include "metrics/capacity_tally.hpp"
#include "metrics/metric_store.hpp"

using namespace chokepoint;

TEST_CASE("capacity tally: forwards every datapoint and adds up the request's consumed capacity", "[metrics]") {
  MetricStore store;
  CapacityTally tally(&store);
  const TimePoint t{std::chrono::seconds{1'800'000'000}};
  const MetricDimensionRef table[] = {{"TableName", "t"}};
  const MetricDimensionRef index[] = {{"TableName", "t"}, {"GlobalSecondaryIndexName", "g"}};
  auto put = [&](std::span<const MetricDimensionRef> dims, std::string_view ns, std::string_view name, double v) {
    tally.put(MetricPoint{"111111111111", "us-east-1", ns, name, dims, MetricValue::of(v), "Count", t});
  };
  put(table, "AWS/DynamoDB", "ConsumedWriteCapacityUnits", 2);
  put(index, "AWS/DynamoDB", "ConsumedWriteCapacityUnits", 1);
  put(table, "AWS/DynamoDB", "ConsumedReadCapacityUnits", 0.5);
  put(table, "AWS/DynamoDB", "WriteThrottleEvents", 1);
  put(table, "Custom", "ConsumedWriteCapacityUnits", 100);
  CHECK(tally.write_units() == 3);
  CHECK(tally.read_units() == 0.5);
  CHECK(store.series_count() == 5);
  CapacityTally unwired(nullptr);
  unwired.put(
      MetricPoint{"1", "r", "AWS/DynamoDB", "ConsumedReadCapacityUnits", table, MetricValue::of(4), "Count", t});
  CHECK(unwired.read_units() == 4);
}
