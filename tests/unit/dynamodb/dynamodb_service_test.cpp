#include <catch2/catch.hpp>

#include <tuple>

#include <atomic>
#include <thread>

#include "dynamodb_harness.hpp"

namespace chokepoint {
namespace {

using nlohmann::json;
using testing::DynamoHarness;

json key(const std::string& pk) { return {{"pk", {{"S", pk}}}}; }

// Thousands of calls at one instant of a fixed clock would exceed any table's capacity; these tests are about
// concurrency, not throttling.
constexpr std::string_view kNoCapacityLimits = "dynamodb:\n  capacity:\n    enabled: false\n";

TEST_CASE("dynamodb service: put, get, update and delete an item", "[dynamodb][service]") {
  DynamoHarness h;
  h.create_simple_table("things");
  h.ok("PutItem", {{"TableName", "things"}, {"Item", {{"pk", {{"S", "a"}}}, {"n", {{"N", "1.50"}}}}}});
  json got = h.ok("GetItem", {{"TableName", "things"}, {"Key", key("a")}});
  CHECK(got["Item"]["n"]["N"] == "1.5");
  json updated = h.ok("UpdateItem", {{"TableName", "things"},
                                     {"Key", key("a")},
                                     {"UpdateExpression", "ADD n :inc SET t = :t"},
                                     {"ExpressionAttributeValues", {{":inc", {{"N", "1"}}}, {":t", {{"S", "x"}}}}},
                                     {"ReturnValues", "UPDATED_NEW"}});
  CHECK(updated["Attributes"] == json::parse(R"({"n":{"N":"2.5"},"t":{"S":"x"}})"));
  json old = h.ok("DeleteItem", {{"TableName", "things"}, {"Key", key("a")}, {"ReturnValues", "ALL_OLD"}});
  CHECK(old["Attributes"]["t"]["S"] == "x");
  CHECK(h.ok("GetItem", {{"TableName", "things"}, {"Key", key("a")}}) == json::object());
}

TEST_CASE("dynamodb service: 16 threads adding to one counter lose nothing", "[dynamodb][service][concurrency]") {
  DynamoHarness h(kNoCapacityLimits);
  h.create_simple_table("counters");
  constexpr int kThreads = 16;
  constexpr int kUpdates = 10'000;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      const json params = {{"TableName", "counters"},
                           {"Key", key("c")},
                           {"UpdateExpression", "ADD PlayerCount :inc"},
                           {"ExpressionAttributeValues", {{":inc", {{"N", "1"}}}}}};
      for (int i = 0; i < kUpdates; ++i) {
        if (is_error(h.call("UpdateItem", params))) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(failures == 0);
  json got = h.ok("GetItem", {{"TableName", "counters"}, {"Key", key("c")}, {"ConsistentRead", true}});
  CHECK(got["Item"]["PlayerCount"]["N"] == "160000");
}

TEST_CASE("dynamodb service: concurrent transactions are all or nothing", "[dynamodb][service][concurrency]") {
  DynamoHarness h(kNoCapacityLimits);
  h.create_simple_table("accounts");
  h.ok("PutItem", {{"TableName", "accounts"}, {"Item", {{"pk", {{"S", "a"}}}, {"bal", {{"N", "500"}}}}}});
  h.ok("PutItem", {{"TableName", "accounts"}, {"Item", {{"pk", {{"S", "b"}}}, {"bal", {{"N", "0"}}}}}});
  const json transfer = {
      {"TransactItems",
       {{{"Update", {{"TableName", "accounts"}, {"Key", key("a")}, {"UpdateExpression", "SET bal = bal - :one"},
                     {"ConditionExpression", "bal >= :one"}, {"ExpressionAttributeValues", {{":one", {{"N", "1"}}}}}}}},
        {{"Update", {{"TableName", "accounts"}, {"Key", key("b")}, {"UpdateExpression", "SET bal = bal + :one"},
                     {"ExpressionAttributeValues", {{":one", {{"N", "1"}}}}}}}}}}};
  std::atomic<int> done{0}, cancelled{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i) {
        ApiResult r = h.call("TransactWriteItems", transfer);
        if (!is_error(r)) {
          ++done;
        } else if (std::get<ApiError>(r).code == "TransactionCanceledException") {
          ++cancelled;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(done == 500);
  CHECK(cancelled == 300);
  CHECK(h.ok("GetItem", {{"TableName", "accounts"}, {"Key", key("a")}})["Item"]["bal"]["N"] == "0");
  CHECK(h.ok("GetItem", {{"TableName", "accounts"}, {"Key", key("b")}})["Item"]["bal"]["N"] == "500");
}

TEST_CASE("dynamodb service: malformed requests are rejected and change nothing", "[dynamodb][service]") {
  DynamoHarness h;
  h.create_simple_table("keep");
  h.ok("PutItem", {{"TableName", "keep"}, {"Item", {{"pk", {{"S", "a"}}}, {"v", {{"N", "1"}}}}}});
  const json before = h.ok("Scan", {{"TableName", "keep"}});
  const std::vector<std::pair<std::string, json>> bad = {
      {"PutItem", {{"TableName", 5}, {"Item", key("x")}}},
      {"PutItem", {{"TableName", "keep"}, {"Item", "nope"}}},
      {"PutItem", {{"TableName", "keep"}, {"Item", {{"pk", {{"N", "1"}}}}}}},
      {"PutItem", {{"TableName", "keep"}, {"Item", {{"pk", {{"S", ""}}}}}}},
      {"PutItem", {{"TableName", "keep"}, {"Item", {{"pk", {{"S", "b"}}}, {"big", {{"S", std::string(410000, 'x')}}}}}}},
      {"PutItem", {{"TableName", "keep"}, {"Item", {{"pk", {{"S", "b"}}}, {"n", {{"N", "1e200"}}}}}}},
      {"PutItem", {{"TableName", "keep"}, {"Item", {{"pk", {{"S", "a"}}}}}, {"ConditionExpression", "a = "}}},
      {"UpdateItem", {{"TableName", "keep"}, {"Key", key("a")}, {"UpdateExpression", "SET v = v + :s"},
                      {"ExpressionAttributeValues", {{":s", {{"S", "x"}}}}}}},
      {"UpdateItem", {{"TableName", "keep"}, {"Key", key("a")}, {"UpdateExpression", "SET pk = :s"},
                      {"ExpressionAttributeValues", {{":s", {{"S", "x"}}}}}}},
      {"UpdateItem", {{"TableName", "keep"}, {"Key", key("a")}, {"UpdateExpression", "SET v = absent"}}},
      {"DeleteItem", {{"TableName", "keep"}, {"Key", {{"pk", {{"S", "a"}}}, {"extra", {{"S", "b"}}}}}}},
      {"BatchWriteItem", {{"RequestItems", {{"keep", json::array({{{"PutRequest", {{"Item", key("c")}}}},
                                                                 {{"PutRequest", {{"Item", key("c")}}}}})}}}}},
      {"TransactWriteItems", {{"TransactItems", json::array({{{"Put", {{"TableName", "keep"}, {"Item", key("d")}}}},
                                                             {{"Delete", {{"TableName", "keep"}, {"Key", key("d")}}}}})}}},
      {"Query", {{"TableName", "keep"}, {"KeyConditionExpression", "pk < :v"},
                 {"ExpressionAttributeValues", {{":v", {{"S", "a"}}}}}}},
      {"Scan", {{"TableName", "keep"}, {"Segment", 3}, {"TotalSegments", 2}}},
  };
  for (const auto& [operation, params] : bad) {
    INFO(operation << " " << params.dump().substr(0, 200));
    const ApiError e = h.error(operation, params);
    CHECK((e.code == "ValidationException" || e.code == "SerializationException"));
    CHECK(e.http_status == 400);
  }
  CHECK(h.ok("Scan", {{"TableName", "keep"}}) == before);
}

TEST_CASE("dynamodb service: Expected checks value types as the filters do, never failing the condition",
          "[dynamodb][service]") {
  DynamoHarness h;
  h.create_simple_table("legacy");
  const auto put_expecting = [&](const std::string& op, json values) {
    return h.error("PutItem", {{"TableName", "legacy"},
                               {"Item", key("a")},
                               {"Expected", {{"v", {{"ComparisonOperator", op}, {"AttributeValueList", values}}}}}});
  };
  const json sets = json::array({{{"SS", {"a"}}}, {{"SS", {"b"}}}});
  const json lists = json::array({{{"L", json::array({{{"S", "a"}}})}}, {{"L", json::array({{{"S", "b"}}})}}});
  for (const auto& [op, values, type] : std::vector<std::tuple<std::string, json, std::string>>{
           {"BETWEEN", sets, "SS"},
           {"BETWEEN", lists, "L"},
           {"LT", json::array({sets[0]}), "SS"},
           {"BEGINS_WITH", json::array({lists[0]}), "L"},
       }) {
    INFO(op << " " << type);
    const ApiError e = put_expecting(op, values);
    CHECK(e.code == "ValidationException");
    CHECK(e.message == "One or more parameter values were invalid: ComparisonOperator " + op + " is not valid for " +
                           type + " AttributeValue type");
  }
  CHECK(h.ok("Scan", {{"TableName", "legacy"}})["Count"] == 0);  // nothing was written
}

TEST_CASE("dynamodb service: deeply nested values are refused without recursion", "[dynamodb][service]") {
  DynamoHarness h;
  h.create_simple_table("nested");
  json value = {{"S", "leaf"}};
  for (int i = 0; i < 100000; ++i) value = json{{"L", json::array({std::move(value)})}};
  json item = {{"pk", {{"S", "a"}}}};
  item["deep"] = std::move(value);
  const ApiError e = h.error("PutItem", {{"TableName", "nested"}, {"Item", std::move(item)}});
  CHECK(e.message == "One or more parameter values were invalid: Nesting Levels have exceeded supported limits");
  json shallow = {{"S", "leaf"}};
  for (int i = 0; i < 30; ++i) shallow = json{{"M", {{"m", std::move(shallow)}}}};
  json ok_item = {{"pk", {{"S", "b"}}}};
  ok_item["deep"] = std::move(shallow);
  h.ok("PutItem", {{"TableName", "nested"}, {"Item", std::move(ok_item)}});
}

TEST_CASE("dynamodb service: table status follows the configured delays", "[dynamodb][service]") {
  DynamoHarness h("dynamodb: {table_creation_delay_ms: 1000, table_deletion_delay_ms: 1000}\n");
  json created = h.ok("CreateTable", {{"TableName", "slow"},
                                      {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
                                      {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
                                      {"ProvisionedThroughput", {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 5}}}});
  CHECK(created["TableDescription"]["TableStatus"] == "CREATING");
  CHECK(created["TableDescription"]["TableArn"] == "arn:aws:dynamodb:us-east-1:123456789012:table/slow");
  CHECK(h.ok("DescribeTable", {{"TableName", "slow"}})["Table"]["TableStatus"] == "CREATING");
  CHECK(h.error("GetItem", {{"TableName", "slow"}, {"Key", key("a")}}).code == "ResourceNotFoundException");
  h.now += std::chrono::milliseconds(1000);
  CHECK(h.ok("DescribeTable", {{"TableName", "slow"}})["Table"]["TableStatus"] == "ACTIVE");
  CHECK(h.ok("DeleteTable", {{"TableName", "slow"}})["TableDescription"]["TableStatus"] == "DELETING");
  CHECK(h.ok("DescribeTable", {{"TableName", "slow"}})["Table"]["TableStatus"] == "DELETING");
  h.now += std::chrono::milliseconds(1000);
  CHECK(h.error("DescribeTable", {{"TableName", "slow"}}).code == "ResourceNotFoundException");
}

TEST_CASE("dynamodb service: tables are per account and declared tables exist at start", "[dynamodb][service]") {
  DynamoHarness h(R"(
dynamodb:
  tables:
    - name: declared
      account: "123456789012"
      hash_key: {name: id, type: N}
      range_key: {name: at, type: S}
      billing_mode: PROVISIONED
      read_capacity: 5
      write_capacity: 3
      global_secondary_indexes:
        - {name: byOwner, hash_key: {name: owner}, projection: KEYS_ONLY, read_capacity: 1, write_capacity: 1}
    - {name: elsewhere, account: "111111111111", hash_key: {name: id}}
)");
  h.create_simple_table("mine");
  CHECK(h.ok("ListTables", json::object())["TableNames"] == json::array({"declared", "mine"}));
  const json table = h.ok("DescribeTable", {{"TableName", "declared"}})["Table"];
  CHECK(table["TableStatus"] == "ACTIVE");
  CHECK(table["ProvisionedThroughput"]["WriteCapacityUnits"] == 3);
  CHECK(table["GlobalSecondaryIndexes"][0]["Projection"]["ProjectionType"] == "KEYS_ONLY");
  ApiResult other = h.call("ListTables", json::object(), "111111111111");
  REQUIRE_FALSE(is_error(other));
  CHECK(std::get<ApiResponse>(other).body["TableNames"] == json::array({"elsewhere"}));
  h.service.reset();
  CHECK(h.ok("ListTables", json::object())["TableNames"] == json::array({"declared"}));
}

TEST_CASE("dynamodb service: ReturnConsumedCapacity counts table and index writes", "[dynamodb][service]") {
  DynamoHarness h;
  h.ok("CreateTable", {{"TableName", "indexed"},
                       {"BillingMode", "PAY_PER_REQUEST"},
                       {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}},
                                                 {{"AttributeName", "owner"}, {"AttributeType", "S"}}}},
                       {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
                       {"GlobalSecondaryIndexes", {{{"IndexName", "byOwner"},
                                                    {"KeySchema", {{{"AttributeName", "owner"}, {"KeyType", "HASH"}}}},
                                                    {"Projection", {{"ProjectionType", "ALL"}}}}}}});
  const json item = {{"pk", {{"S", "a"}}}, {"owner", {{"S", "o1"}}}, {"data", {{"S", std::string(1500, 'x')}}}};
  json r = h.ok("PutItem", {{"TableName", "indexed"}, {"Item", item}, {"ReturnConsumedCapacity", "INDEXES"}});
  CHECK(r["ConsumedCapacity"] == json::parse(R"({"TableName":"indexed","CapacityUnits":4.0,"Table":{"CapacityUnits":2.0},
                                                   "GlobalSecondaryIndexes":{"byOwner":{"CapacityUnits":2.0}}})"));
  // Changing the index key deletes and re-puts the index entry.
  json moved = item;
  moved["owner"]["S"] = "o2";
  r = h.ok("PutItem", {{"TableName", "indexed"}, {"Item", moved}, {"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(r["ConsumedCapacity"] == json::parse(R"({"TableName":"indexed","CapacityUnits":6.0})"));
  r = h.ok("GetItem", {{"TableName", "indexed"}, {"Key", key("a")}, {"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(r["ConsumedCapacity"]["CapacityUnits"] == 0.5);
  r = h.ok("Query", {{"TableName", "indexed"}, {"IndexName", "byOwner"}, {"KeyConditionExpression", "#o = :o"},
                     {"ExpressionAttributeNames", {{"#o", "owner"}}}, {"ExpressionAttributeValues", {{":o", {{"S", "o2"}}}}},
                     {"ReturnConsumedCapacity", "INDEXES"}});
  CHECK(r["Count"] == 1);
  CHECK(r["ConsumedCapacity"]["GlobalSecondaryIndexes"]["byOwner"]["CapacityUnits"] == 0.5);
}

TEST_CASE("dynamodb service: query pages in sort-key order with LastEvaluatedKey", "[dynamodb][service]") {
  DynamoHarness h;
  h.create_simple_table("ordered", true);
  for (const char* n : {"10", "-3", "2.5", "100", "0", "7"}) {
    json item = {{"pk", {{"S", "p"}}}};
    item["sk"] = {{"N", n}};
    h.ok("PutItem", {{"TableName", "ordered"}, {"Item", item}});
  }
  json params = {{"TableName", "ordered"}, {"KeyConditionExpression", "pk = :p AND sk > :min"}, {"Limit", 2},
                 {"ExpressionAttributeValues", {{":p", {{"S", "p"}}}, {":min", {{"N", "-1"}}}}}};
  std::vector<std::string> seen;
  for (int page = 0; page < 10; ++page) {
    json r = h.ok("Query", params);
    for (const auto& item : r["Items"]) seen.push_back(item["sk"]["N"]);
    if (!r.contains("LastEvaluatedKey")) break;
    params["ExclusiveStartKey"] = r["LastEvaluatedKey"];
  }
  CHECK(seen == std::vector<std::string>{"0", "2.5", "7", "10", "100"});
  params.erase("ExclusiveStartKey");
  params["ScanIndexForward"] = false;
  params.erase("Limit");
  CHECK(h.ok("Query", params)["Items"][0]["sk"]["N"] == "100");
}

}  // namespace
}  // namespace chokepoint

namespace chokepoint {
namespace {

TEST_CASE("dynamodb service: a global index added later is backfilled", "[dynamodb][service]") {
  testing::DynamoHarness h("dynamodb: {index_creation_delay_ms: 1000}\n");
  h.create_simple_table("later");
  h.ok("PutItem", {{"TableName", "later"}, {"Item", {{"pk", {{"S", "a"}}}, {"color", {{"S", "red"}}}}}});
  h.ok("PutItem", {{"TableName", "later"}, {"Item", {{"pk", {{"S", "b"}}}}}});
  const nlohmann::json update = {
      {"TableName", "later"},
      {"AttributeDefinitions", {{{"AttributeName", "color"}, {"AttributeType", "S"}}}},
      {"GlobalSecondaryIndexUpdates",
       {{{"Create", {{"IndexName", "byColor"},
                     {"KeySchema", {{{"AttributeName", "color"}, {"KeyType", "HASH"}}}},
                     {"Projection", {{"ProjectionType", "ALL"}}}}}}}}};
  const auto index = h.ok("UpdateTable", update)["TableDescription"]["GlobalSecondaryIndexes"][0];
  CHECK(index["IndexStatus"] == "CREATING");
  CHECK(index["Backfilling"] == true);
  const nlohmann::json query = {{"TableName", "later"},
                                {"IndexName", "byColor"},
                                {"KeyConditionExpression", "color = :c"},
                                {"ExpressionAttributeValues", {{":c", {{"S", "red"}}}}}};
  CHECK(h.error("Query", query).message == "Cannot read from backfilling global secondary index: byColor");
  h.now += std::chrono::seconds(1);
  const auto result = h.ok("Query", query);
  CHECK(result["Count"] == 1);
  CHECK(result["Items"][0]["pk"]["S"] == "a");
  CHECK(h.ok("DescribeTable", {{"TableName", "later"}})["Table"]["GlobalSecondaryIndexes"][0]["IndexStatus"] == "ACTIVE");
}

}  // namespace
}  // namespace chokepoint
