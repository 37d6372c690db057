#include <catch2/catch.hpp>

#include "config/faults_json.hpp"

namespace chokepoint {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

// The services the built-in defaults throttle.
constexpr std::string_view kServices[] = {"cloudformation", "dynamodb", "ec2", "monitoring", "ssm", "sts"};

FaultRuleSpec parse_ok(const json& j) {
  std::vector<FieldError> errors;
  auto rule = parse_fault_rule(j, "", errors, kServices);
  for (const auto& e : errors) INFO(e.format());
  REQUIRE(errors.empty());
  REQUIRE(rule);
  return *rule;
}

std::vector<FieldError> parse_errors(const json& j, const std::string& path = "") {
  std::vector<FieldError> errors;
  auto rule = parse_fault_rule(j, path, errors, kServices);
  CHECK_FALSE(rule);
  REQUIRE_FALSE(errors.empty());
  return errors;
}

TEST_CASE("fault json: a throttle rule with match fields and limits", "[faults]") {
  const auto rule = parse_ok(json::parse(R"({"name": "three", "service": "dynamodb", "operation": "GetItem",
      "account": "123456789012", "region": "eu-*", "resource": "/app/", "tag": "t1", "throttle": true,
      "probability": 0.25, "count": 3, "start_after": "1500ms", "duration": 2})"));
  CHECK(rule.name == "three");
  CHECK(rule.match.service == "dynamodb");
  CHECK(rule.match.operations == std::vector<std::string>{"GetItem"});
  CHECK(rule.match.account == "123456789012");
  CHECK(rule.match.region == "eu-*");
  CHECK(rule.match.resource == "/app/");
  CHECK(rule.match.tag == "t1");
  CHECK(std::holds_alternative<ThrottleAction>(rule.action));
  CHECK(rule.probability == 0.25);
  CHECK(rule.count == 3);
  CHECK(rule.start_after == milliseconds(1500));
  CHECK(rule.duration == milliseconds(2000));
}

TEST_CASE("fault json: every action form", "[faults]") {
  auto error = parse_ok(json::parse(R"({"error": {"code": "InternalServerError", "status": 500, "message": "boom"}})"));
  CHECK(std::get<ErrorAction>(error.action) == ErrorAction{"InternalServerError", 500, "boom"});
  auto short_error = parse_ok(json::parse(R"({"error": "ValidationException"})"));
  CHECK(std::get<ErrorAction>(short_error.action) == ErrorAction{"ValidationException", 400, ""});
  CHECK(std::get<LatencyAction>(parse_ok(json::parse(R"({"latency": 200})")).action) == LatencyAction{200, 200});
  CHECK(std::get<LatencyAction>(parse_ok(json::parse(R"({"latency": {"ms": 50}})")).action) == LatencyAction{50, 50});
  CHECK(std::get<LatencyAction>(parse_ok(json::parse(R"({"latency": {"min_ms": 10, "max_ms": 30}})")).action) ==
        LatencyAction{10, 30});
  CHECK(std::get<RateAction>(parse_ok(json::parse(R"({"rate": 5})")).action) == RateAction{5, 5});
  CHECK(std::get<RateAction>(parse_ok(json::parse(R"({"rate": 0.5})")).action) == RateAction{0.5, 1});
  CHECK(std::get<RateAction>(parse_ok(json::parse(R"({"rate": {"per_second": 5, "burst": 1}})")).action) ==
        RateAction{5, 1});
  CHECK(parse_ok(json::parse(R"({"operation": ["Get*", "Query"], "throttle": {}})")).match.operations.size() == 2);
}

TEST_CASE("fault json: a rule reads back from its own JSON unchanged", "[faults]") {
  for (const char* text : {R"({"service": "ssm", "latency": {"min_ms": 5, "max_ms": 9}, "duration": "1m"})",
                           R"({"name": "n", "operation": ["A", "B"], "rate": {"per_second": 2.5, "burst": 4}})",
                           R"({"tag": "x", "error": {"code": "C", "status": 503, "message": "m"}, "count": 7,
                               "start_after": 0.25, "probability": 0.5})"}) {
    INFO(text);
    const auto rule = parse_ok(json::parse(text));
    CHECK(parse_ok(fault_rule_to_json(rule)) == rule);
  }
}

TEST_CASE("fault json: durations", "[faults]") {
  CHECK(parse_duration(json(2)) == milliseconds(2000));
  CHECK(parse_duration(json(0.5)) == milliseconds(500));
  CHECK(parse_duration(json("250ms")) == milliseconds(250));
  CHECK(parse_duration(json("1.5s")) == milliseconds(1500));
  CHECK(parse_duration(json("2m")) == milliseconds(120000));
  CHECK(parse_duration(json("1h")) == milliseconds(3600000));
  for (const json& bad : {json("2"), json("2 s"), json("s"), json(-1), json("-1s"), json(true), json("2d")}) {
    INFO(bad.dump());
    CHECK_FALSE(parse_duration(bad));
  }
}

TEST_CASE("fault json: each wrong field is named", "[faults]") {
  struct Case {
    const char* body;
    const char* field;
    const char* message_part;
  };
  const Case cases[] = {
      {R"({"throttle": true, "probabilty": 0.5})", "probabilty", "did you mean 'probability'"},
      {R"({"service": "dynamdb", "throttle": true})", "service", "did you mean 'dynamodb'"},
      {R"({"service": "dynamodb"})", "", "expected one action"},
      {R"({"throttle": true, "latency": 5})", "latency", "one action"},
      {R"({"throttle": true, "probability": 1.5})", "probability", "between 0 and 1"},
      {R"({"throttle": true, "count": 0})", "count", "between 1"},
      {R"({"throttle": true, "count": 2.5})", "count", "whole number"},
      {R"({"latency": {"min_ms": 30, "max_ms": 10}})", "latency.max_ms", ">= min_ms"},
      {R"({"latency": {"ms": 5, "min_ms": 1}})", "latency", "either ms"},
      {R"({"latency": -1})", "latency", "between 0"},
      {R"({"error": {"status": 500}})", "error.code", "required"},
      {R"({"error": {"code": "X", "status": 200}})", "error.status", "between 400 and 599"},
      {R"({"rate": {"per_second": 0}})", "rate.per_second", "> 0"},
      {R"({"rate": {"per_second": 5, "burst": 0.5}})", "rate.burst", "between 1"},
      {R"({"throttle": false})", "throttle", "expected true"},
      {R"({"throttle": true, "account": "12"})", "account", "12 digits"},
      {R"({"throttle": true, "operation": []})", "operation", "non-empty list"},
      {R"({"throttle": true, "operation": ["A", true]})", "operation[1]", "expected a string"},
      {R"({"throttle": true, "duration": 0})", "duration", "> 0"},
      {R"({"throttle": true, "start_after": "soon"})", "start_after", "duration"},
      {R"({"throttle": true, "region": ""})", "region", "must not be empty"},
  };
  for (const auto& c : cases) {
    INFO(c.body);
    const auto errors = parse_errors(json::parse(c.body));
    CHECK(errors.front().field == c.field);
    CHECK_THAT(errors.front().message, Catch::Contains(c.message_part));
  }
}

TEST_CASE("fault json: error fields carry the caller's path, and every error is reported", "[faults]") {
  const auto errors = parse_errors(json::parse(R"({"latency": -1, "probability": 2, "bogus": 1})"), "faults[3]");
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].field == "faults[3].bogus");
  CHECK(errors[0].format() == "faults[3].bogus: unknown field");
  CHECK(errors[1].field == "faults[3].latency");
  CHECK(errors[2].field == "faults[3].probability");
  CHECK(parse_errors(json::array(), "[0]").front().format() == "[0]: expected an object");
}

TEST_CASE("fault json: service globs are accepted without a name check", "[faults]") {
  CHECK(parse_ok(json::parse(R"({"service": "*", "throttle": true})")).match.service == "*");
  CHECK(parse_ok(json::parse(R"({"account": "1234*", "throttle": true})")).match.account == "1234*");
}

}  // namespace
}  // namespace chokepoint
