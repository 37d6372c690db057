// One test per row of reference section 3.3 (consumption per operation), checked through
// ReturnConsumedCapacity exactly as a client sees it.
#include <catch2/catch.hpp>

#include "capacity_fixture.hpp"

namespace chokepoint {
namespace {

using namespace testing;

double units_of(const json& response) { return response["ConsumedCapacity"]["CapacityUnits"].get<double>(); }

json with_capacity(json params, const char* mode = "TOTAL") {
  params["ReturnConsumedCapacity"] = mode;
  return params;
}

void put(DynamoHarness& h, const std::string& table, const json& item) {
  h.ok("PutItem", {{"TableName", table}, {"Item", item}});
}

TEST_CASE("capacity units: GetItem rounds up to 4 KB, halves for eventual reads, charges a missing item",
          "[dynamodb][capacity][units]") {
  DynamoHarness h;
  h.ok("CreateTable", on_demand_table("tbl"));
  put(h, "tbl", item_of("a", 5 * 1024));
  const json strong = h.ok("GetItem", with_capacity({{"TableName", "tbl"}, {"Key", key_of("a")}, {"ConsistentRead", true}}));
  CHECK(units_of(strong) == 2);
  const json eventual = h.ok("GetItem", with_capacity({{"TableName", "tbl"}, {"Key", key_of("a")}}));
  CHECK(units_of(eventual) == 1);
  const json projected = h.ok("GetItem", with_capacity({{"TableName", "tbl"}, {"Key", key_of("a")},
                                                        {"ProjectionExpression", "pk"}, {"ConsistentRead", true}}));
  CHECK(units_of(projected) == 2);  // a projection does not reduce the cost
  CHECK(units_of(h.ok("GetItem", with_capacity({{"TableName", "tbl"}, {"Key", key_of("none")}, {"ConsistentRead", true}}))) == 1);
  CHECK(units_of(h.ok("GetItem", with_capacity({{"TableName", "tbl"}, {"Key", key_of("none")}}))) == 0.5);
}

TEST_CASE("capacity units: BatchGetItem rounds each item separately (1.5 KB + 6.5 KB -> 3 RCU)",
          "[dynamodb][capacity][units]") {
  DynamoHarness h;
  h.ok("CreateTable", on_demand_table("tbl"));
  put(h, "tbl", item_of("a", 1536));
  put(h, "tbl", item_of("b", 6656));
  const json r = h.ok("BatchGetItem", {{"RequestItems", {{"tbl", {{"Keys", {key_of("a"), key_of("b")}}, {"ConsistentRead", true}}}}},
                                       {"ReturnConsumedCapacity", "TOTAL"}});
  REQUIRE(r["ConsumedCapacity"].is_array());
  CHECK(r["ConsumedCapacity"][0]["CapacityUnits"] == 3.0);
  CHECK(r["ConsumedCapacity"][0]["TableName"] == "tbl");
}

TEST_CASE("capacity units: Query sums item sizes before rounding (10 items of 40.8 KB -> 11 RCU, 5.5 eventual)",
          "[dynamodb][capacity][units]") {
  DynamoHarness h;
  json params = on_demand_table("tbl");
  params["AttributeDefinitions"].push_back({{"AttributeName", "sk"}, {"AttributeType", "S"}});
  params["KeySchema"].push_back({{"AttributeName", "sk"}, {"KeyType", "RANGE"}});
  h.ok("CreateTable", params);
  // 10 items of 4,178 bytes: 41,780 bytes = 40.8 KB, rounded up once to 44 KB.
  for (int i = 0; i < 10; ++i) {
    json item = item_of("a", 4178, {{"sk", {{"S", std::to_string(i)}}}});
    put(h, "tbl", item);
  }
  const json query = {{"TableName", "tbl"}, {"KeyConditionExpression", "pk = :p"},
                      {"ExpressionAttributeValues", {{":p", {{"S", "a"}}}}}};
  json strong = query;
  strong["ConsistentRead"] = true;
  CHECK(units_of(h.ok("Query", with_capacity(strong))) == 11);
  CHECK(units_of(h.ok("Query", with_capacity(query))) == 5.5);
  json filtered = query;
  filtered["FilterExpression"] = "d = :none";
  filtered["ExpressionAttributeValues"][":none"] = {{"S", "nothing"}};
  const json none = h.ok("Query", with_capacity(filtered));
  CHECK(none["Count"] == 0);
  CHECK(units_of(none) == 5.5);  // filters do not reduce the cost
  json count = query;
  count["Select"] = "COUNT";
  CHECK(units_of(h.ok("Query", with_capacity(count))) == 5.5);
}

TEST_CASE("capacity units: Scan charges the items evaluated, not the items returned", "[dynamodb][capacity][units]") {
  DynamoHarness h;
  h.ok("CreateTable", on_demand_table("tbl"));
  for (int i = 0; i < 4; ++i) put(h, "tbl", item_of(numbered("k", i), 2048));
  const json r = h.ok("Scan", with_capacity({{"TableName", "tbl"}, {"FilterExpression", "d = :none"}, {"ConsistentRead", true},
                                            {"ExpressionAttributeValues", {{":none", {{"S", "nothing"}}}}}}));
  CHECK(r["Count"] == 0);
  CHECK(r["ScannedCount"] == 4);
  CHECK(units_of(r) == 2);  // 8 KB evaluated
}

TEST_CASE("capacity units: a global index Query is sized by the projected index entries", "[dynamodb][capacity][units]") {
  DynamoHarness h;
  json params = on_demand_table("tbl");
  add_gsi(params, "byG", "g", 0, 0, "KEYS_ONLY");
  h.ok("CreateTable", params);
  for (int i = 0; i < 3; ++i) put(h, "tbl", item_of(numbered("k", i), 8000, {{"g", {{"S", "x"}}}}));
  const json r = h.ok("Query", with_capacity({{"TableName", "tbl"}, {"IndexName", "byG"}, {"KeyConditionExpression", "g = :g"},
                                             {"ExpressionAttributeValues", {{":g", {{"S", "x"}}}}}},
                                            "INDEXES"));
  CHECK(r["Count"] == 3);
  // Three KEYS_ONLY entries of a few bytes: one 4 KB block, eventually consistent.
  CHECK(units_of(r) == 0.5);
  CHECK(r["ConsumedCapacity"]["GlobalSecondaryIndexes"]["byG"]["CapacityUnits"] == 0.5);
  CHECK(r["ConsumedCapacity"]["Table"]["CapacityUnits"] == 0.0);
}

TEST_CASE("capacity units: PutItem charges the larger of the old and new item", "[dynamodb][capacity][units]") {
  DynamoHarness h;
  h.ok("CreateTable", on_demand_table("tbl"));
  CHECK(units_of(h.ok("PutItem", with_capacity({{"TableName", "tbl"}, {"Item", item_of("a", 512)}}))) == 1);
  CHECK(units_of(h.ok("PutItem", with_capacity({{"TableName", "tbl"}, {"Item", item_of("a", 2560)}}))) == 3);
  CHECK(units_of(h.ok("PutItem", with_capacity({{"TableName", "tbl"}, {"Item", item_of("a", 512)}}))) == 3);
}

TEST_CASE("capacity units: UpdateItem charges the whole item even when one attribute changes",
          "[dynamodb][capacity][units]") {
  DynamoHarness h;
  h.ok("CreateTable", on_demand_table("tbl"));
  put(h, "tbl", item_of("a", 3584));
  const json r = h.ok("UpdateItem", with_capacity({{"TableName", "tbl"}, {"Key", key_of("a")}, {"UpdateExpression", "SET n = :n"},
                                                  {"ExpressionAttributeValues", {{":n", {{"N", "1"}}}}}}));
  CHECK(units_of(r) == 4);
}

TEST_CASE("capacity units: DeleteItem charges the deleted item, and one unit when there is none",
          "[dynamodb][capacity][units]") {
  DynamoHarness h;
  h.ok("CreateTable", on_demand_table("tbl"));
  put(h, "tbl", item_of("a", 2560));
  CHECK(units_of(h.ok("DeleteItem", with_capacity({{"TableName", "tbl"}, {"Key", key_of("a")}}))) == 3);
  CHECK(units_of(h.ok("DeleteItem", with_capacity({{"TableName", "tbl"}, {"Key", key_of("a")}}))) == 1);
}

TEST_CASE("capacity units: BatchWriteItem rounds each request separately (500 B + 3.5 KB -> 5 WCU)",
          "[dynamodb][capacity][units]") {
  DynamoHarness h;
  h.ok("CreateTable", on_demand_table("tbl"));
  const json r = h.ok("BatchWriteItem", {{"RequestItems", {{"tbl", {{{"PutRequest", {{"Item", item_of("a", 500)}}}},
                                                                  {{"PutRequest", {{"Item", item_of("b", 3584)}}}}}}}},
                                         {"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(r["ConsumedCapacity"][0]["CapacityUnits"] == 5.0);
  CHECK(r["UnprocessedItems"] == json::object());
}

TEST_CASE("capacity units: a failed conditional write still consumes", "[dynamodb][capacity][units]") {
  DynamoHarness h;
  h.ok("CreateTable", on_demand_table("tbl"));
  put(h, "tbl", item_of("a", 1024));
  auto failed_put = [&](const json& item) {
    ApiError e = h.error("PutItem", {{"TableName", "tbl"}, {"Item", item}, {"ConditionExpression", "attribute_not_exists(pk)"},
                                     {"ReturnConsumedCapacity", "TOTAL"}});
    CHECK(e.code == "ConditionalCheckFailedException");
  };
  // The consumption is charged to the table even though the error carries no ConsumedCapacity: two failed
  // 1 KB writes and one failed 2 KB write are 1 + 1 + 2 units, visible in the inspection's per-second history.
  failed_put(item_of("a", 1024));
  failed_put(item_of("a", 2048));
  ApiError absent = h.error("PutItem", {{"TableName", "tbl"}, {"Item", item_of("b", 2048)},
                                        {"ConditionExpression", "attribute_exists(pk)"}});
  CHECK(absent.code == "ConditionalCheckFailedException");
  const json view = inspect(h, "tbl");
  CHECK(view["table"]["write"]["consumed_last_minute"] == 1.0 + 1 + 2 + 1);  // the first put, then 1 + 2 + 1
}

TEST_CASE("capacity units: transactions cost twice (three 500-byte writes -> 6 WCU)", "[dynamodb][capacity][units]") {
  DynamoHarness h;
  h.ok("CreateTable", on_demand_table("tbl"));
  json items = json::array();
  for (const char* k : {"a", "b", "c"}) items.push_back({{"Put", {{"TableName", "tbl"}, {"Item", item_of(k, 500)}}}});
  const json w = h.ok("TransactWriteItems", {{"TransactItems", items}, {"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(w["ConsumedCapacity"][0]["CapacityUnits"] == 6.0);
  json gets = json::array();
  for (const char* k : {"a", "b", "c"}) gets.push_back({{"Get", {{"TableName", "tbl"}, {"Key", key_of(k)}}}});
  const json g = h.ok("TransactGetItems", {{"TransactItems", gets}, {"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(g["ConsumedCapacity"][0]["CapacityUnits"] == 6.0);
}

TEST_CASE("capacity units: writes with a global index count index writes per the key's change",
          "[dynamodb][capacity][units]") {
  DynamoHarness h;
  json params = on_demand_table("tbl");
  add_gsi(params, "byG", "g");
  h.ok("CreateTable", params);
  auto index_units = [&](const json& item) {
    const json r = h.ok("PutItem", with_capacity({{"TableName", "tbl"}, {"Item", item}}, "INDEXES"));
    const json& consumed = r["ConsumedCapacity"];
    if (!consumed.contains("GlobalSecondaryIndexes")) return 0.0;
    const json& g = consumed["GlobalSecondaryIndexes"];
    return g.contains("byG") ? g["byG"]["CapacityUnits"].get<double>() : 0.0;
  };
  CHECK(index_units(item_of("a", 500)) == 0);                              // absent before and after
  CHECK(index_units(item_of("a", 500, {{"g", {{"S", "x"}}}})) == 1);       // new index key: one put
  CHECK(index_units(item_of("a", 600, {{"g", {{"S", "x"}}}})) == 1);       // projected attribute changed: one
  CHECK(index_units(item_of("a", 600, {{"g", {{"S", "y"}}}})) == 2);       // index key changed: delete + put
  CHECK(index_units(item_of("a", 600)) == 1);                              // index key removed: one delete
  CHECK(index_units(item_of("a", 2500, {{"g", {{"S", "z"}}}})) == 3);      // sized by the entry, in 1 KB units
}

TEST_CASE("capacity units: INDEXES shows the table and index parts, TOTAL only the sum", "[dynamodb][capacity][units]") {
  DynamoHarness h;
  json params = on_demand_table("tbl");
  add_gsi(params, "byG", "g");
  h.ok("CreateTable", params);
  const json item = item_of("a", 500, {{"g", {{"S", "x"}}}});
  const json indexes = h.ok("PutItem", with_capacity({{"TableName", "tbl"}, {"Item", item}}, "INDEXES"));
  CHECK(indexes["ConsumedCapacity"] == json::parse(R"({"TableName":"tbl","CapacityUnits":2.0,"Table":{"CapacityUnits":1.0},
      "GlobalSecondaryIndexes":{"byG":{"CapacityUnits":1.0}}})"));
  const json total = h.ok("PutItem", with_capacity({{"TableName", "tbl"}, {"Item", item}}));
  CHECK(total["ConsumedCapacity"] == json::parse(R"({"TableName":"tbl","CapacityUnits":2.0})"));
}

}  // namespace
}  // namespace chokepoint
