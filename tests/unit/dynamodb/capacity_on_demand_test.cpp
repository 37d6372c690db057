// On-demand mode: what a new table sustains at once, twice the previous peak and its ratchet, the per-table
// quota, OnDemandThroughput maximums, per-partition limits, and the switch from provisioned mode.
#include <catch2/catch.hpp>

#include "capacity_fixture.hpp"

namespace chokepoint {
namespace {

using namespace testing;
using std::chrono::seconds;

TEST_CASE("on-demand: a new table takes 4,000 WRU at once, then throttles with ThrottlingException",
          "[dynamodb][capacity][on-demand]") {
  DynamoHarness h;
  h.ok("CreateTable", on_demand_table("fresh"));
  CHECK(inspect(h, "fresh")["table"]["partition_count"] == 8);  // ceil(12000 / 3000 + 4000 / 1000)
  ApiError error;
  CHECK(put_until_throttled(h, "fresh", "k", 5000, 1000, true, &error) == 4000);
  CHECK(error.code == "ThrottlingException");
  CHECK(error.http_status == 400);
  CHECK(error.json_type.empty());  // the service's own prefix, not the control plane's
  CHECK(!error.extra.contains("ThrottlingReasons"));
  CHECK(error.extra["throttlingReasons"] == json::parse(R"([{"reason":"TableWriteKeyRangeThroughputExceeded",
      "resource":"arn:aws:dynamodb:us-east-1:123456789012:table/fresh"}])"));
  CHECK(error.message.find("DynamoDB is automatically scaling your table") != std::string::npos);
  h.now += seconds(1);
  CHECK(put_until_throttled(h, "fresh", "later", 10, 1000, true) == 10);
}

TEST_CASE("on-demand: a new table takes 12,000 RRU at once", "[dynamodb][capacity][on-demand]") {
  DynamoHarness h;
  h.ok("CreateTable", on_demand_table("reads"));
  int reads = 0;
  ApiResult last;
  while (reads < 13000) {
    last = h.call("GetItem", {{"TableName", "reads"}, {"Key", key_of(numbered("r", reads))}, {"ConsistentRead", true}});
    if (throttled(last)) break;
    ++reads;
  }
  CHECK(reads == 12000);
  CHECK(first_reason(last) == "TableReadKeyRangeThroughputExceeded");
}

TEST_CASE("on-demand: one partition key still stops at 1,000 WCU per second", "[dynamodb][capacity][on-demand]") {
  DynamoHarness h;
  h.ok("CreateTable", on_demand_table("hotkey"));
  ApiError error;
  CHECK(put_until_throttled(h, "hotkey", "hot", 2000, 1000, false, &error) == 1000);
  CHECK(error.code == "ThrottlingException");
  CHECK(reasons_of(error)[0]["reason"] == "TableWriteKeyRangeThroughputExceeded");
}

TEST_CASE("on-demand: the per-table quota answers RequestLimitExceeded with AccountLimitExceeded",
          "[dynamodb][capacity][on-demand]") {
  DynamoHarness h("dynamodb:\n  capacity:\n    on_demand: {initial_write_units: 100000, table_write_quota: 5000}\n");
  h.ok("CreateTable", on_demand_table("quota"));
  ApiError error;
  CHECK(put_until_throttled(h, "quota", "k", 6000, 1000, true, &error) == 5000);
  CHECK(error.code == "RequestLimitExceeded");
  CHECK(error.extra["ThrottlingReasons"][0]["reason"] == "TableWriteAccountLimitExceeded");
  CHECK(error.message.find("throughput limit for your account") != std::string::npos);
}

TEST_CASE("on-demand: the exception per reason is configurable", "[dynamodb][capacity][on-demand]") {
  DynamoHarness h("dynamodb:\n  capacity:\n    exceptions: {on_demand: {KeyRangeThroughputExceeded: "
                  "ProvisionedThroughputExceededException}}\n");
  h.ok("CreateTable", on_demand_table("mapped"));
  ApiError error;
  put_until_throttled(h, "mapped", "hot", 2000, 1000, false, &error);
  CHECK(error.code == "ProvisionedThroughputExceededException");
  CHECK(error.extra["ThrottlingReasons"][0]["reason"] == "TableWriteKeyRangeThroughputExceeded");
}

TEST_CASE("on-demand: OnDemandThroughput maximums throttle the table and its indexes", "[dynamodb][capacity][on-demand]") {
  DynamoHarness h;
  json params = on_demand_table("capped");
  params["OnDemandThroughput"] = {{"MaxReadRequestUnits", -1}, {"MaxWriteRequestUnits", 10}};
  h.ok("CreateTable", params);
  ApiError error;
  CHECK(put_until_throttled(h, "capped", "k", 50, 1000, true, &error) == 10);
  CHECK(error.code == "ThrottlingException");
  CHECK(reasons_of(error)[0]["reason"] == "TableWriteMaxOnDemandThroughputExceeded");
  h.ok("UpdateTable", {{"TableName", "capped"}, {"OnDemandThroughput", {{"MaxWriteRequestUnits", 20}}}});
  h.now += seconds(1);
  CHECK(put_until_throttled(h, "capped", "j", 50, 1000, true) == 20);

  json with_index = on_demand_table("idxcap");
  add_gsi(with_index, "byG", "g");
  with_index["GlobalSecondaryIndexes"][0]["OnDemandThroughput"] = {{"MaxWriteRequestUnits", 3}};
  h.ok("CreateTable", with_index);
  int admitted = 0;
  ApiResult last;
  for (; admitted < 10; ++admitted) {
    last = h.call("PutItem", {{"TableName", "idxcap"}, {"Item", item_of(numbered("k", admitted), 100, {{"g", {{"S", "v"}}}})}});
    if (throttled(last)) break;
  }
  CHECK(admitted == 3);
  CHECK(reasons_of(std::get<ApiError>(last)) == json::parse(R"([{"reason":"IndexWriteMaxOnDemandThroughputExceeded",
      "resource":"arn:aws:dynamodb:us-east-1:123456789012:table/idxcap/index/byG"}])"));
}

TEST_CASE("on-demand: an index added by UpdateTable gets its OnDemandThroughput maximum", "[dynamodb][capacity][on-demand]") {
  DynamoHarness h;
  h.ok("CreateTable", on_demand_table("idxupd"));
  const json create = {{"IndexName", "byG"},
                       {"KeySchema", {{{"AttributeName", "g"}, {"KeyType", "HASH"}}}},
                       {"Projection", {{"ProjectionType", "ALL"}}},
                       {"OnDemandThroughput", {{"MaxWriteRequestUnits", 2}}}};
  h.ok("UpdateTable", {{"TableName", "idxupd"},
                       {"AttributeDefinitions", {{{"AttributeName", "g"}, {"AttributeType", "S"}}}},
                       {"GlobalSecondaryIndexUpdates", {{{"Create", create}}}}});
  const json description = h.ok("DescribeTable", {{"TableName", "idxupd"}});
  CHECK(description["Table"]["GlobalSecondaryIndexes"][0]["OnDemandThroughput"]["MaxWriteRequestUnits"] == 2);
  int admitted = 0;
  ApiResult last;
  for (; admitted < 10; ++admitted) {
    last = h.call("PutItem", {{"TableName", "idxupd"}, {"Item", item_of(numbered("k", admitted), 100, {{"g", {{"S", "v"}}}})}});
    if (throttled(last)) break;
  }
  CHECK(admitted == 2);
  CHECK(first_reason(last) == "IndexWriteMaxOnDemandThroughputExceeded");
}

TEST_CASE("on-demand: twice the previous peak at once; sustained traffic becomes the new previous peak",
          "[dynamodb][capacity][on-demand][peak]") {
  DynamoHarness h("dynamodb:\n  capacity:\n    on_demand: {initial_write_units: 400, peak_window_seconds: 30}\n");
  h.ok("CreateTable", on_demand_table("burst"));
  CHECK(put_until_throttled(h, "burst", "k", 1000, 1000, true) == 400);  // 2 x the initial previous peak of 200

  h.ok("CreateTable", on_demand_table("ramp"));
  // 300 WRU/s, above the previous peak but within twice it: half a window in, the average over the window
  // (150) is still below the previous peak...
  for (int second = 0; second <= 30; ++second) {
    CHECK(put_until_throttled(h, "ramp", numbered("s", second), 300, 1000, true) == 300);
    if (second == 15) CHECK(inspect(h, "ramp")["table"]["write"]["previous_peak"] == 200.0);
    h.now += seconds(1);
  }
  // ...and once it was sustained for a whole window it is the previous peak: twice it is available at once.
  const json write = inspect(h, "ramp")["table"]["write"];
  CHECK(write["previous_peak"] == 300.0);
  CHECK(write["instant_units"] == 600.0);
  h.now += seconds(1);
  CHECK(put_until_throttled(h, "ramp", "u", 1000, 1000, true) == 600);
}

TEST_CASE("on-demand: a short burst does not raise the previous peak", "[dynamodb][capacity][on-demand][peak]") {
  DynamoHarness h("dynamodb:\n  capacity:\n    on_demand: {initial_write_units: 400, peak_window_seconds: 30}\n");
  h.ok("CreateTable", on_demand_table("spiky"));
  for (int second = 0; second < 40; ++second) {
    put_until_throttled(h, "spiky", numbered("s", second), second % 10 == 0 ? 390 : 10, 1000, true);
    h.now += seconds(1);
  }
  CHECK(inspect(h, "spiky")["table"]["write"]["previous_peak"] == 200.0);
}

TEST_CASE("on-demand: switching from provisioned keeps at least the provisioned throughput (reference 3.8)",
          "[dynamodb][capacity][on-demand][switch]") {
  DynamoHarness h;
  auto switch_and_read = [&](const std::string& name) {
    h.ok("UpdateTable", {{"TableName", name}, {"BillingMode", "PAY_PER_REQUEST"}});
    const json table = inspect(h, name)["table"];
    CHECK(inspect(h, name)["billing_mode"] == "PAY_PER_REQUEST");
    return std::make_pair(table["read"]["instant_units"].get<double>(), table["write"]["instant_units"].get<double>());
  };
  h.ok("CreateTable", provisioned_table("small", 100, 100));
  CHECK(switch_and_read("small") == std::make_pair(12000.0, 4000.0));
  h.ok("CreateTable", provisioned_table("large", 24000, 8000));
  CHECK(switch_and_read("large") == std::make_pair(24000.0, 8000.0));
  h.ok("CreateTable", provisioned_table("shrunk", 10000, 10000));
  h.ok("UpdateTable", {{"TableName", "shrunk"}, {"ProvisionedThroughput", {{"ReadCapacityUnits", 10}, {"WriteCapacityUnits", 10}}}});
  CHECK(switch_and_read("shrunk") == std::make_pair(12000.0, 10000.0));
}

TEST_CASE("on-demand: switching removes the provisioned throttling; switching back restores it",
          "[dynamodb][capacity][on-demand][switch]") {
  DynamoHarness h("dynamodb:\n  capacity:\n    burst_window_seconds: 1\n");
  h.ok("CreateTable", provisioned_table("modes", 5, 5));
  CHECK(put_until_throttled(h, "modes", "a", 100, 1000, true) == 5);
  h.ok("UpdateTable", {{"TableName", "modes"}, {"BillingMode", "PAY_PER_REQUEST"}});
  CHECK(put_until_throttled(h, "modes", "b", 100, 1000, true) == 100);
  h.now += seconds(1);
  h.ok("UpdateTable", {{"TableName", "modes"}, {"BillingMode", "PROVISIONED"},
                       {"ProvisionedThroughput", {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 5}}}});
  ApiError error;
  CHECK(put_until_throttled(h, "modes", "c", 100, 1000, true, &error) == 5);
  CHECK(error.code == "ProvisionedThroughputExceededException");
}


TEST_CASE("on-demand: a maximum set on a table that had none starts full", "[dynamodb][capacity][on-demand]") {
  DynamoHarness h;
  h.ok("CreateTable", on_demand_table("latecap"));
  CHECK(put_until_throttled(h, "latecap", "a", 5, 1000, true) == 5);
  h.ok("UpdateTable", {{"TableName", "latecap"}, {"OnDemandThroughput", {{"MaxWriteRequestUnits", 8}}}});
  // No time passes: the new maximum's whole second is available at once, and no more.
  ApiError error;
  CHECK(put_until_throttled(h, "latecap", "b", 20, 1000, true, &error) == 8);
  CHECK(reasons_of(error)[0]["reason"] == "TableWriteMaxOnDemandThroughputExceeded");
}

}  // namespace
}  // namespace chokepoint
