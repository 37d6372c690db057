// ExecuteStatement through the service: the items it reads and writes, its answers and errors, and the
// capacity it consumes (that of the native operations).
#include <catch2/catch.hpp>

#include "dynamodb_harness.hpp"

using namespace chokepoint;
using namespace chokepoint::testing;

namespace {

nlohmann::json execute_ok(DynamoHarness& h, const std::string& text, nlohmann::json extra = nlohmann::json::object()) {
  extra["Statement"] = text;
  return h.ok("ExecuteStatement", extra);
}

ApiError execute_error(DynamoHarness& h, const std::string& text) {
  return h.error("ExecuteStatement", {{"Statement", text}});
}

}  // namespace

TEST_CASE("partiql service: insert, select, update and delete one item", "[dynamodb][partiql]") {
  DynamoHarness h;
  h.create_simple_table("music", true);
  CHECK(execute_ok(h, "INSERT INTO music VALUE {'pk': 'a', 'sk': 1, 'plays': 1}") ==
        nlohmann::json{{"Items", nlohmann::json::array()}});
  CHECK(execute_error(h, "INSERT INTO music VALUE {'pk': 'a', 'sk': 1}").code == "DuplicateItemException");
  execute_ok(h, "UPDATE music SET plays = plays + 2, tags = <<'x'>> WHERE pk = 'a' AND sk = 1");
  const nlohmann::json read = execute_ok(h, "SELECT plays, tags FROM music WHERE pk = 'a'");
  CHECK(read["Items"] == nlohmann::json::parse(R"([{"plays": {"N": "3"}, "tags": {"SS": ["x"]}}])"));
  const ApiError missing = execute_error(h, "UPDATE music SET plays = 1 WHERE pk = 'b' AND sk = 1");
  CHECK(missing.code == "ConditionalCheckFailedException");
  const nlohmann::json old = execute_ok(h, "DELETE FROM music WHERE pk = 'a' AND sk = 1 RETURNING ALL OLD *");
  CHECK(old["Items"][0]["plays"] == nlohmann::json{{"N", "3"}});
  CHECK(execute_ok(h, "DELETE FROM music WHERE pk = 'a' AND sk = 1")["Items"].empty());
  CHECK(execute_ok(h, "SELECT * FROM music")["Items"].empty());
}

TEST_CASE("partiql service: a missing table and a statement on a missing index", "[dynamodb][partiql]") {
  DynamoHarness h;
  h.create_simple_table("music");
  CHECK(execute_error(h, "SELECT * FROM nosuch").code == "ResourceNotFoundException");
  CHECK(execute_error(h, "SELECT * FROM music.nosuch").code == "ValidationException");
  CHECK(execute_error(h, "EXISTS(SELECT * FROM music WHERE pk = 'a')").code == "ValidationException");
}

TEST_CASE("partiql service: pages of a SELECT follow NextToken", "[dynamodb][partiql]") {
  DynamoHarness h;
  h.create_simple_table("music", true);
  for (int i = 0; i < 5; ++i) execute_ok(h, "INSERT INTO music VALUE {'pk': 'a', 'sk': " + std::to_string(i) + "}");
  const std::string text = "SELECT * FROM music WHERE pk = 'a'";
  nlohmann::json page = execute_ok(h, text, {{"Limit", 2}});
  std::size_t seen = page["Items"].size();
  while (page.contains("NextToken")) {
    page = execute_ok(h, text, {{"Limit", 2}, {"NextToken", page["NextToken"]}});
    seen += page["Items"].size();
  }
  CHECK(seen == 5);
  const nlohmann::json first = execute_ok(h, text, {{"Limit", 2}});
  const ApiError other =
      h.error("ExecuteStatement", {{"Statement", "SELECT * FROM music"}, {"NextToken", first["NextToken"]}});
  CHECK(other.code == "ValidationException");
}

TEST_CASE("partiql service: a SELECT consumes what its Query consumes", "[dynamodb][partiql]") {
  DynamoHarness h;
  h.create_simple_table("music", true);
  execute_ok(h, "INSERT INTO music VALUE {'pk': 'a', 'sk': 1}");
  const nlohmann::json via_partiql = execute_ok(h, "SELECT * FROM music WHERE pk = 'a'",
                                                {{"ReturnConsumedCapacity", "TOTAL"}, {"ConsistentRead", true}});
  const nlohmann::json via_query = h.ok("Query", {{"TableName", "music"},
                                                  {"KeyConditionExpression", "pk = :a"},
                                                  {"ExpressionAttributeValues", {{":a", {{"S", "a"}}}}},
                                                  {"ConsistentRead", true},
                                                  {"ReturnConsumedCapacity", "TOTAL"}});
  CHECK(via_partiql["ConsumedCapacity"] == via_query["ConsumedCapacity"]);
}
