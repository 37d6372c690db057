#include <catch2/catch.hpp>

#include <array>

#include "config/yaml_reader.hpp"

namespace chokepoint {
namespace {

TEST_CASE("config: edit_distance counts insertions, deletions, substitutions and swaps", "[config]") {
  struct Case {
    const char* a;
    const char* b;
    int distance;
  };
  const Case cases[] = {
      {"", "", 0},          {"threads", "threads", 0}, {"thread", "threads", 1},
      {"threds", "threads", 1}, {"thraeds", "threads", 1}, {"tread", "threads", 2},
      {"abc", "", 3},       {"listen", "lisetn", 1},   {"kitten", "sitting", 3},
  };
  for (const auto& c : cases) {
    INFO(c.a << " vs " << c.b);
    CHECK(edit_distance(c.a, c.b) == c.distance);
    CHECK(edit_distance(c.b, c.a) == c.distance);
  }
}

TEST_CASE("config: did_you_mean suggests only keys within distance 2", "[config]") {
  const std::array<std::string_view, 3> known = {"threads", "listen", "log_level"};
  CHECK(did_you_mean("thread", known) == " (did you mean 'threads'?)");
  CHECK(did_you_mean("loglevel", known) == " (did you mean 'log_level'?)");
  CHECK(did_you_mean("lsiten", known) == " (did you mean 'listen'?)");
  CHECK(did_you_mean("workers", known).empty());
  CHECK(closest_match("listn", known) == "listen");
}

// Reads `text`, which must hold a mapping with key `v`, with `read` and returns the reader's errors.
template <typename Read>
std::vector<ConfigError> read_value(const std::string& text, Read read) {
  YamlReader reader("t.yaml");
  auto root = reader.parse(text);
  REQUIRE(root);
  auto value = root->child("v");
  REQUIRE(value);
  read(reader, *value);
  return reader.take_errors();
}

TEST_CASE("config: YamlReader converts numbers strictly", "[config]") {
  struct Case {
    const char* text;
    std::optional<long long> value;
    const char* message;
  };
  const Case cases[] = {
      {"v: 42", 42, ""},
      {"v: +7", 7, ""},
      {"v: 1e3", 1000, ""},
      {"v: 1.5", std::nullopt, "must be a whole number"},
      {"v: abc", std::nullopt, "expected a number"},
      {"v: .inf", std::nullopt, "expected a number"},
      {"v: [1]", std::nullopt, "expected a number"},
      {"v:", std::nullopt, "expected a number"},
      {"v: -1", std::nullopt, "must be between 0 and 65535"},
      {"v: 70000", std::nullopt, "must be between 0 and 65535"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    std::optional<long long> got;
    auto errors = read_value(c.text, [&](YamlReader& r, const YamlNode& n) { got = r.integer(n, {0, 65535}); });
    CHECK(got == c.value);
    if (c.value) {
      CHECK(errors.empty());
    } else {
      REQUIRE(errors.size() == 1);
      CHECK(errors[0].message == c.message);
      CHECK(errors[0].path == "v");
      CHECK(errors[0].line == 1);
    }
  }
}

TEST_CASE("config: YamlReader int fields reject values beyond int", "[config]") {
  YamlReader reader("t.yaml");
  auto root = reader.parse("v: 3000000000\n");
  REQUIRE(root);
  int out = 5;
  CHECK_FALSE(reader.read(*root, "v", out, IntRange{1, LLONG_MAX}));
  CHECK(out == 5);
  REQUIRE(reader.errors().size() == 1);
  CHECK(reader.errors()[0].message == "must be <= 2147483647");
}

TEST_CASE("config: YamlReader real numbers, booleans and strings", "[config]") {
  std::optional<double> rate;
  auto errors = read_value("v: 0.3", [&](YamlReader& r, const YamlNode& n) { rate = r.number(n, {0, true}); });
  CHECK(errors.empty());
  CHECK(rate == Approx(0.3));

  errors = read_value("v: 0", [&](YamlReader& r, const YamlNode& n) { rate = r.number(n, {0, true}); });
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "must be > 0");

  errors = read_value("v: 0.5", [&](YamlReader& r, const YamlNode& n) { rate = r.number(n, {1, false}); });
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "must be >= 1");

  std::optional<bool> flag;
  errors = read_value("v: false", [&](YamlReader& r, const YamlNode& n) { flag = r.boolean(n); });
  CHECK(errors.empty());
  CHECK(flag == false);
  errors = read_value("v: maybe", [&](YamlReader& r, const YamlNode& n) { flag = r.boolean(n); });
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "expected a boolean");

  std::optional<std::string> text;
  errors = read_value("v: {a: 1}", [&](YamlReader& r, const YamlNode& n) { text = r.string(n); });
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "expected a string");
  CHECK(errors[0].column == 4);
}

TEST_CASE("config: YamlReader treats a null mapping or list as empty", "[config]") {
  YamlReader reader("t.yaml");
  auto root = reader.parse("m:\nl:\n");
  REQUIRE(root);
  CHECK(reader.expect_mapping(*root->child("m"), {"a"}));
  auto items = reader.elements(*root->child("l"));
  REQUIRE(items);
  CHECK(items->empty());
  CHECK(reader.errors().empty());
}

TEST_CASE("config: YamlReader reports duplicate keys", "[config]") {
  YamlReader reader("t.yaml");
  auto root = reader.parse("a: 1\nb: 2\na: 3\n");
  REQUIRE(root);
  CHECK(reader.expect_mapping(*root, {"a", "b"}));
  REQUIRE(reader.errors().size() == 1);
  CHECK(reader.errors()[0].format() == "t.yaml:3:1: a: duplicate key 'a'");
}

}  // namespace
}  // namespace chokepoint
