#include <catch2/catch.hpp>

#include "services/dynamodb/attribute_json.hpp"
#include "services/dynamodb/condition_eval.hpp"
#include "services/dynamodb/projection.hpp"
#include "services/dynamodb/request_expressions.hpp"
#include "services/dynamodb/update_eval.hpp"
#include "dynamodb/item_text.hpp"

namespace chokepoint {
namespace {

using nlohmann::json;

// Compiles `expression` as parameter `kind` of a request with these names and values; returns the message.
std::string compile(const std::string& kind, const std::string& expression, CompiledExpressions& out,
                    json names = nullptr, json values = nullptr) {
  json params = {{kind, expression}};
  if (!names.is_null()) params["ExpressionAttributeNames"] = names;
  if (!values.is_null()) params["ExpressionAttributeValues"] = values;
  return compile_expressions(params, {kind}, out).value_or("");
}

std::string problem(const std::string& kind, const std::string& expression, json names = nullptr, json values = nullptr) {
  CompiledExpressions out;
  return compile(kind, expression, out, names, values);
}

using test::parse_item;

bool holds(const std::string& condition, const std::string& item, json values = nullptr, json names = nullptr) {
  CompiledExpressions out;
  const std::string error = compile("ConditionExpression", condition, out, names, values);
  INFO(condition << ": " << error);
  REQUIRE(error.empty());
  return evaluate_condition(*out.condition, parse_item(item));
}

AttrMap updated(const std::string& update, const std::string& item, json values = nullptr, json names = nullptr,
                std::string* error = nullptr) {
  CompiledExpressions out;
  const std::string compile_error = compile("UpdateExpression", update, out, names, values);
  INFO(update << ": " << compile_error);
  REQUIRE(compile_error.empty());
  AttrMap result = parse_item(item);
  const std::string e = apply_update(*out.update, result);
  if (error) *error = e;
  else REQUIRE(e.empty());
  return result;
}

TEST_CASE("expressions: syntax errors name the token and what surrounds it", "[dynamodb][expr]") {
  CHECK(problem("ConditionExpression", "") == "Invalid ConditionExpression: The expression can not be empty;");
  CHECK(problem("UpdateExpression", "SET a = b c") == "Invalid UpdateExpression: Syntax error; token: \"c\", near: \"b c\"");
  CHECK(problem("UpdateExpression", "set a") == "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"a\"");
  CHECK(problem("ProjectionExpression", "a..b").rfind("Invalid ProjectionExpression: Syntax error; token: \".\"", 0) == 0);
  for (const char* bad : {"a = ", "a BETWEEN b", "a IN ()", "(a = b", "a = b AND", "NOT", "a == b", "a = :b)"}) {
    INFO(bad);
    CHECK(problem("ConditionExpression", bad).rfind("Invalid ConditionExpression: Syntax error; ", 0) == 0);
  }
  for (const char* bad : {"set a = b / c", "set a = b + c + d", "set a[1] = 1", "remove a = b", "add a b", "set a = (b"}) {
    INFO(bad);
    CHECK(problem("UpdateExpression", bad).rfind("Invalid UpdateExpression: Syntax error; ", 0) == 0);
  }
}

TEST_CASE("expressions: names, values, reserved words and unused substitutions", "[dynamodb][expr]") {
  CHECK(problem("ConditionExpression", "#a = :v", json{{"#b", "x"}}, json{{":v", {{"S", "1"}}}}) ==
        "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; "
        "attribute name: #a");
  CHECK(problem("ConditionExpression", "a = :w", nullptr, json{{":v", {{"S", "1"}}}}) ==
        "Invalid ConditionExpression: An expression attribute value used in expression is not defined; "
        "attribute value: :w");
  CHECK(problem("ConditionExpression", "size = :v", nullptr, json{{":v", {{"N", "1"}}}}) ==
        "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: size");
  CHECK(problem("ProjectionExpression", "a", json{{"#a", "a"}, {"#b", "b"}}) ==
        "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}");
  CHECK(problem("ConditionExpression", "a = :v", nullptr, json{{":v", {{"N", "1"}}}, {":w", {{"N", "2"}}}}) ==
        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}");
  CHECK(problem("ProjectionExpression", "a", json::object()) == "ExpressionAttributeNames must not be empty");
  CHECK(problem("ProjectionExpression", "a", json{{"a", "a"}}) ==
        "ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"");
  CHECK(problem("ConditionExpression", "a = :v", nullptr, json{{":v", {{"N", "x"}}}}) ==
        "ExpressionAttributeValues contains invalid value: The parameter cannot be converted to a numeric value: x for key :v");
}

TEST_CASE("expressions: functions and operand checks", "[dynamodb][expr]") {
  CHECK(problem("ConditionExpression", "whatever(a)") == "Invalid ConditionExpression: Invalid function name; function: whatever");
  CHECK(problem("ConditionExpression", "begins_with(a)") ==
        "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: "
        "begins_with, number of operands: 1");
  CHECK(problem("ConditionExpression", "a = a") ==
        "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator "
        "or function; operator: =, first operand: [a]");
  CHECK(problem("ConditionExpression", "attribute_exists(:v)", nullptr, json{{":v", {{"S", "x"}}}}) ==
        "Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists");
  CHECK(problem("ConditionExpression", "begins_with(a, :v)", nullptr, json{{":v", {{"N", "1"}}}}) ==
        "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: "
        "begins_with, operand type: N");
  CHECK(problem("ConditionExpression", "size(a)") ==
        "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size");
  CHECK(problem("ConditionExpression", "((a = b))") == "Invalid ConditionExpression: The expression has redundant parentheses;");
  CHECK(problem("ConditionExpression", "a BETWEEN :h AND :l", nullptr, json{{":l", {{"N", "1"}}}, {":h", {{"N", "2"}}}}) ==
        "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower "
        "bound; lower bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {N:1}");
  CHECK(problem("UpdateExpression", "SET a = list_append(:v, b)", nullptr, json{{":v", {{"S", "x"}}}}) ==
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, "
        "operand type: S");
  CHECK(problem("UpdateExpression", "ADD a :v", nullptr, json{{":v", {{"S", "x"}}}}) ==
        "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING");
  CHECK(problem("UpdateExpression", "SET a = :v SET b = :v", nullptr, json{{":v", {{"S", "x"}}}}) ==
        "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;");
  CHECK(problem("UpdateExpression", "SET a.b = :v REMOVE a", nullptr, json{{":v", {{"S", "x"}}}}) ==
        "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these "
        "paths; path one: [a, b], path two: [a]");
  CHECK(problem("ProjectionExpression", "a.b, a[1]") ==
        "Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of these "
        "paths; path one: [a, b], path two: [a, [1]]");
}

TEST_CASE("conditions: comparisons, functions and logic", "[dynamodb][expr]") {
  const std::string item = R"({"n":{"N":"10"},"s":{"S":"hello"},"ss":{"SS":["a","b"]},"l":{"L":[{"N":"1"},{"S":"x"}]},
                               "m":{"M":{"deep":{"N":"5"}}},"b":{"B":"AQI="}})";
  const json v = {{":ten", {{"N", "10.0"}}}, {":nine", {{"N", "9"}}}, {":he", {{"S", "he"}}}, {":a", {{"S", "a"}}},
                  {":x", {{"S", "x"}}}, {":n", {{"S", "N"}}}, {":five", {{"N", "5"}}}, {":one", {{"N", "1"}}}};
  auto with = [&](std::initializer_list<const char*> keys) {
    json out = json::object();
    for (const char* k : keys) out[k] = v[k];
    return out;
  };
  CHECK(holds("n = :ten", item, with({":ten"})));
  CHECK(holds("n > :nine AND n >= :ten", item, with({":nine", ":ten"})));
  CHECK_FALSE(holds("n < :nine", item, with({":nine"})));
  CHECK(holds("n BETWEEN :nine AND :ten", item, with({":nine", ":ten"})));
  CHECK(holds("n IN (:one, :ten)", item, with({":one", ":ten"})));
  CHECK(holds("begins_with(s, :he)", item, with({":he"})));
  CHECK(holds("contains(ss, :a) AND contains(l, :x) AND contains(s, :he)", item, with({":a", ":x", ":he"})));
  CHECK(holds("attribute_type(n, :n)", item, with({":n"})));
  CHECK(holds("attribute_exists(m.deep) AND attribute_not_exists(m.shallow)", item));
  CHECK(holds("m.deep = :five AND l[0] = :one", item, with({":five", ":one"})));
  CHECK(holds("size(s) = :five AND size(ss) > :one", item, with({":five", ":one"})));
  CHECK(holds("absent <> :one", item, with({":one"})));
  CHECK_FALSE(holds("absent = :one", item, with({":one"})));
  CHECK(holds("NOT (n = :one) OR s = :x", item, with({":one", ":x"})));
  CHECK_FALSE(holds("s < :one", item, with({":one"})));  // different types never order
  CHECK(holds("#s = :x OR #n = :ten", item, with({":x", ":ten"}), json{{"#s", "s"}, {"#n", "n"}}));
}

TEST_CASE("updates: SET arithmetic, if_not_exists, list_append, REMOVE, ADD, DELETE", "[dynamodb][expr]") {
  const std::string item = R"({"n":{"N":"10"},"l":{"L":[{"N":"1"},{"N":"2"},{"N":"3"}]},"ss":{"SS":["a","b"]},
                               "m":{"M":{"x":{"N":"1"}}}})";
  AttrMap r = updated("SET n = n + :d, c = if_not_exists(c, :z), l = list_append(l, :more) REMOVE m.x ADD ss :add, cnt :d",
                      item,
                      json::parse(R"({":d":{"N":"0.5"},":z":{"N":"0"},":more":{"L":[{"S":"x"}]},":add":{"SS":["b","c"]}})"));
  CHECK(r.find("n")->scalar() == "10.5");
  CHECK(r.find("c")->scalar() == "0");
  CHECK(r.find("l")->list_value().size() == 4);
  CHECK(r.find("m")->map_value().empty());
  CHECK(r.find("ss")->set_value() == std::vector<std::string>{"a", "b", "c"});
  CHECK(r.find("cnt")->scalar() == "0.5");

  r = updated("REMOVE l[0], l[2] DELETE ss :gone", item, json{{":gone", {{"SS", {"a", "b"}}}}});
  REQUIRE(r.find("l")->list_value().size() == 1);
  CHECK(r.find("l")->list_value()[0].scalar() == "2");  // indexes refer to the list before the update
  CHECK_FALSE(r.find("ss"));                             // an emptied set disappears

  r = updated("SET l[9] = :a, l[5] = :b", item, json{{":a", {{"S", "a"}}}, {":b", {{"S", "b"}}}});
  REQUIRE(r.find("l")->list_value().size() == 5);
  CHECK(r.find("l")->list_value()[3].scalar() == "b");
  CHECK(r.find("l")->list_value()[4].scalar() == "a");
}

TEST_CASE("updates: runtime errors", "[dynamodb][expr]") {
  const std::string item = R"({"s":{"S":"x"},"n":{"N":"1"}})";
  std::string error;
  updated("SET a = absent", item, nullptr, nullptr, &error);
  CHECK(error == "The provided expression refers to an attribute that does not exist in the item");
  updated("SET n = s + :one", item, json{{":one", {{"N", "1"}}}}, nullptr, &error);
  CHECK(error == "An operand in the update expression has an incorrect data type");
  updated("SET a.b = :one", item, json{{":one", {{"N", "1"}}}}, nullptr, &error);
  CHECK(error == "The document path provided in the update expression is invalid for update");
  updated("ADD s :one", item, json{{":one", {{"N", "1"}}}}, nullptr, &error);
  CHECK(error == "An operand in the update expression has an incorrect data type");
}

TEST_CASE("projection: nested paths keep their structure", "[dynamodb][expr]") {
  CompiledExpressions out;
  REQUIRE(compile("ProjectionExpression", "a.b, l[2], l[0], #m", out, json{{"#m", "m"}}).empty());
  const AttrMap item = parse_item(R"({"a":{"M":{"b":{"N":"1"},"c":{"N":"2"}}},"l":{"L":[{"S":"x"},{"S":"y"},{"S":"z"}]},
                                     "m":{"S":"keep"},"other":{"S":"drop"}})");
  const AttrMap projected = project_item(item, out.projection->paths);
  CHECK(projected.size() == 3);
  CHECK(projected.find("a")->map_value().size() == 1);
  REQUIRE(projected.find("l")->list_value().size() == 2);
  CHECK(projected.find("l")->list_value()[0].scalar() == "x");
  CHECK(projected.find("l")->list_value()[1].scalar() == "z");
  CHECK_FALSE(projected.find("other"));
}

}  // namespace
}  // namespace chokepoint

namespace chokepoint {
namespace {

TEST_CASE("expressions: hostile nesting and length are refused, not recursed into", "[dynamodb][expr]") {
  CHECK(problem("ConditionExpression", std::string(5000, '(')).rfind("Invalid ConditionExpression: Expression size has exceeded", 0) == 0);
  // Built by appending: g++ 12 at -O1 reports a false -Warray-bounds for the concatenation of temporaries.
  std::string deep(150, '(');
  deep += "a = b";
  deep.append(150, ')');
  CHECK(problem("ConditionExpression", deep).rfind("Invalid ConditionExpression: Syntax error; ", 0) == 0);
  std::string nots;
  for (int i = 0; i < 300; ++i) nots += "NOT ";
  CHECK(problem("ConditionExpression", nots + "a = b").rfind("Invalid ConditionExpression: Syntax error; ", 0) == 0);
  CHECK(problem("ConditionExpression", "NOT NOT attribute_exists(a)").empty());
}

}  // namespace
}  // namespace chokepoint
