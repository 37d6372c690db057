// DynamoDB's CloudWatch datapoints as the service reports them to its MetricSink.
#include <map>
#include <string>
#include <vector>

#include "capacity_fixture.hpp"
#include "metrics/metric_sink.hpp"

using namespace chokepoint;
using namespace chokepoint::testing;

namespace {

// Sums per "Metric|dim=value|dim=value" (dimensions in the order given).
class RecordingSink final : public MetricSink {
 public:
  void put(const MetricPoint& p) override {
    CHECK(p.namespace_name == "AWS/DynamoDB");
    CHECK(p.account == "123456789012");
    std::string key(p.metric_name);
    for (const auto& d : p.dimensions) {
      key.push_back('|');
      key.append(d.name);
      key.push_back('=');
      key.append(d.value);
    }
    sums[key] += p.value.sum;
    ++counts[key];
    units[key] = std::string(p.unit);
  }
  double sum(const std::string& key) const { return sums.count(key) ? sums.at(key) : 0; }

  std::map<std::string, double> sums;
  std::map<std::string, int> counts;
  std::map<std::string, std::string> units;
};

bool is_throttled(const ApiResult& r) {
  const auto* e = std::get_if<ApiError>(&r);
  return e && e->origin == ErrorOrigin::kThrottle;
}

}  // namespace

TEST_CASE("metrics: consumption per table and global index, provisioned units, throttle events", "[dynamodb][capacity][metrics]") {
  DynamoHarness h("dynamodb:\n  capacity:\n    burst_window_seconds: 1\n");
  RecordingSink sink;
  h.metrics = &sink;
  json params = provisioned_table("met", 7, 100);
  add_gsi(params, "byG", "g", 3, 2, "KEYS_ONLY");
  h.ok("CreateTable", params);
  int ok = 0, throttled = 0;
  for (int i = 0; i < 6; ++i) {
    const ApiResult r = h.call("PutItem", {{"TableName", "met"}, {"Item", item_of(numbered("k", i), 1500, {{"g", {{"S", "v"}}}})}});
    (is_throttled(r) ? throttled : ok) += 1;
  }
  REQUIRE(ok == 2);  // the index's 2 WCU of burst
  REQUIRE(throttled == 4);
  CHECK(sink.sum("ConsumedWriteCapacityUnits|TableName=met") == 4.0);  // 1.5 KB: 2 WCU each
  CHECK(sink.counts["ConsumedWriteCapacityUnits|TableName=met"] == 2);
  CHECK(sink.sum("ConsumedWriteCapacityUnits|TableName=met|GlobalSecondaryIndexName=byG") == 2.0);
  CHECK(sink.units["ConsumedWriteCapacityUnits|TableName=met"] == "Count");
  CHECK(sink.sum("ProvisionedWriteCapacityUnits|TableName=met") == 2 * 100.0);
  CHECK(sink.sum("ProvisionedWriteCapacityUnits|TableName=met|GlobalSecondaryIndexName=byG") == 2 * 2.0);
  // Every throttled write is an event for the table, and for the index that lacked capacity.
  CHECK(sink.sum("WriteThrottleEvents|TableName=met") == 4);
  CHECK(sink.sum("WriteThrottleEvents|TableName=met|GlobalSecondaryIndexName=byG") == 4);
  CHECK(sink.sum("ThrottledRequests|TableName=met|Operation=PutItem") == 4);
  CHECK(sink.sum("ReadThrottleEvents|TableName=met") == 0);
  // Reads: an eventually consistent miss is half a unit; a global index query is the index's.
  h.ok("GetItem", {{"TableName", "met"}, {"Key", key_of("absent")}});
  CHECK(sink.sum("ConsumedReadCapacityUnits|TableName=met") == 0.5);
  CHECK(sink.sum("ProvisionedReadCapacityUnits|TableName=met") == 7.0);
  h.ok("Query", {{"TableName", "met"}, {"IndexName", "byG"}, {"KeyConditionExpression", "g = :g"},
                 {"ExpressionAttributeValues", {{":g", {{"S", "v"}}}}}});
  CHECK(sink.sum("ConsumedReadCapacityUnits|TableName=met|GlobalSecondaryIndexName=byG") == 0.5);
  CHECK(sink.sum("ConsumedReadCapacityUnits|TableName=met") == 0.5);
  // Control-plane calls report nothing.
  const auto before = sink.sums.size();
  h.ok("DescribeTable", {{"TableName", "met"}});
  CHECK(sink.sums.size() == before);
}

TEST_CASE("metrics: a batch is a throttled request only when nothing in it was processed", "[dynamodb][capacity][metrics]") {
  DynamoHarness h("dynamodb:\n  capacity:\n    burst_window_seconds: 1\n");
  RecordingSink sink;
  h.metrics = &sink;
  h.ok("CreateTable", provisioned_table("bat", 5, 3));
  json requests = json::array();
  for (int i = 0; i < 5; ++i) requests.push_back({{"PutRequest", {{"Item", item_of(numbered("k", i), 500)}}}});
  const json partial = h.ok("BatchWriteItem", {{"RequestItems", {{"bat", requests}}}});
  REQUIRE(partial["UnprocessedItems"]["bat"].size() == 2);
  CHECK(sink.sum("WriteThrottleEvents|TableName=bat") == 2);
  CHECK(sink.sum("ConsumedWriteCapacityUnits|TableName=bat") == 3);
  CHECK(sink.sum("ThrottledRequests|TableName=bat|Operation=BatchWriteItem") == 0);
  const ApiResult failed = h.call("BatchWriteItem", {{"RequestItems", {{"bat", requests}}}});
  REQUIRE(is_throttled(failed));
  CHECK(sink.sum("WriteThrottleEvents|TableName=bat") == 7);
  CHECK(sink.sum("ThrottledRequests|TableName=bat|Operation=BatchWriteItem") == 1);
  CHECK(sink.sum("ConsumedWriteCapacityUnits|TableName=bat") == 3);  // a throttled call consumes nothing
}

TEST_CASE("metrics: on-demand tables report consumption but no provisioned units", "[dynamodb][capacity][metrics]") {
  DynamoHarness h;
  RecordingSink sink;
  h.metrics = &sink;
  h.ok("CreateTable", on_demand_table("odm"));
  h.ok("PutItem", {{"TableName", "odm"}, {"Item", item_of("a", 2048)}});
  h.ok("GetItem", {{"TableName", "odm"}, {"Key", key_of("a")}, {"ConsistentRead", true}});
  CHECK(sink.sum("ConsumedWriteCapacityUnits|TableName=odm") == 2);
  CHECK(sink.sum("ConsumedReadCapacityUnits|TableName=odm") == 1);
  CHECK(sink.counts.count("ProvisionedWriteCapacityUnits|TableName=odm") == 0);
  CHECK(sink.counts.count("ProvisionedReadCapacityUnits|TableName=odm") == 0);
}

TEST_CASE("metrics: the request record gets the capacity a call consumed and its first table", "[dynamodb][capacity][metrics]") {
  DynamoHarness h;
  h.create_simple_table("first");
  h.create_simple_table("second");
  h.ok("PutItem", {{"TableName", "first"}, {"Item", {{"pk", {{"S", "a"}}}}}});
  CHECK(h.last_consumed.write_units == 1);
  CHECK(h.last_consumed.read_units == 0);
  CHECK(h.last_consumed.table == "first");
  h.ok("BatchGetItem", {{"RequestItems", {{"second", {{"Keys", {{{"pk", {{"S", "a"}}}}}}}},
                                          {"first", {{"Keys", {{{"pk", {{"S", "a"}}}}}}}}}}});
  CHECK(h.last_consumed.read_units == 1);  // half a unit from each table
  CHECK(h.last_consumed.write_units == 0);
  CHECK_FALSE(h.last_consumed.table.empty());
  h.ok("ListTables", nlohmann::json::object());
  CHECK(h.last_consumed.table.empty());
  CHECK(h.last_consumed.read_units == 0);
}
