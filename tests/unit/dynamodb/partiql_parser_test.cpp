// The PartiQL parser: the statement forms of DynamoDB's PartiQL reference, literals and `?` parameters as
// attribute values, and the ValidationException of each kind of malformed statement.
#include <catch2/catch.hpp>

#include "services/dynamodb/partiql_parser.hpp"

using namespace chokepoint;

namespace {

PqlStatement parsed_statement(std::string_view text, const nlohmann::json& parameters = nullptr) {
  auto r = parse_partiql(text, parameters);
  if (!r) FAIL(text << ": " << r.error().message);
  return std::move(r).value();
}

std::string parse_problem(std::string_view text, const nlohmann::json& parameters = nullptr) {
  auto r = parse_partiql(text, parameters);
  if (r) FAIL(text << " parsed but should not have");
  CHECK(r.error().code == "ValidationException");
  return r.error().message;
}

// The value compared by the WHERE of a statement `... WHERE a = <literal>`.
nlohmann::json pql_literal(std::string_view literal_text) {
  const PqlStatement s = parsed_statement("SELECT * FROM t WHERE a = " + std::string(literal_text));
  return s.where->operands.at(1).value;
}

}  // namespace

TEST_CASE("partiql parser: SELECT with projection, index, WHERE and ORDER BY", "[dynamodb][partiql]") {
  const PqlStatement s = parsed_statement(
      R"(select "Artist", info.awards[0] FROM "Music"."ByYear" WHERE "Artist" = 'Acme' AND year >= 2000 ORDER BY year DESC)");
  CHECK(s.kind == PqlStatementKind::kSelect);
  CHECK(s.table == "Music");
  CHECK(s.index == "ByYear");
  REQUIRE(s.projection.size() == 2);
  CHECK(s.projection[1].size() == 3);
  CHECK(s.projection[1][2].index == 0);
  REQUIRE(s.where);
  CHECK(s.where->kind == PqlCondition::Kind::kAnd);
  CHECK(s.where->children[1]->name == ">=");
  REQUIRE(s.order_by);
  CHECK(s.descending);
  CHECK(parsed_statement("SELECT * FROM t").projection.empty());
}

TEST_CASE("partiql parser: conditions of the reference's operators and functions", "[dynamodb][partiql]") {
  using Kind = PqlCondition::Kind;
  const auto where_kind = [](std::string_view condition) {
    return parsed_statement("SELECT * FROM t WHERE " + std::string(condition)).where->kind;
  };
  CHECK(where_kind("a BETWEEN 1 AND 5") == Kind::kBetween);
  CHECK(where_kind("a IN ['x', 'y']") == Kind::kIn);
  CHECK(where_kind("a IN ('x', 'y')") == Kind::kIn);
  CHECK(where_kind("a IS MISSING") == Kind::kMissing);
  CHECK(where_kind("a IS NOT MISSING") == Kind::kNotMissing);
  CHECK(where_kind("NOT a = 1") == Kind::kNot);
  CHECK(where_kind("a = 1 OR b = 2 AND c = 3") == Kind::kOr);
  CHECK(where_kind("begins_with(a, 'x')") == Kind::kFunction);
  CHECK(where_kind("contains(tags, 'x')") == Kind::kFunction);
  CHECK(where_kind("attribute_type(a, 'S')") == Kind::kFunction);
  CHECK(where_kind("attribute_exists(a) AND attribute_not_exists(b)") == Kind::kAnd);
  CHECK(where_kind("size(a) > 3") == Kind::kCompare);
  CHECK(where_kind("a <> 1") == Kind::kCompare);
  CHECK(parsed_statement("SELECT * FROM t WHERE a != 1").where->name == "<>");
  CHECK(parsed_statement("SELECT * FROM t WHERE size(a) > 3").where->operands[0].kind == PqlOperand::Kind::kSize);
}

TEST_CASE("partiql parser: literals become attribute values", "[dynamodb][partiql]") {
  CHECK(pql_literal("'it''s'") == nlohmann::json{{"S", "it's"}});
  CHECK(pql_literal("12.5") == nlohmann::json{{"N", "12.5"}});
  CHECK(pql_literal("-3") == nlohmann::json{{"N", "-3"}});
  CHECK(pql_literal("true") == nlohmann::json{{"BOOL", true}});
  CHECK(pql_literal("FALSE") == nlohmann::json{{"BOOL", false}});
  CHECK(pql_literal("NULL") == nlohmann::json{{"NULL", true}});
  CHECK(pql_literal("{'k': 1, 'l': [true, 'x']}") ==
        nlohmann::json::parse(R"({"M": {"k": {"N": "1"}, "l": {"L": [{"BOOL": true}, {"S": "x"}]}}})"));
  CHECK(pql_literal("<<'a', 'b'>>") == nlohmann::json{{"SS", {"a", "b"}}});
  CHECK(pql_literal("<<1, 2>>") == nlohmann::json{{"NS", {"1", "2"}}});
}

TEST_CASE("partiql parser: parameters take the request's values in order", "[dynamodb][partiql]") {
  const nlohmann::json params = nlohmann::json::parse(R"([{"S": "a"}, {"N": "7"}])");
  const PqlStatement s = parsed_statement("SELECT * FROM t WHERE pk = ? AND n > ?", params);
  CHECK(s.where->children[0]->operands[1].value == params[0]);
  CHECK(s.where->children[1]->operands[1].value == params[1]);
  const std::string mismatch = "Number of parameters in request and statement doesn't match.";
  CHECK(parse_problem("SELECT * FROM t WHERE pk = ?") == mismatch);
  CHECK(parse_problem("SELECT * FROM t WHERE pk = ?", nlohmann::json::parse(R"([{"S": "a"}, {"S": "b"}])")) ==
        mismatch);
}

TEST_CASE("partiql parser: INSERT, UPDATE, DELETE and EXISTS", "[dynamodb][partiql]") {
  const PqlStatement insert = parsed_statement("INSERT INTO \"Music\" VALUE {'Artist': 'Acme', 'n': 1};");
  CHECK(insert.kind == PqlStatementKind::kInsert);
  CHECK(insert.item["M"]["Artist"] == nlohmann::json{{"S", "Acme"}});

  const PqlStatement update = parsed_statement(
      "UPDATE Music SET plays = plays + 1, tags = set_add(tags, <<'x'>>), l = list_append(l, [1]) "
      "REMOVE old WHERE Artist = 'Acme' RETURNING MODIFIED NEW *");
  CHECK(update.kind == PqlStatementKind::kUpdate);
  REQUIRE(update.sets.size() == 3);
  CHECK(update.sets[0].value.kind == PqlTerm::Kind::kPlus);
  CHECK(update.sets[1].value.function == "set_add");
  CHECK(update.sets[2].value.function == "list_append");
  CHECK(update.removes.size() == 1);
  CHECK(update.returning == "UPDATED_NEW");

  const PqlStatement remove = parsed_statement("delete from Music where Artist = 'Acme' returning all old *");
  CHECK(remove.kind == PqlStatementKind::kDelete);
  CHECK(remove.returning == "ALL_OLD");

  const PqlStatement exists = parsed_statement("EXISTS(SELECT * FROM Music WHERE Artist = 'Acme' AND plays > 1)");
  CHECK(exists.kind == PqlStatementKind::kExists);
  CHECK(exists.table == "Music");
}

TEST_CASE("partiql parser: comments and case do not matter", "[dynamodb][partiql]") {
  const PqlStatement s = parsed_statement("-- all of it\nSeLeCt /* every */ * FrOm t wHeRe a = 1");
  CHECK(s.table == "t");
}

TEST_CASE("partiql parser: malformed statements are ValidationExceptions", "[dynamodb][partiql]") {
  const std::string prefix = "Statement wasn't well formed, can't be processed: ";
  for (std::string_view text :
       {"", "UPSERT INTO t VALUE {'a': 1}", "SELECT * t", "SELECT * FROM t WHERE a = 'open", "SELECT * FROM t WHERE",
        "SELECT * FROM t; SELECT * FROM u", "SELECT * FROM t WHERE a = = 1", "SELECT * FROM t WHERE a = <<1, 'x'>>",
        "SELECT * FROM t WHERE a = <<>>", "SELECT * FROM t WHERE nosuch(a)", "SELECT * FROM t WHERE select = 1",
        "INSERT INTO t VALUE 'x'", "INSERT INTO t VALUES ('a')", "UPDATE t WHERE a = 1",
        "DELETE FROM t WHERE a = 1 RETURNING ALL NEW *", "SELECT * FROM t WHERE a = 1 #", "SELECT * FROM t /* open"}) {
    INFO(text);
    CHECK(parse_problem(text).rfind(prefix, 0) == 0);
  }
  CHECK(parse_problem("UPSERT INTO t VALUE {'a': 1}") == prefix + "Expected data manipulation");
  CHECK(parse_problem("SELECT * FROM t WHERE") == prefix + "Unexpected end of statement");
  CHECK(parse_problem("SELECT * FROM t WHERE nosuch(a)") == prefix + "Unsupported function: nosuch");
}

TEST_CASE("partiql parser: the table a statement names", "[dynamodb][partiql]") {
  CHECK(partiql_table_name("SELECT a, b FROM \"Music\".\"ByYear\" WHERE x = 1") == "Music");
  CHECK(partiql_table_name("insert into Music value {'a': 1}") == "Music");
  CHECK(partiql_table_name("UPDATE \"Music\" SET a = 1") == "Music");
  CHECK(partiql_table_name("DELETE FROM Music WHERE a = 1") == "Music");
  CHECK(partiql_table_name("EXISTS(SELECT * FROM Music WHERE a = 1)") == "Music");
  CHECK(partiql_table_name("nonsense 'x' \"y\" 3").empty());
}
