// Batches and transactions under throttling (reference 3.10, 3.11): item-by-item admission with
// UnprocessedItems/UnprocessedKeys in the request's shape, a failed call only when nothing could be processed,
// and transactions cancelled with ProvisionedThroughputExceeded / ThrottlingError reasons.
#include <catch2/catch.hpp>

#include "capacity_fixture.hpp"

namespace chokepoint {
namespace {

using namespace testing;
using std::chrono::seconds;

constexpr std::string_view kShortBurst = "dynamodb:\n  capacity:\n    burst_window_seconds: 1\n";

json put_requests(const std::string& prefix, int count, std::size_t bytes = 1000) {
  json list = json::array();
  for (int i = 0; i < count; ++i) list.push_back({{"PutRequest", {{"Item", item_of(prefix + std::to_string(i), bytes)}}}});
  return list;
}

TEST_CASE("batch write: throttled requests come back in UnprocessedItems, as sent", "[dynamodb][capacity][batch]") {
  DynamoHarness h(kShortBurst);
  h.ok("CreateTable", provisioned_table("bwt", 5, 5));
  const json requests = put_requests("k", 25);
  const json r = h.ok("BatchWriteItem", {{"RequestItems", {{"bwt", requests}}}, {"ReturnConsumedCapacity", "TOTAL"}});
  REQUIRE(r["UnprocessedItems"].contains("bwt"));
  const json& left = r["UnprocessedItems"]["bwt"];
  REQUIRE(left.size() == 20);
  for (std::size_t i = 0; i < left.size(); ++i) CHECK(left[i] == requests[i + 5]);
  CHECK(r["ConsumedCapacity"][0]["CapacityUnits"] == 5.0);
  // What was processed is stored, what was not is not.
  CHECK(h.ok("GetItem", {{"TableName", "bwt"}, {"Key", key_of("k4")}, {"ConsistentRead", true}}).contains("Item"));
  h.now += seconds(1);
  CHECK(h.ok("GetItem", {{"TableName", "bwt"}, {"Key", key_of("k5")}}) == json::object());
  CHECK(inspect(h, "bwt")["unprocessed_items_returned"] == 20);
}

TEST_CASE("batch write: the call fails only when no request could be written", "[dynamodb][capacity][batch]") {
  DynamoHarness h(kShortBurst);
  h.ok("CreateTable", provisioned_table("bwt", 5, 5));
  put_until_throttled(h, "bwt", "fill", 10, 1000, true);
  const ApiError e = h.error("BatchWriteItem", {{"RequestItems", {{"bwt", put_requests("k", 3)}}}});
  CHECK(e.code == "ProvisionedThroughputExceededException");
  CHECK(reasons_of(e)[0]["reason"] == "TableWriteProvisionedThroughputExceeded");
  CHECK(inspect(h, "bwt")["unprocessed_items_returned"] == 0);
}

TEST_CASE("batch write: on-demand partition throttling fails the call with ThrottlingException",
          "[dynamodb][capacity][batch]") {
  DynamoHarness h;
  h.ok("CreateTable", on_demand_table("odt2"));
  put_until_throttled(h, "odt2", "hot", 1000, 1000);
  const json one = json::array({{{"PutRequest", {{"Item", item_of("hot", 1000)}}}}});
  const ApiError e = h.error("BatchWriteItem", {{"RequestItems", {{"odt2", one}}}});
  CHECK(e.code == "ThrottlingException");
  CHECK(e.extra["throttlingReasons"][0]["reason"] == "TableWriteKeyRangeThroughputExceeded");
}

TEST_CASE("batch write: a throttled table does not hold back another table's requests", "[dynamodb][capacity][batch]") {
  DynamoHarness h(kShortBurst);
  h.ok("CreateTable", provisioned_table("slow", 5, 1));
  h.ok("CreateTable", provisioned_table("fast", 5, 100));
  const json r = h.ok("BatchWriteItem", {{"RequestItems", {{"slow", put_requests("s", 3)}, {"fast", put_requests("f", 3)}}}});
  CHECK(r["UnprocessedItems"]["slow"].size() == 2);
  CHECK(!r["UnprocessedItems"].contains("fast"));
}

TEST_CASE("batch get: throttled keys come back in UnprocessedKeys with the table's read options",
          "[dynamodb][capacity][batch]") {
  DynamoHarness h(kShortBurst);
  h.ok("CreateTable", provisioned_table("bgt", 2, 100));
  json keys = json::array();
  for (int i = 0; i < 6; ++i) keys.push_back(key_of(numbered("k", i)));
  const json request = {{"Keys", keys}, {"ConsistentRead", true}, {"ProjectionExpression", "pk"}};
  const json r = h.ok("BatchGetItem", {{"RequestItems", {{"bgt", request}}}});
  const json& left = r["UnprocessedKeys"]["bgt"];
  CHECK(left["Keys"].size() == 4);
  CHECK(left["ConsistentRead"] == true);
  CHECK(left["ProjectionExpression"] == "pk");
  CHECK(inspect(h, "bgt")["unprocessed_keys_returned"] == 4);
  const ApiError e = h.error("BatchGetItem", {{"RequestItems", {{"bgt", request}}}});
  CHECK(e.code == "ProvisionedThroughputExceededException");
  CHECK(reasons_of(e)[0]["reason"] == "TableReadProvisionedThroughputExceeded");
}

TEST_CASE("transact write: a throttled action cancels the transaction and nothing is written",
          "[dynamodb][capacity][transactions]") {
  DynamoHarness h(kShortBurst);
  h.ok("CreateTable", provisioned_table("roomy", 100, 100));
  h.ok("CreateTable", provisioned_table("tight", 100, 1));
  put_until_throttled(h, "tight", "fill", 5, 100);
  const json items = {{{"Put", {{"TableName", "roomy"}, {"Item", item_of("a", 100)}}}},
                      {{"Put", {{"TableName", "tight"}, {"Item", item_of("b", 100)}}}}};
  const ApiError e = h.error("TransactWriteItems", {{"TransactItems", items}});
  CHECK(e.code == "TransactionCanceledException");
  CHECK(e.message_key == "Message");
  const json reasons = e.extra["CancellationReasons"];
  REQUIRE(reasons.size() == 2);
  CHECK(reasons[0]["Code"] == "None");
  CHECK(reasons[1]["Code"] == "ProvisionedThroughputExceeded");
  CHECK(e.message.find("[None, ProvisionedThroughputExceeded]") != std::string::npos);
  CHECK(h.ok("GetItem", {{"TableName", "roomy"}, {"Key", key_of("a")}, {"ConsistentRead", true}}) == json::object());
  // What the admitted action reserved was given back: the roomy table still has its full burst.
  CHECK(inspect(h, "roomy")["table"]["write"]["burst_level"] == 100.0);
}

TEST_CASE("transact get: on-demand throttling cancels with ThrottlingError", "[dynamodb][capacity][transactions]") {
  DynamoHarness h;
  h.ok("CreateTable", on_demand_table("odt"));
  for (int i = 0; i < 1500; ++i) h.call("GetItem", {{"TableName", "odt"}, {"Key", key_of("hot")}, {"ConsistentRead", true}});
  // 1,500 strongly consistent reads of one key leave the partition half its 3,000 RCU.
  int ok = 0;
  ApiResult last;
  for (; ok < 1000; ++ok) {
    last = h.call("TransactGetItems", {{"TransactItems", {{{"Get", {{"TableName", "odt"}, {"Key", key_of("hot")}}}}}}});
    if (is_error(last)) break;
  }
  CHECK(ok == 750);  // 2 RCU each
  const ApiError& e = std::get<ApiError>(last);
  CHECK(e.code == "TransactionCanceledException");
  CHECK(e.extra["CancellationReasons"][0]["Code"] == "ThrottlingError");
}

}  // namespace
}  // namespace chokepoint
