// Global secondary indexes with multi-attribute keys: schema checks, index maintenance and Query.
#include <catch2/catch.hpp>

#include <string>
#include <tuple>
#include <vector>

#include "dynamodb_harness.hpp"
#include "services/dynamodb/composite_key.hpp"
#include "services/dynamodb/table.hpp"
#include "services/dynamodb/table_state_json.hpp"

namespace chokepoint {
// A named namespace: unity builds put this file next to others with helpers of the same names.
namespace composite_gsi_test {

using nlohmann::json;
using testing::DynamoHarness;

std::string joined(const std::vector<AttrValue>& values) {
  return key_part_bytes(values);
}

TEST_CASE("composite keys: joined parts order as the values compared left to right", "[dynamodb][composite_gsi]") {
  const auto s = [](std::string v) { return AttrValue::string(std::move(v)); };
  // A shorter first value sorts first even when the next part would make the bytes larger.
  CHECK(joined({s("a"), s("zzz")}) < joined({s("ab"), s("a")}));
  CHECK(joined({s("a"), s("b")}) < joined({s(std::string("a\0", 2)), s("a")}));
  CHECK(joined({s(std::string("a\0", 2)), s("a")}) < joined({s(std::string("a\x01", 2)), s("a")}));
  // Numbers compare numerically inside a joined key.
  CHECK(joined({AttrValue::number("9"), s("x")}) < joined({AttrValue::number("10"), s("a")}));
  CHECK(joined({AttrValue::number("-5"), s("x")}) < joined({AttrValue::number("0"), s("a")}));
  // A one-value key keeps the bytes a single-attribute key has.
  CHECK(joined({s("abc")}) == "abc");
  CHECK(prefix_successor("ab\xff\xff") == "ac");
  CHECK(prefix_successor("\xff").empty());
}

json attr_defs(const std::vector<std::pair<std::string, std::string>>& defs) {
  json out = json::array();
  for (const auto& [name, type] : defs) out.push_back({{"AttributeName", name}, {"AttributeType", type}});
  return out;
}

json key_schema(const std::vector<std::pair<std::string, std::string>>& keys) {
  json out = json::array();
  for (const auto& [name, type] : keys) out.push_back({{"AttributeName", name}, {"KeyType", type}});
  return out;
}

json table_with_index(const json& index_keys, const json& defs) {
  return {{"TableName", "tbl"},
          {"BillingMode", "PAY_PER_REQUEST"},
          {"AttributeDefinitions", defs},
          {"KeySchema", key_schema({{"p", "HASH"}})},
          {"GlobalSecondaryIndexes",
           {{{"IndexName", "gsi"}, {"KeySchema", index_keys}, {"Projection", {{"ProjectionType", "ALL"}}}}}}};
}

// An index on tenant+area (partition) and day (N), kind (S) (sort).
void create_orders(DynamoHarness& h) {
  h.ok("CreateTable",
       table_with_index(key_schema({{"tenant", "HASH"}, {"area", "HASH"}, {"day", "RANGE"}, {"kind", "RANGE"}}),
                        attr_defs({{"p", "S"}, {"tenant", "S"}, {"area", "S"}, {"day", "N"}, {"kind", "S"}})));
}

void put(DynamoHarness& h, const std::string& p, const json& attrs) {
  json item = {{"p", {{"S", p}}}};
  for (const auto& [k, v] : attrs.items()) item[k] = v;
  h.ok("PutItem", {{"TableName", "tbl"}, {"Item", item}});
}

json S(const std::string& v) {
  return {{"S", v}};
}
json N(const std::string& v) {
  return {{"N", v}};
}

json query(const std::string& condition, json values) {
  return {{"TableName", "tbl"},
          {"IndexName", "gsi"},
          {"KeyConditionExpression", condition},
          {"ExpressionAttributeValues", std::move(values)}};
}

std::vector<std::string> ids(const json& response) {
  std::vector<std::string> out;
  for (const auto& item : response["Items"]) out.push_back(item["p"]["S"]);
  return out;
}

TEST_CASE("composite keys: CreateTable accepts up to 4 HASH and 4 RANGE and DescribeTable lists them in order",
          "[dynamodb][composite_gsi]") {
  DynamoHarness h;
  create_orders(h);
  const json index = h.ok("DescribeTable", {{"TableName", "tbl"}})["Table"]["GlobalSecondaryIndexes"][0];
  CHECK(index["KeySchema"] == key_schema({{"tenant", "HASH"}, {"area", "HASH"}, {"day", "RANGE"}, {"kind", "RANGE"}}));
  std::vector<std::pair<std::string, std::string>> eight, defs{{"p", "S"}};
  for (int i = 0; i < 8; ++i) {
    eight.push_back({"k" + std::to_string(i), i < 4 ? "HASH" : "RANGE"});
    defs.push_back({"k" + std::to_string(i), i % 2 ? "N" : "S"});
  }
  json params = table_with_index(key_schema(eight), attr_defs(defs));
  params["TableName"] = "eight";
  CHECK(h.ok("CreateTable", params)["TableDescription"]["GlobalSecondaryIndexes"][0]["KeySchema"].size() == 8);
}

TEST_CASE("composite keys: key schemas DynamoDB refuses", "[dynamodb][composite_gsi]") {
  DynamoHarness h;
  const json defs = attr_defs({{"p", "S"}, {"a", "S"}, {"b", "S"}, {"c", "S"}, {"d", "S"}, {"e", "S"}});
  auto refusal = [&](const json& keys) { return h.error("CreateTable", table_with_index(keys, defs)).message; };
  CHECK(refusal(key_schema({{"a", "HASH"}, {"b", "HASH"}, {"c", "HASH"}, {"d", "HASH"}, {"e", "HASH"}})) ==
        "Invalid KeySchema: A KeySchema can have at most 4 HASH key elements");
  CHECK(refusal(key_schema(
            {{"a", "HASH"}, {"b", "RANGE"}, {"c", "RANGE"}, {"d", "RANGE"}, {"e", "RANGE"}, {"p", "RANGE"}})) ==
        "Invalid KeySchema: A KeySchema can have at most 4 RANGE key elements");
  CHECK(refusal(key_schema({{"a", "RANGE"}, {"b", "HASH"}})) ==
        "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  CHECK(refusal(key_schema({{"a", "HASH"}, {"b", "RANGE"}, {"c", "HASH"}})) ==
        "Invalid KeySchema: HASH key elements must precede all RANGE key elements");
  CHECK(refusal(key_schema({{"a", "HASH"}, {"a", "HASH"}})) ==
        "Both the Hash Key and the Range Key element in the KeySchema have the same name");
  CHECK(refusal(key_schema({{"a", "HASH"}, {"b", "HASH"}, {"a", "RANGE"}})) ==
        "Invalid KeySchema: Duplicate attribute names are not allowed in KeySchema: a");
  CHECK(refusal(key_schema({{"a", "HASH"}, {"x", "HASH"}})).find("Some index key attributes are not defined") !=
        std::string::npos);
  // Tables and local indexes keep one HASH and at most one RANGE attribute.
  json table = table_with_index(key_schema({{"a", "HASH"}}), defs);
  table["KeySchema"] = key_schema({{"p", "HASH"}, {"a", "RANGE"}, {"b", "RANGE"}});
  CHECK(h.error("CreateTable", table).message.find("Member must have length less than or equal to 2") !=
        std::string::npos);
}

TEST_CASE("composite keys: switched off, a second HASH element gets the earlier answer", "[dynamodb][composite_gsi]") {
  DynamoHarness h("dynamodb:\n  multi_attribute_index_keys: false\n");
  const json defs = attr_defs({{"p", "S"}, {"a", "S"}, {"b", "S"}});
  CHECK(h.error("CreateTable", table_with_index(key_schema({{"a", "HASH"}, {"b", "HASH"}}), defs)).message ==
        "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
  // One HASH and one RANGE element still make an index.
  h.ok("CreateTable", table_with_index(key_schema({{"a", "HASH"}, {"b", "RANGE"}}), defs));
}

TEST_CASE("composite keys: an item is indexed only with every key attribute, each of its type",
          "[dynamodb][composite_gsi]") {
  DynamoHarness h;
  create_orders(h);
  put(h, "full", {{"tenant", S("t1")}, {"area", S("eu")}, {"day", N("3")}, {"kind", S("a")}});
  put(h, "no-area", {{"tenant", S("t1")}, {"day", N("3")}, {"kind", S("a")}});
  put(h, "no-kind", {{"tenant", S("t1")}, {"area", S("eu")}, {"day", N("3")}});
  CHECK(h.ok("Scan", {{"TableName", "tbl"}, {"IndexName", "gsi"}})["Count"] == 1);
  const auto e = h.error("PutItem", {{"TableName", "tbl"}, {"Item", {{"p", S("x")}, {"area", N("1")}}}});
  CHECK(e.message ==
        "One or more parameter values were invalid: Type mismatch for Index Key area Expected: S Actual: N "
        "IndexName: gsi");
  // An update that completes the key adds the item; one that removes a part drops it.
  h.ok("UpdateItem", {{"TableName", "tbl"},
                      {"Key", {{"p", S("no-kind")}}},
                      {"UpdateExpression", "SET kind = :k"},
                      {"ExpressionAttributeValues", {{":k", S("b")}}}});
  CHECK(h.ok("Scan", {{"TableName", "tbl"}, {"IndexName", "gsi"}})["Count"] == 2);
  h.ok("UpdateItem", {{"TableName", "tbl"}, {"Key", {{"p", S("full")}}}, {"UpdateExpression", "REMOVE tenant"}});
  CHECK(ids(h.ok("Scan", {{"TableName", "tbl"}, {"IndexName", "gsi"}})) == std::vector<std::string>{"no-kind"});
}

TEST_CASE("composite keys: Query selects by sort attributes left to right, in their order",
          "[dynamodb][composite_gsi]") {
  DynamoHarness h;
  create_orders(h);
  const std::vector<std::tuple<std::string, std::string, std::string>> rows = {
      {"d10a", "10", "a"}, {"d9b", "9", "b"}, {"d9a", "9", "a"}, {"d9ab", "9", "ab"}, {"d100x", "100", "x"}};
  for (const auto& [p, day, kind] : rows) {
    put(h, p, {{"tenant", S("t1")}, {"area", S("eu")}, {"day", N(day)}, {"kind", S(kind)}});
  }
  put(h, "other", {{"tenant", S("t1")}, {"area", S("us")}, {"day", N("9")}, {"kind", S("a")}});
  const json base = {{":t", S("t1")}, {":r", S("eu")}};
  auto run = [&](const std::string& sort, json more = json::object(), bool forward = true) {
    json values = base;
    for (const auto& [k, v] : more.items()) values[k] = v;
    json q = query("tenant = :t AND area = :r" + sort, values);
    q["ScanIndexForward"] = forward;
    if (sort.find("#d") != std::string::npos) q["ExpressionAttributeNames"] = {{"#d", "day"}};
    return ids(h.ok("Query", q));
  };
  using V = std::vector<std::string>;
  CHECK(run("") == V{"d9a", "d9ab", "d9b", "d10a", "d100x"});
  CHECK(run("", {}, false) == V{"d100x", "d10a", "d9b", "d9ab", "d9a"});
  CHECK(run(" AND #d = :d", {{":d", N("9")}}) == V{"d9a", "d9ab", "d9b"});
  CHECK(run(" AND #d = :d AND kind = :k", {{":d", N("9")}, {":k", S("ab")}}) == V{"d9ab"});
  CHECK(run(" AND #d = :d AND begins_with(kind, :k)", {{":d", N("9")}, {":k", S("a")}}) == V{"d9a", "d9ab"});
  CHECK(run(" AND #d = :d AND kind > :k", {{":d", N("9")}, {":k", S("a")}}) == V{"d9ab", "d9b"});
  CHECK(run(" AND #d = :d AND kind <= :k", {{":d", N("9")}, {":k", S("ab")}}) == V{"d9a", "d9ab"});
  CHECK(run(" AND #d = :d AND kind BETWEEN :a AND :b", {{":d", N("9")}, {":a", S("aa")}, {":b", S("b")}}) ==
        V{"d9ab", "d9b"});
  CHECK(run(" AND #d < :d", {{":d", N("10")}}) == V{"d9a", "d9ab", "d9b"});
  CHECK(run(" AND #d >= :d", {{":d", N("10")}}) == V{"d10a", "d100x"});
  CHECK(run(" AND #d > :d", {{":d", N("9")}}, false) == V{"d100x", "d10a"});
  CHECK(run(" AND #d BETWEEN :a AND :b", {{":a", N("9")}, {":b", N("10")}}) == V{"d9a", "d9ab", "d9b", "d10a"});
}

TEST_CASE("composite keys: Query forms DynamoDB refuses", "[dynamodb][composite_gsi]") {
  DynamoHarness h;
  create_orders(h);
  auto refusal = [&](const std::string& condition, json values) {
    json q = query(condition, std::move(values));
    if (condition.find("#d") != std::string::npos) q["ExpressionAttributeNames"] = {{"#d", "day"}};
    return h.error("Query", q).message;
  };
  CHECK(refusal("tenant = :t", {{":t", S("t1")}}) == "Query condition missed key schema element: area");
  CHECK(refusal("tenant = :t AND area > :r", {{":t", S("t1")}, {":r", S("eu")}}) ==
        "Query key condition not supported");
  CHECK(refusal("tenant = :t AND area = :r AND kind = :k", {{":t", S("t1")}, {":r", S("eu")}, {":k", S("a")}}) ==
        "Query condition missed key schema element: day");
  CHECK(refusal("tenant = :t AND area = :r AND #d > :d AND kind = :k",
                {{":t", S("t1")}, {":r", S("eu")}, {":d", N("1")}, {":k", S("a")}}) ==
        "Query key condition not supported");
  CHECK(refusal("tenant = :t AND area = :r AND #d = :d", {{":t", S("t1")}, {":r", S("eu")}, {":d", S("1")}}) ==
        "One or more parameter values were invalid: Condition parameter type does not match schema type");
  CHECK(refusal("tenant = :t AND area = :r AND colour = :o", {{":t", S("t1")}, {":r", S("eu")}, {":o", S("1")}}) ==
        "Query condition missed key schema element: day");
  json filtered = query("tenant = :t AND area = :r", {{":t", S("t1")}, {":r", S("eu")}, {":k", S("a")}});
  filtered["FilterExpression"] = "kind = :k";
  CHECK(h.error("Query", filtered).message ==
        "Filter Expression can only contain non-primary key attributes: Primary key attribute: kind");
  const json legacy = {{"TableName", "tbl"},
                       {"IndexName", "gsi"},
                       {"KeyConditions",
                        {{"tenant", {{"ComparisonOperator", "EQ"}, {"AttributeValueList", {S("t1")}}}},
                         {"area", {{"ComparisonOperator", "EQ"}, {"AttributeValueList", {S("eu")}}}}}}};
  CHECK(h.error("Query", legacy).message ==
        "KeyConditions is not supported on an index with a multi-attribute key; use KeyConditionExpression. "
        "IndexName: gsi");
  // More than two conditions stay refused where the key has one partition and one sort attribute.
  json on_table = query("p = :t AND area = :r AND kind = :k", {{":t", S("t1")}, {":r", S("eu")}, {":k", S("a")}});
  on_table.erase("IndexName");
  CHECK(h.error("Query", on_table).message == "Conditions can be of length 1 or 2 only");
  on_table["TableName"] = "missing";
  CHECK(h.error("Query", on_table).message == "Conditions can be of length 1 or 2 only");
}

TEST_CASE("composite keys: Query and Scan pages carry every key attribute", "[dynamodb][composite_gsi]") {
  DynamoHarness h;
  create_orders(h);
  for (int i = 0; i < 5; ++i) {
    put(h, "p" + std::to_string(i),
        {{"tenant", S("t1")}, {"area", S("eu")}, {"day", N(std::to_string(10 - i))}, {"kind", S("k")}});
  }
  json q = query("tenant = :t AND area = :r AND #d >= :d", {{":t", S("t1")}, {":r", S("eu")}, {":d", N("7")}});
  q["ExpressionAttributeNames"] = {{"#d", "day"}};
  q["Limit"] = 1;
  std::vector<std::string> seen;
  for (int page = 0; page < 10; ++page) {
    const json r = h.ok("Query", q);
    for (const auto& id : ids(r)) seen.push_back(id);
    if (!r.contains("LastEvaluatedKey")) break;
    const json& last = r["LastEvaluatedKey"];
    CHECK(last.size() == 5);
    for (const char* name : {"p", "tenant", "area", "day", "kind"}) CHECK(last.contains(name));
    q["ExclusiveStartKey"] = last;
  }
  CHECK(seen == std::vector<std::string>{"p3", "p2", "p1", "p0"});
  q["ExclusiveStartKey"] = {{"p", S("p0")}, {"tenant", S("t1")}, {"area", S("eu")}, {"day", N("10")}};
  CHECK(h.error("Query", q).message == "The provided starting key is invalid");
  q["ExclusiveStartKey"] = {{"p", S("p4")}, {"tenant", S("t1")}, {"area", S("eu")}, {"day", N("6")}, {"kind", S("k")}};
  CHECK(h.error("Query", q).message == "The provided starting key does not match the range key predicate");
  q["ExclusiveStartKey"] = {{"p", S("p0")}, {"tenant", S("t2")}, {"area", S("eu")}, {"day", N("10")}, {"kind", S("k")}};
  CHECK(h.error("Query", q).message ==
        "The provided starting key is outside query boundaries based on provided conditions");

  json scan = {{"TableName", "tbl"}, {"IndexName", "gsi"}, {"Limit", 2}};
  std::size_t scanned = 0;
  for (int page = 0; page < 10; ++page) {
    const json r = h.ok("Scan", scan);
    scanned += r["Items"].size();
    if (!r.contains("LastEvaluatedKey")) break;
    CHECK(r["LastEvaluatedKey"].size() == 5);
    scan["ExclusiveStartKey"] = r["LastEvaluatedKey"];
  }
  CHECK(scanned == 5);
}

TEST_CASE("composite keys: UpdateTable adds a multi-attribute index and backfills it", "[dynamodb][composite_gsi]") {
  DynamoHarness h("dynamodb: {index_creation_delay_ms: 1000}\n");
  h.ok("CreateTable", {{"TableName", "tbl"},
                       {"BillingMode", "PAY_PER_REQUEST"},
                       {"AttributeDefinitions", attr_defs({{"p", "S"}})},
                       {"KeySchema", key_schema({{"p", "HASH"}})}});
  put(h, "a", {{"x", S("1")}, {"y", N("2")}});
  put(h, "b", {{"x", S("1")}});
  h.ok("UpdateTable", {{"TableName", "tbl"},
                       {"AttributeDefinitions", attr_defs({{"x", "S"}, {"y", "N"}})},
                       {"GlobalSecondaryIndexUpdates",
                        {{{"Create",
                           {{"IndexName", "gsi"},
                            {"KeySchema", key_schema({{"x", "HASH"}, {"y", "HASH"}})},
                            {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}}}}}});
  h.now += std::chrono::seconds(1);
  const json r = h.ok("Query", query("x = :x AND y = :y", {{":x", S("1")}, {":y", N("2")}}));
  CHECK(ids(r) == std::vector<std::string>{"a"});
  CHECK(h.ok("DescribeTable", {{"TableName", "tbl"}})["Table"]["GlobalSecondaryIndexes"][0]["KeySchema"] ==
        key_schema({{"x", "HASH"}, {"y", "HASH"}}));
}

TEST_CASE("composite keys: the durable table description keeps every key attribute", "[dynamodb][composite_gsi]") {
  TableMeta meta;
  meta.name = "tbl";
  meta.schema.key.hash = {"p", AttrType::kS};
  IndexSchema index;
  index.name = "gsi";
  index.global = true;
  index.key.hash = {"a", AttrType::kS};
  index.key.more_hash = {{"b", AttrType::kN}};
  index.key.range = KeyAttribute{"c", AttrType::kB};
  index.key.more_range = {{"d", AttrType::kS}, {"e", AttrType::kN}};
  meta.schema.indexes.push_back(index);
  const auto back = table_meta_from_json(table_meta_to_json(meta));
  REQUIRE(back);
  const KeySchema& key = back->schema.indexes.at(0).key;
  CHECK(key.names() == std::vector<std::string>{"a", "b", "c", "d", "e"});
  CHECK(key.more_hash.at(0).type == AttrType::kN);
  CHECK(key.more_range.at(1).type == AttrType::kN);
  CHECK_FALSE(back->schema.key.composite());
}

}  // namespace composite_gsi_test
}  // namespace chokepoint
