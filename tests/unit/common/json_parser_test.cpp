#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "common/json_parser.hpp"
#include "json_same_tree.hpp"

namespace chokepoint {

namespace {

// parse_json must agree with nlohmann::json::parse on acceptance and on the tree, value types included.
void check_agrees(const std::string& text) {
  INFO("input: " << text);
  const nlohmann::json expected = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  nlohmann::json actual;
  const bool accepted = parse_json(text, actual);
  REQUIRE(accepted == !expected.is_discarded());
  if (accepted) CHECK(same_tree(actual, expected));
}

}  // namespace

TEST_CASE("json parser: request bodies as SDKs send them", "[common][json]") {
  std::string long_item = R"({"Item":{"payload":{"S":")";
  long_item.append(1000, 'x').append(R"("}}})");
  for (const std::string& text : std::vector<std::string>{
           R"({"TableName":"bench","Key":{"pk":{"S":"get-1"}}})",
           R"({"Name":"/bench/parameter","WithDecryption":true})",
           R"({"Limit":10,"ExclusiveStartKey":null,"Segment":0,"TotalSegments":4})",
           R"( { "a" : [ 1 , 2.5 , -3 , 1e3 , -0 , 0.0 ] , "b" : { } , "c" : [ ] } )",
           long_item,
       }) {
    check_agrees(text);
  }
}

TEST_CASE("json parser: strings, escapes and UTF-8", "[common][json]") {
  for (const std::string& text : std::vector<std::string>{
           R"(["\"\\\/\b\f\n\r\t"])", R"(["\u0041\u00e9\u20ac\ud83d\ude00"])", R"(["\u0000 inside"])",
           "[\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"]", "[\"\x7F\"]",
           // rejected
           R"(["\ud83d"])", R"(["\ude00"])", R"(["\ud83d\u0041"])", R"(["\x"])", R"(["\u12"])", R"(["\u12G4"])",
           "[\"tab\there\"]", "[\"\n\"]", "[\"unterminated]", "[\"\xC3\"]", "[\"\xC0\xAF\"]",
           "[\"\xED\xA0\x80\"]", "[\"\xF4\x90\x80\x80\"]", "[\"\xE0\x80\xAF\"]", "[\"\xFF\"]", "[\"ok\"]\xC3\xA9",
           R"(["a\)", "\"\\", R"({"a\"b":1})",
       }) {
    check_agrees(text);
  }
}

TEST_CASE("json parser: numbers convert as the library converts them", "[common][json]") {
  for (const std::string& text : std::vector<std::string>{
           "0", "-0", "1", "-1", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
           "-9223372036854775809", "18446744073709551615", "18446744073709551616", "123456789012345678901234567890",
           "1.5", "-1.5e-3", "1E+2", "1e400", "-1e400", "1e-400", "0.1",
           // rejected
           "01", "-", "1.", ".5", "+1", "1e", "1e+", "--1", "0x10", "1.e3", "Infinity", "NaN",
       }) {
    check_agrees(text);
  }
}

TEST_CASE("json parser: structure, literals, whitespace and the byte order mark", "[common][json]") {
  for (const std::string& text : std::vector<std::string>{
           "true", "false", "null", " \t\r\n{} \n", "\xEF\xBB\xBF{}", R"({"a":1,"a":2})", R"({"a":{"b":1},"a":[]})",
           "[[[[[[[[[[]]]]]]]]]]", R"([1,[2,[3,{"x":[4]}]]])",
           // rejected
           "", " ", "{", "}", "[", "]", "[1,]", "[,1]", "{\"a\":1,}", "{,}", "{\"a\"}", "{\"a\" 1}", "{1:2}",
           "{'a':1}", "tru", "nul", "truex", "[1 2]", "{} {}", "\xEF\xBB{}", "\xEF{}", " \xEF\xBB\xBF{}", "[1]x",
           "{\"a\":1}\x01",
       }) {
    check_agrees(text);
  }
}

TEST_CASE("json parser: a NUL byte ends the input, as in the library", "[common][json]") {
  using namespace std::string_literals;
  for (const std::string& text : std::vector<std::string>{
           "{}\0garbage"s, "\"a\"\0 1'"s, "[1]\0\xFF"s, "[1,\0 2]"s, "\0{}"s, "[\"a\0b\"]"s, " \0"s}) {
    check_agrees(text);
  }
}

TEST_CASE("json parser: deep nesting is limited by memory, not the stack", "[common][json]") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  nlohmann::json tree;
  REQUIRE(parse_json(deep, tree));
  CHECK(tree.is_array());
  CHECK_FALSE(parse_json(std::string(100000, '[') + std::string(99999, ']'), tree));
}

}  // namespace chokepoint
