// How PartiQL statements map onto the native requests whose expression evaluator, capacity and throttling
// they reuse: Query when the partition key is matched, Scan otherwise, and the single-item writes.
#include <catch2/catch.hpp>

#include "services/dynamodb/partiql_parser.hpp"
#include "services/dynamodb/partiql_translate.hpp"

using namespace chokepoint;

namespace {

TableSchema music_schema() {
  TableSchema s;
  s.key.hash = {"Artist", AttrType::kS};
  s.key.range = KeyAttribute{"Song", AttrType::kS};
  IndexSchema by_year;
  by_year.name = "ByYear";
  by_year.global = true;
  by_year.key.hash = {"Year", AttrType::kN};
  s.indexes.push_back(by_year);
  return s;
}

PqlNativeRequest translated(std::string_view text, bool single_item = false) {
  auto statement = parse_partiql(text, nullptr);
  if (!statement) FAIL(statement.error().message);
  const TableSchema schema = music_schema();
  Result<PqlNativeRequest> r = PqlNativeRequest{};
  if (statement->reads()) {
    r = single_item ? translate_item_read(*statement, schema) : translate_select(*statement, schema);
  } else {
    r = translate_write(*statement, schema);
  }
  if (!r) FAIL(text << ": " << r.error().message);
  return std::move(r).value();
}

std::string translate_problem(std::string_view text, bool single_item = false) {
  auto statement = parse_partiql(text, nullptr);
  REQUIRE(statement);
  const TableSchema schema = music_schema();
  auto r = statement->reads()
               ? (single_item ? translate_item_read(*statement, schema) : translate_select(*statement, schema))
               : translate_write(*statement, schema);
  if (r) FAIL(text << " translated but should not have");
  return r.error().message;
}

}  // namespace

TEST_CASE("partiql mapping: an equality on the partition key makes a Query", "[dynamodb][partiql]") {
  const PqlNativeRequest r = translated("SELECT Song FROM Music WHERE Artist = 'Acme' AND Song > 'B' AND plays >= 3");
  CHECK(r.operation == PqlNative::kQuery);
  CHECK(r.params["TableName"] == "Music");
  CHECK(r.params["KeyConditionExpression"] == "#n0 = :v0 AND #n1 > :v1");
  CHECK(r.params["FilterExpression"] == "(#n2 >= :v2)");
  CHECK(r.params["ProjectionExpression"] == "#n1");
  CHECK(r.params["ExpressionAttributeNames"] == nlohmann::json{{"#n0", "Artist"}, {"#n1", "Song"}, {"#n2", "plays"}});
  CHECK(r.params["ExpressionAttributeValues"][":v2"] == nlohmann::json{{"N", "3"}});
}

TEST_CASE("partiql mapping: sort key conditions join the key condition", "[dynamodb][partiql]") {
  CHECK(translated("SELECT * FROM Music WHERE 'B' < Song AND Artist = 'A'").params["KeyConditionExpression"] ==
        "#n0 = :v0 AND #n1 > :v1");
  CHECK(translated("SELECT * FROM Music WHERE Artist = 'A' AND Song BETWEEN 'a' AND 'c'")
            .params["KeyConditionExpression"] == "#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2");
  CHECK(translated("SELECT * FROM Music WHERE Artist = 'A' AND begins_with(Song, 'H')")
            .params["KeyConditionExpression"] == "#n0 = :v0 AND begins_with(#n1, :v1)");
  const PqlNativeRequest descending = translated("SELECT * FROM Music WHERE Artist = 'A' ORDER BY Song DESC");
  CHECK(descending.params["ScanIndexForward"] == false);
}

TEST_CASE("partiql mapping: anything else is a Scan with the WHERE as its filter", "[dynamodb][partiql]") {
  const PqlNativeRequest r = translated("SELECT * FROM Music WHERE Artist = 'A' OR plays IS MISSING");
  CHECK(r.operation == PqlNative::kScan);
  CHECK(r.params["FilterExpression"] == "(#n0 = :v0) OR (attribute_not_exists(#n1))");
  CHECK(!translated("SELECT * FROM Music").params.contains("FilterExpression"));
  CHECK(translated("SELECT * FROM Music WHERE Song = 'x'").operation == PqlNative::kScan);
  CHECK(translated("SELECT * FROM Music WHERE contains(tags, 'x') AND size(tags) > 1 AND NOT a IN [1, 2]")
            .params["FilterExpression"] ==
        "((contains(#n0, :v0)) AND (size(#n0) > :v1)) AND (NOT (#n1 IN (:v2, :v3)))");
  CHECK(translate_problem("SELECT * FROM Music ORDER BY Song") ==
        "Must have WHERE clause in the statement when using ORDER BY clause.");
}

TEST_CASE("partiql mapping: an index is read by its own key", "[dynamodb][partiql]") {
  const PqlNativeRequest r = translated("SELECT * FROM \"Music\".\"ByYear\" WHERE \"Year\" = 1999");
  CHECK(r.operation == PqlNative::kQuery);
  CHECK(r.params["IndexName"] == "ByYear");
  CHECK(r.params["ExpressionAttributeNames"] == nlohmann::json{{"#n0", "Year"}});
  CHECK(translated("SELECT * FROM \"Music\".\"ByYear\" WHERE Artist = 'A'").operation == PqlNative::kScan);
}

TEST_CASE("partiql mapping: single-item reads name the whole key", "[dynamodb][partiql]") {
  const PqlNativeRequest r = translated("SELECT * FROM Music WHERE Artist = 'A' AND Song = 'S'", true);
  CHECK(r.operation == PqlNative::kGetItem);
  CHECK(r.params["Key"] == nlohmann::json::parse(R"({"Artist": {"S": "A"}, "Song": {"S": "S"}})"));
  const std::string missing = "Where clause does not contain a mandatory equality on all key attributes";
  CHECK(translate_problem("SELECT * FROM Music WHERE Artist = 'A'", true) == missing);
}

TEST_CASE("partiql mapping: writes are PutItem, UpdateItem and DeleteItem with conditions", "[dynamodb][partiql]") {
  const PqlNativeRequest insert = translated("INSERT INTO Music VALUE {'Artist': 'A', 'Song': 'S'}");
  CHECK(insert.operation == PqlNative::kPutItem);
  CHECK(insert.params["ConditionExpression"] == "attribute_not_exists(#n0)");
  CHECK(insert.params["Item"]["Song"] == nlohmann::json{{"S", "S"}});

  const PqlNativeRequest update = translated(
      "UPDATE Music SET plays = plays + 1, tags = set_add(tags, <<'x'>>), gone = set_delete(gone, <<'y'>>) REMOVE old "
      "WHERE Artist = 'A' AND Song = 'S' AND plays < 10 RETURNING ALL NEW *");
  CHECK(update.operation == PqlNative::kUpdateItem);
  CHECK(update.params["Key"].size() == 2);
  CHECK(update.params["ConditionExpression"] == "attribute_exists(#n1) AND (#n0 < :v0)");
  CHECK(update.params["UpdateExpression"] == "SET #n0 = #n0 + :v1 REMOVE #n4 ADD #n2 :v2 DELETE #n3 :v3");
  CHECK(update.params["ReturnValues"] == "ALL_NEW");

  const PqlNativeRequest remove = translated("DELETE FROM Music WHERE Artist = 'A' AND Song = 'S'");
  CHECK(remove.operation == PqlNative::kDeleteItem);
  CHECK(!remove.params.contains("ConditionExpression"));
  CHECK(!remove.params.contains("ExpressionAttributeNames"));

  const PqlNativeRequest check = translated("EXISTS(SELECT * FROM Music WHERE Artist = 'A' AND Song = 'S')");
  CHECK(check.operation == PqlNative::kConditionCheck);
  CHECK(check.params["ConditionExpression"] == "attribute_exists(#n0)");
}

TEST_CASE("partiql mapping: writes without the whole key are refused", "[dynamodb][partiql]") {
  const std::string missing = "Where clause does not contain a mandatory equality on all key attributes";
  CHECK(translate_problem("UPDATE Music SET a = 1 WHERE Artist = 'A'") == missing);
  CHECK(translate_problem("DELETE FROM Music") == missing);
  CHECK(translate_problem("UPDATE Music SET a = set_add(b, <<'x'>>) WHERE Artist = 'A' AND Song = 'S'")
            .find("set_add must take the attribute it sets") != std::string::npos);
}
