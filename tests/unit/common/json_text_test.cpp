#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <random>
#include <string>

#include "common/json_text.hpp"

namespace chokepoint {

namespace {

// The definition append_json_double must match: the smallest %.*g precision that reads back exactly.
std::string printf_shortest(double value) {
  char buf[64];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  std::string text(buf);
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return text;
}

std::string shortest(double value) {
  std::string out;
  append_json_double(out, value);
  return out;
}

}  // namespace

TEST_CASE("plain_json_prefix stops at the first character a JSON string must escape, wherever it is", "[common][json]") {
  for (const char special : {'"', '\\', '\0', '\n', '\x1F'}) {
    for (std::size_t length = 0; length < 48; ++length) {
      for (std::size_t at = 0; at <= length; ++at) {
        std::string text(length, 'a');
        for (std::size_t i = 0; i < length; i += 3) text[i] = static_cast<char>(0x20 + i % 95);  // printable
        for (std::size_t i = 1; i < length; i += 7) text[i] = '\xC3';  // UTF-8 lead bytes pass
        for (std::size_t i = 2; i < length; i += 11) text[i] = '\x7F';
        // Printable filler may itself be '"' or '\\': the expected answer is the first special character.
        if (at < length) text[at] = special;
        std::size_t expected = 0;
        while (expected < text.size()) {
          const auto c = static_cast<unsigned char>(text[expected]);
          if (c < 0x20 || c == '"' || c == '\\') break;
          ++expected;
        }
        INFO("length " << length << ", special at " << at);
        REQUIRE(plain_json_prefix(text) == expected);
        REQUIRE(needs_json_escape(text) == (expected < text.size()));
      }
    }
  }
}

TEST_CASE("append_json_double prints capacity figures and times as DynamoDB and SSM do", "[common][json]") {
  CHECK(shortest(1.0) == "1.0");
  CHECK(shortest(0.5) == "0.5");
  CHECK(shortest(2.5) == "2.5");
  CHECK(shortest(0.0) == "0.0");
  CHECK(shortest(1763790274.123) == "1763790274.123");
  CHECK(shortest(0.0001) == "0.0001");
  CHECK(shortest(1e20) == "1e+20");
  CHECK(shortest(-3.75) == "-3.75");
}

TEST_CASE("append_json_double matches the shortest round-tripping %g form", "[common][json]") {
  std::mt19937_64 random(42);
  std::uniform_real_distribution<double> exponent(-30, 30);
  std::uniform_int_distribution<int> digits(0, 6);
  for (int i = 0; i < 20000; ++i) {
    double value = std::pow(10.0, exponent(random));
    if (i % 3 == 0) value = std::round(value * std::pow(10.0, digits(random))) / std::pow(10.0, digits(random));
    if (i % 5 == 0) value = -value;
    INFO(value);
    REQUIRE(shortest(value) == printf_shortest(value));
  }
  for (const double special : {std::numeric_limits<double>::max(), std::numeric_limits<double>::min(),
                               std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::infinity(),
                               0.1, 0.2, 0.3, 1.0 / 3, 123456789012345678.0, 5e-324}) {
    CHECK(shortest(special) == printf_shortest(special));
  }
}

TEST_CASE("append_json prints any tree exactly as the library's dump does", "[common][json]") {
  const auto dumped = [](const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  const auto printed = [](const nlohmann::json& j) {
    std::string out;
    append_json(out, j);
    return out;
  };
  const nlohmann::json trees[] = {
      nlohmann::json::parse(R"({"b":[1,-2,3.5,1e300,-0.0,true,false,null,{}],"a":{"x":[],"y":"z"},"":0})"),
      nlohmann::json(std::string("ctl \x01\x1f tab\t quote\" back\\ del\x7f caf\xC3\xA9")),
      nlohmann::json(std::string("bad \xff\xfe utf8 \xC3")),
      nlohmann::json::array({std::numeric_limits<int64_t>::min(), std::numeric_limits<uint64_t>::max(), 0.1, 100.0}),
      nlohmann::json({{std::string("k\xff"), 1}}),
      nlohmann::json(nullptr),
  };
  for (const auto& tree : trees) CHECK(printed(tree) == dumped(tree));
}

}  // namespace chokepoint
