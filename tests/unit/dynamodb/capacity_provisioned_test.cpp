// Provisioned mode: table and index buckets with burst, partitions with their share and hard maximum,
// adaptive capacity, charging afterwards (debt), and the errors' shapes. Time moves only by hand.
#include <catch2/catch.hpp>

#include "capacity_fixture.hpp"
#include "services/dynamodb/key_codec.hpp"
#include "services/dynamodb/partition_map.hpp"

namespace chokepoint {
namespace {

using namespace testing;
using std::chrono::milliseconds;
using std::chrono::seconds;

TEST_CASE("provisioned: burst lets a 5 WCU table take 300 s of unused capacity, then it throttles",
          "[dynamodb][capacity][provisioned]") {
  DynamoHarness h;
  h.ok("CreateTable", provisioned_table("five", 5, 5));
  // 100 writes per second (10 every 100 ms) against 1,500 WCU of burst refilled at 5 WCU/s: the burst lasts
  // until 1500 + 5t = 100t, and write 1,579 is the first the table cannot take.
  ApiError error;
  int admitted = 0;
  for (int step = 0; step < 400; ++step) {
    const int n = put_until_throttled(h, "five", numbered("s", step), 10, 1000, true, &error);
    admitted += n;
    if (n < 10) break;
    h.now += milliseconds(100);
  }
  CHECK(admitted == 1578);
  CHECK(error.code == "ProvisionedThroughputExceededException");
  CHECK(error.http_status == 400);
  CHECK(error.message.find("provisioned throughput for the table was exceeded") != std::string::npos);
  REQUIRE(error.extra.contains("ThrottlingReasons"));
  CHECK(error.extra["ThrottlingReasons"] == json::parse(R"([{"reason":"TableWriteProvisionedThroughputExceeded",
      "resource":"arn:aws:dynamodb:us-east-1:123456789012:table/five"}])"));
  // The bucket refills at the provisioned rate: one second later, five more 1 KB writes.
  h.now += seconds(1);
  CHECK(put_until_throttled(h, "five", "later", 100, 1000, true) == 5);
}

TEST_CASE("provisioned: the burst window is configurable", "[dynamodb][capacity][provisioned]") {
  DynamoHarness h("dynamodb:\n  capacity:\n    burst_window_seconds: 2\n");
  h.ok("CreateTable", provisioned_table("five", 5, 5));
  CHECK(put_until_throttled(h, "five", "k", 100, 1000, true) == 10);
  h.now += milliseconds(400);
  CHECK(put_until_throttled(h, "five", "j", 100, 1000, true) == 2);
}

TEST_CASE("provisioned: a throttled request consumes nothing and changes nothing", "[dynamodb][capacity][provisioned]") {
  DynamoHarness h("dynamodb:\n  capacity:\n    burst_window_seconds: 1\n");
  h.ok("CreateTable", provisioned_table("one", 1, 1));
  h.ok("PutItem", {{"TableName", "one"}, {"Item", item_of("a", 100)}});
  const ApiResult r = h.call("PutItem", {{"TableName", "one"}, {"Item", item_of("b", 100)}});
  CHECK(first_reason(r) == "TableWriteProvisionedThroughputExceeded");
  // Nothing was stored, and the throttled attempt did not put the bucket further behind.
  h.now += seconds(1);
  CHECK(h.ok("GetItem", {{"TableName", "one"}, {"Key", key_of("b")}, {"ConsistentRead", true}}) == json::object());
  CHECK(put_until_throttled(h, "one", "c", 10, 100) == 1);
}

TEST_CASE("provisioned: a cost known only afterwards puts the bucket into debt that throttles the next requests",
          "[dynamodb][capacity][provisioned]") {
  DynamoHarness h("dynamodb:\n  capacity:\n    burst_window_seconds: 1\n");
  h.ok("CreateTable", provisioned_table("reads", 10, 10));
  h.ok("PutItem", {{"TableName", "reads"}, {"Item", item_of("big", 100 * 1024)}});
  // A strongly consistent read is admitted on its minimum (1 RCU) and then charged 25 RCU: 15 RCU of debt.
  h.ok("GetItem", {{"TableName", "reads"}, {"Key", key_of("big")}, {"ConsistentRead", true}});
  CHECK(first_reason(h.call("GetItem", {{"TableName", "reads"}, {"Key", key_of("x")}})) == "TableReadProvisionedThroughputExceeded");
  h.now += milliseconds(1500);  // +15 RCU: still just below zero
  CHECK(throttled(h.call("GetItem", {{"TableName", "reads"}, {"Key", key_of("x")}})));
  h.now += milliseconds(200);  // +2 RCU: back above one
  CHECK(!is_error(h.call("GetItem", {{"TableName", "reads"}, {"Key", key_of("x")}})));
}

TEST_CASE("provisioned: reads throttle with the read reason", "[dynamodb][capacity][provisioned]") {
  DynamoHarness h("dynamodb:\n  capacity:\n    burst_window_seconds: 1\n");
  h.ok("CreateTable", provisioned_table("reads", 2, 100));
  int admitted = 0;
  ApiResult last;
  for (int i = 0; i < 10; ++i) {
    last = h.call("GetItem", {{"TableName", "reads"}, {"Key", key_of(numbered("k", i))}, {"ConsistentRead", true}});
    if (throttled(last)) break;
    ++admitted;
  }
  CHECK(admitted == 2);
  CHECK(first_reason(last) == "TableReadProvisionedThroughputExceeded");
  // Eventually consistent reads cost half: four of them fit the next second.
  h.now += seconds(1);
  admitted = 0;
  while (admitted < 10 && !throttled(h.call("GetItem", {{"TableName", "reads"}, {"Key", key_of("e")}}))) ++admitted;
  CHECK(admitted == 4);
}

TEST_CASE("provisioned: partitions are derived from throughput, or declared", "[dynamodb][capacity][provisioned][partitions]") {
  DynamoHarness h("dynamodb:\n  capacity:\n    partitions: {declared: 4}\n");
  h.ok("CreateTable", provisioned_table("derived", 3000, 4000));  // 1 + 4 = 5
  h.ok("CreateTable", provisioned_table("declared", 1, 4000));    // would be ceil(4.0003) = 5
  h.ok("CreateTable", provisioned_table("small", 5, 5));
  CHECK(inspect(h, "derived")["table"]["partition_count"] == 5);
  CHECK(inspect(h, "declared")["table"]["partition_count"] == 4);
  CHECK(inspect(h, "small")["table"]["partition_count"] == 1);
  const json p = inspect(h, "declared")["table"]["partitions"];
  CHECK(p[0]["key_range"] == json::parse(R"({"first":"000000","last":"3fffff"})"));
  CHECK(p[3]["key_range"] == json::parse(R"({"first":"c00000","last":"ffffff"})"));
  CHECK(p[1]["share"]["write"] == 1000.0);
}

TEST_CASE("provisioned: a partition never takes more than 1,000 WCU per second (KeyRange reason)",
          "[dynamodb][capacity][provisioned][partitions]") {
  DynamoHarness h("dynamodb:\n  capacity:\n    partitions: {hot: 4}\n");
  h.ok("CreateTable", provisioned_table("hot", 100, 4000));
  ApiError error;
  CHECK(put_until_throttled(h, "hot", "key", 2000, 1000, false, &error) == 1000);
  CHECK(error.code == "ProvisionedThroughputExceededException");
  CHECK(reasons_of(error)[0]["reason"] == "TableWriteKeyRangeThroughputExceeded");
  // Other partitions are unaffected, and the table as a whole is far from its limit.
  const uint32_t hot = partition_of(partition_token(AttrValue::string("key")), 4);
  int others = 0;
  for (int i = 0; others < 50; ++i) {
    const std::string k = numbered("other-", i);
    if (partition_of(partition_token(AttrValue::string(k)), 4) == hot) continue;
    CHECK(!is_error(h.call("PutItem", {{"TableName", "hot"}, {"Item", item_of(k, 1000)}})));
    ++others;
  }
  const json view = inspect(h, "hot");
  CHECK(view["table"]["write"]["burst_level"].get<double>() > 4000 * 300 - 1100);
  uint64_t throttles = 0;
  for (const auto& p : view["table"]["partitions"]) throttles += p["throttled"]["write"].get<uint64_t>();
  CHECK(throttles == 1);
}

TEST_CASE("provisioned: reads and writes share a partition's maximum linearly", "[dynamodb][capacity][provisioned][partitions]") {
  DynamoHarness h;
  h.ok("CreateTable", provisioned_table("mixed", 3000, 1000));
  h.ok("PutItem", {{"TableName", "mixed"}, {"Item", item_of("k", 100)}});
  // 500 WCU of writes leave half a partition-second: 1,500 strongly consistent reads.
  CHECK(put_until_throttled(h, "mixed", "k", 499, 100) == 499);
  int reads = 0;
  while (reads < 3000 && !throttled(h.call("GetItem", {{"TableName", "mixed"}, {"Key", key_of("k")}, {"ConsistentRead", true}}))) {
    ++reads;
  }
  CHECK(reads == 1500);
  CHECK(first_reason(h.call("GetItem", {{"TableName", "mixed"}, {"Key", key_of("k")}, {"ConsistentRead", true}})) ==
        "TableReadKeyRangeThroughputExceeded");
}

TEST_CASE("provisioned: adaptive capacity lets a hot partition use unused table capacity; without it the share limits",
          "[dynamodb][capacity][provisioned][adaptive]") {
  // 400 WCU over 4 partitions (100 WCU each), one key written at 150 WCU/s, 1 s of burst.
  auto hot_key_admitted = [](bool adaptive) {
    DynamoHarness h(std::string("dynamodb:\n  capacity:\n    burst_window_seconds: 1\n    partitions: {t400: 4}\n"
                                "    adaptive_capacity: ") + (adaptive ? "true" : "false") + "\n");
    h.ok("CreateTable", provisioned_table("t400", 10, 400));
    int admitted = 0;
    for (int second = 0; second < 3; ++second) {
      h.now += seconds(1);
      admitted += put_until_throttled(h, "t400", "hot", 150, 1000);
    }
    return admitted;
  };
  CHECK(hot_key_admitted(true) == 450);
  CHECK(hot_key_admitted(false) == 100 + 100 + 100);

  DynamoHarness h("dynamodb:\n  capacity:\n    burst_window_seconds: 1\n    partitions: {t400: 4}\n    adaptive_capacity: false\n");
  h.ok("CreateTable", provisioned_table("t400", 10, 400));
  ApiError error;
  put_until_throttled(h, "t400", "hot", 150, 1000, false, &error);
  CHECK(reasons_of(error)[0]["reason"] == "TableWriteKeyRangeThroughputExceeded");
}

TEST_CASE("provisioned: a write is throttled when a global index it updates lacks capacity",
          "[dynamodb][capacity][provisioned][gsi]") {
  DynamoHarness h("dynamodb:\n  capacity:\n    burst_window_seconds: 1\n");
  json params = provisioned_table("withgsi", 100, 100);
  add_gsi(params, "byG", "g", 100, 2);
  h.ok("CreateTable", params);
  int admitted = 0;
  ApiResult last;
  for (int i = 0; i < 10; ++i) {
    last = h.call("PutItem", {{"TableName", "withgsi"}, {"Item", item_of(numbered("k", i), 200, {{"g", {{"S", "v"}}}})}});
    if (throttled(last)) break;
    ++admitted;
  }
  CHECK(admitted == 2);
  const ApiError& e = std::get<ApiError>(last);
  CHECK(e.code == "ProvisionedThroughputExceededException");
  CHECK(e.message.find("global secondary indexes") != std::string::npos);
  CHECK(reasons_of(e) == json::parse(R"([{"reason":"IndexWriteProvisionedThroughputExceeded",
      "resource":"arn:aws:dynamodb:us-east-1:123456789012:table/withgsi/index/byG"}])"));
  // Items that are not in the index do not need it.
  CHECK(put_until_throttled(h, "withgsi", "plain", 20, 200, true) == 20);
  // Nothing of the throttled write reached the table.
  CHECK(h.ok("GetItem", {{"TableName", "withgsi"}, {"Key", key_of("k2")}, {"ConsistentRead", true}}) == json::object());
}

TEST_CASE("provisioned: a global index query draws on the index's read capacity", "[dynamodb][capacity][provisioned][gsi]") {
  DynamoHarness h("dynamodb:\n  capacity:\n    burst_window_seconds: 1\n");
  json params = provisioned_table("gsiread", 100, 100);
  add_gsi(params, "byG", "g", 1, 100);
  h.ok("CreateTable", params);
  const json query = {{"TableName", "gsiread"}, {"IndexName", "byG"}, {"KeyConditionExpression", "g = :g"},
                      {"ExpressionAttributeValues", {{":g", {{"S", "v"}}}}}};
  CHECK(!is_error(h.call("Query", query)));
  CHECK(!is_error(h.call("Query", query)));  // two eventually consistent reads of 0.5
  const ApiResult r = h.call("Query", query);
  CHECK(first_reason(r) == "IndexReadProvisionedThroughputExceeded");
  CHECK(reasons_of(std::get<ApiError>(r))[0]["resource"] == kArnPrefix + "gsiread/index/byG");
  // The table's own reads are unaffected.
  CHECK(!is_error(h.call("GetItem", {{"TableName", "gsiread"}, {"Key", key_of("a")}})));
}

TEST_CASE("provisioned: UpdateTable's new throughput applies to the buckets", "[dynamodb][capacity][provisioned]") {
  DynamoHarness h("dynamodb:\n  capacity:\n    burst_window_seconds: 1\n");
  h.ok("CreateTable", provisioned_table("grow", 5, 5));
  CHECK(put_until_throttled(h, "grow", "a", 100, 1000, true) == 5);
  h.ok("UpdateTable", {{"TableName", "grow"}, {"ProvisionedThroughput", {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 50}}}});
  h.now += seconds(1);
  CHECK(put_until_throttled(h, "grow", "b", 100, 1000, true) == 50);
}

TEST_CASE("provisioned: data beyond the partition size adds partitions", "[dynamodb][capacity][provisioned][partitions]") {
  DynamoHarness h("dynamodb:\n  capacity:\n    partition_size_bytes: 10000\n");
  h.ok("CreateTable", provisioned_table("growing", 100, 100));
  CHECK(inspect(h, "growing")["table"]["partition_count"] == 1);
  put_until_throttled(h, "growing", "k", 25, 1000, true);
  CHECK(inspect(h, "growing")["table"]["partition_count"] == 3);
}

TEST_CASE("provisioned: the inspection shows consumption per second and throttles per partition",
          "[dynamodb][capacity][provisioned][inspection]") {
  DynamoHarness h("dynamodb:\n  capacity:\n    burst_window_seconds: 1\n");
  h.ok("CreateTable", provisioned_table("seen", 10, 10));
  put_until_throttled(h, "seen", "k", 5, 1000, true);
  h.now += seconds(1);
  put_until_throttled(h, "seen", "k", 20, 1000);
  const json view = inspect(h, "seen");
  CHECK(view["billing_mode"] == "PROVISIONED");
  CHECK(view["throttled_requests"] == 1);
  const json& p = view["table"]["partitions"][0];
  const json& per_second = p["consumed_per_second"]["write"];
  REQUIRE(per_second.size() == 60);
  CHECK(per_second[58] == 5.0);
  CHECK(per_second[59] == 10.0);
  CHECK(p["throttled_per_second"]["write"][59] == 1);
  CHECK(p["consumed_last_minute"]["write"] == 15.0);
  CHECK(p["peak_per_second"]["write"] == 10.0);
  CHECK(view["table"]["write"]["burst_capacity"] == 10.0);
}

}  // namespace
}  // namespace chokepoint
