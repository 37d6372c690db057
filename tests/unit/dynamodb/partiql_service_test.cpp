// ExecuteStatement, BatchExecuteStatement and ExecuteTransaction through the service: the items they read
// and write, their answers and errors, and the capacity they consume (that of the native operations).
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

TEST_CASE("partiql service: a batch answers each statement, errors included", "[dynamodb][partiql]") {
  DynamoHarness h;
  h.create_simple_table("music");
  execute_ok(h, "INSERT INTO music VALUE {'pk': 'a'}");
  const nlohmann::json writes =
      h.ok("BatchExecuteStatement", {{"Statements",
                                      {{{"Statement", "INSERT INTO music VALUE {'pk': 'b'}"}},
                                       {{"Statement", "INSERT INTO music VALUE {'pk': 'a'}"}},
                                       {{"Statement", "UPDATE nosuch SET x = 1 WHERE pk = 'a'"}},
                                       {{"Statement", "SELEC oops"}}}}});
  const nlohmann::json& r = writes["Responses"];
  REQUIRE(r.size() == 4);
  CHECK(r[0] == nlohmann::json{{"TableName", "music"}});
  CHECK(r[1]["Error"]["Code"] == "DuplicateItem");
  CHECK(r[2]["Error"]["Code"] == "ResourceNotFound");
  CHECK(r[3]["Error"]["Code"] == "ValidationError");
  const nlohmann::json reads =
      h.ok("BatchExecuteStatement", {{"Statements",
                                      {{{"Statement", "SELECT * FROM music WHERE pk = 'b'"}},
                                       {{"Statement", "SELECT * FROM music WHERE pk = 'zz'"}}}}});
  CHECK(reads["Responses"][0]["Item"] == nlohmann::json::parse(R"({"pk": {"S": "b"}})"));
  CHECK(reads["Responses"][1] == nlohmann::json{{"TableName", "music"}});
  const ApiError mixed = h.error(
      "BatchExecuteStatement",
      {{"Statements",
        {{{"Statement", "SELECT * FROM music WHERE pk = 'b'"}}, {{"Statement", "DELETE FROM music WHERE pk = 'b'"}}}}});
  CHECK(mixed.code == "ValidationException");
}

TEST_CASE("partiql service: a transaction is all or nothing", "[dynamodb][partiql]") {
  DynamoHarness h;
  h.create_simple_table("music");
  h.ok("ExecuteTransaction", {{"TransactStatements",
                               {{{"Statement", "INSERT INTO music VALUE {'pk': 'a'}"}},
                                {{"Statement", "INSERT INTO music VALUE {'pk': 'b'}"}}}}});
  const ApiError cancelled =
      h.error("ExecuteTransaction", {{"TransactStatements",
                                      {{{"Statement", "INSERT INTO music VALUE {'pk': 'c'}"}},
                                       {{"Statement", "INSERT INTO music VALUE {'pk': 'a'}"}}}}});
  CHECK(cancelled.code == "TransactionCanceledException");
  CHECK(cancelled.extra["CancellationReasons"][0]["Code"] == "None");
  CHECK(cancelled.extra["CancellationReasons"][1]["Code"] == "DuplicateItem");
  CHECK(cancelled.message ==
        "Transaction cancelled, please refer cancellation reasons for specific reasons [None, DuplicateItem]");
  const nlohmann::json reads = h.ok("ExecuteTransaction", {{"TransactStatements",
                                                            {{{"Statement", "SELECT * FROM music WHERE pk = 'a'"}},
                                                             {{"Statement", "SELECT * FROM music WHERE pk = 'c'"}}}}});
  CHECK(reads["Responses"][0]["Item"] == nlohmann::json::parse(R"({"pk": {"S": "a"}})"));
  CHECK(reads["Responses"][1] == nlohmann::json::object());
  const ApiError mixed = h.error(
      "ExecuteTransaction",
      {{"TransactStatements",
        {{{"Statement", "SELECT * FROM music WHERE pk = 'a'"}}, {{"Statement", "DELETE FROM music WHERE pk = 'a'"}}}}});
  CHECK(mixed.message == "ExecuteTransaction API does not support both read and write operations in the same request.");
  const ApiError failed_check =
      h.error("ExecuteTransaction", {{"TransactStatements",
                                      {{{"Statement", "EXISTS(SELECT * FROM music WHERE pk = 'zz')"}},
                                       {{"Statement", "DELETE FROM music WHERE pk = 'a'"}}}}});
  CHECK(failed_check.extra["CancellationReasons"][0]["Code"] == "ConditionalCheckFailed");
}
