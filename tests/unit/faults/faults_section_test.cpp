#include <catch2/catch.hpp>

#include "config/config_loader.hpp"
#include "config_loading.hpp"

namespace chokepoint {
namespace {

using std::chrono::milliseconds;

TEST_CASE("faults section: rules in YAML use the same schema as the API", "[faults][config]") {
  const auto result = load_config_text(R"(
faults:
  - name: three-getitems
    service: dynamodb
    operation: GetItem
    throttle: true
    count: 3
  - service: ssm
    latency: {min_ms: 100, max_ms: 200}
    probability: 0.5
    start_after: 30s
    duration: 1.5
  - operation: [DescribeInstances, "Describe*"]
    error: {code: InternalError, status: 500, message: "try again"}
    tag: "42"
)",
                                       "user.yaml");
  INFO(test::errors_text(result));
  REQUIRE(result.ok());
  const auto& rules = result.config->faults.rules;
  REQUIRE(rules.size() == 3);
  CHECK(rules[0].name == "three-getitems");
  CHECK(rules[0].count == 3);
  CHECK(std::holds_alternative<ThrottleAction>(rules[0].action));
  CHECK(std::get<LatencyAction>(rules[1].action) == LatencyAction{100, 200});
  CHECK(rules[1].start_after == milliseconds(30'000));
  CHECK(rules[1].duration == milliseconds(1500));
  CHECK(rules[2].match.operations == std::vector<std::string>{"DescribeInstances", "Describe*"});
  CHECK(rules[2].match.tag == "42");  // quoted: stays a string
  CHECK(std::get<ErrorAction>(rules[2].action) == ErrorAction{"InternalError", 500, "try again"});
}

TEST_CASE("faults section: errors point at the line, column and path of the wrong field", "[faults][config]") {
  const auto result = load_config_text(R"(faults:
  - service: dynamodb
    throttle: true
  - service: ssm
    latency:
      ms: -5
  - service: ec2
    throttle: true
    probabilty: 0.5
  - tag: [42]
    throttle: true
)",
                                       "user.yaml");
  REQUIRE_FALSE(result.ok());
  REQUIRE(result.errors.size() == 3);
  CHECK(result.errors[0].format() == "user.yaml:6:11: faults[1].latency.ms: must be between 0 and 300000");
  CHECK(result.errors[1].format() ==
        "user.yaml:9:17: faults[2].probabilty: unknown field (did you mean 'probability'?)");
  CHECK(result.errors[2].format() == "user.yaml:10:10: faults[3].tag: expected a string");
  // Numbers where strings are expected are taken as written.
  const auto ok = load_config_text("faults:\n  - {account: 012345678901, tag: 42, throttle: true}\n", "user.yaml");
  INFO(test::errors_text(ok));
  REQUIRE(ok.ok());
  CHECK(ok.config->faults.rules[0].match.account == "012345678901");
  CHECK(ok.config->faults.rules[0].match.tag == "42");
}

TEST_CASE("faults section: a rule without an action is reported at the rule", "[faults][config]") {
  const auto result = load_config_text("faults:\n  - service: ec2\n", "user.yaml");
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].format() == "user.yaml:2:5: faults[0]: expected one action: throttle, error, latency or rate");
}

TEST_CASE("scenarios section: phases with their rules", "[faults][config]") {
  const auto result = load_config_text(R"(
scenarios:
  - name: describe-storm
    phases:
      - duration: 30s
      - duration: 60s
        faults:
          - {service: ec2, operation: DescribeInstances, rate: {per_second: 5}}
      - {}
  - name: later
    start: manual
    phases:
      - duration: 2
        faults: [{service: sts, throttle: true}]
)",
                                       "user.yaml");
  INFO(test::errors_text(result));
  REQUIRE(result.ok());
  const auto& scenarios = result.config->faults.scenarios;
  REQUIRE(scenarios.size() == 2);
  CHECK(scenarios[0].name == "describe-storm");
  CHECK(scenarios[0].start_with_server);
  REQUIRE(scenarios[0].phases.size() == 3);
  CHECK(scenarios[0].phases[0].duration == milliseconds(30'000));
  CHECK(scenarios[0].phases[0].faults.empty());
  CHECK(std::get<RateAction>(scenarios[0].phases[1].faults[0].action) == RateAction{5, 5});
  CHECK_FALSE(scenarios[0].phases[2].duration);
  CHECK_FALSE(scenarios[1].start_with_server);
  CHECK(scenarios[1].phases[0].duration == milliseconds(2000));
}

TEST_CASE("scenarios section: mistakes", "[faults][config]") {
  const auto result = load_config_text(R"(scenarios:
  - name: a
    phases:
      - faults: []
      - duration: 1s
  - name: a
    phases: [{duration: 1s}]
  - name: b
    start: later
    phases: []
  - name: c
    phases:
      - duration: 0
        faults: [{throttle: yes}]
)",
                                       "user.yaml");
  REQUIRE_FALSE(result.ok());
  const std::string errors = test::errors_text(result);
  INFO(errors);
  CHECK_THAT(errors,
             Catch::Contains("user.yaml:4:9: scenarios[0].phases[0]: only the last phase may leave out its duration"));
  CHECK_THAT(errors, Catch::Contains("scenarios[2].start: must be one of server, manual"));
  CHECK_THAT(errors, Catch::Contains("scenarios[2].phases: must not be empty"));
  CHECK_THAT(errors, Catch::Contains("scenarios[3].phases[0].duration: expected seconds"));
  CHECK_THAT(errors, Catch::Contains("scenarios[3].phases[0].faults[0].throttle: expected true"));
}

TEST_CASE("scenarios section: duplicate names", "[faults][config]") {
  const auto result = load_config_text(R"(scenarios:
  - {name: a, phases: [{}]}
  - {name: a, phases: [{}]}
)",
                                       "user.yaml");
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].format() == "user.yaml:3:12: scenarios[1].name: duplicate scenario name 'a'");
}

TEST_CASE("faults section: the defaults have none, and an empty list clears them", "[faults][config]") {
  const auto defaults = load_default_config();
  REQUIRE(defaults.ok());
  CHECK(defaults.config->faults.rules.empty());
  CHECK(defaults.config->faults.scenarios.empty());
  const auto empty = load_config_text("faults: []\nscenarios:\n", "user.yaml");
  INFO(test::errors_text(empty));
  CHECK(empty.ok());
}

TEST_CASE("faults in YAML: a rule that contains an alias of itself is an error, not a crash", "[faults][config]") {
  const auto result =
      load_config_text("faults:\n  - &rule {service: sts, error: {code: X, extra: *rule}}\n", "user.yaml");
  REQUIRE_FALSE(result.ok());
  const std::string all = result.errors.front().format();
  CHECK(all.find("nested deeper than") != std::string::npos);
}

}  // namespace
}  // namespace chokepoint
