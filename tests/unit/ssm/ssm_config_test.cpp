#include <catch2/catch.hpp>

#include "config/config_loader.hpp"
#include "config_loading.hpp"

using namespace chokepoint;


TEST_CASE("ssm config: defaults", "[ssm][config]") {
  const LoadResult r = load_default_config();
  REQUIRE(r.ok());
  CHECK(r.config->ssm.max_standard_parameters == 10000);
  CHECK(r.config->ssm.max_advanced_parameters == 100000);
  CHECK(r.config->ssm.concurrent_update_window_ms == 0.1);
  CHECK(r.config->ssm.parameters.empty());
}

TEST_CASE("ssm config: seeds are read with their optional fields", "[ssm][config]") {
  const LoadResult r = load_config_text(R"(
ssm:
  concurrent_update_window_ms: 0
  parameters:
    - name: /app/a
      value: 42
      description: the answer
      tier: Advanced
      tags: {team: blue, env: dev}
    - {name: /app/s, value: pw, type: SecureString, key_id: alias/mine, account: "111111111111", region: eu-west-1}
)",
                                        "seed.yaml");
  INFO(test::errors_text(r));
  REQUIRE(r.ok());
  const auto& seeds = r.config->ssm.parameters;
  REQUIRE(seeds.size() == 2);
  CHECK(seeds[0].value == "42");
  CHECK(seeds[0].type == "String");
  CHECK(seeds[0].description == "the answer");
  CHECK(seeds[0].tier == "Advanced");
  CHECK(seeds[0].tags.at("team") == "blue");
  CHECK(seeds[1].key_id == "alias/mine");
  CHECK(seeds[1].account == "111111111111");
  CHECK(r.config->ssm.concurrent_update_window_ms == 0);
}

TEST_CASE("ssm config: bad seeds are errors with their position", "[ssm][config]") {
  struct Case {
    const char* yaml;
    const char* expected;
  };
  const Case cases[] = {
      {"ssm:\n  parameters:\n    - {name: 'bad name', value: v}\n",
       "seed.yaml:3:7: ssm.parameters[0]: parameter 'bad name': ValidationException"},
      {"ssm:\n  parameters:\n    - {name: /a, value: v, type: Int}\n", "ValidationException"},
      {"ssm:\n  parameters:\n    - {name: /a, value: v, allowed_pattern: '\\d+'}\n",
       "ParameterPatternMismatchException"},
      {"ssm:\n  parameters:\n    - {name: /aws/a, value: v}\n", "AccessDeniedException"},
      {"ssm:\n  parameters:\n    - {name: /a}\n", "missing required key 'value'"},
      {"ssm:\n  parameters:\n    - {name: /a, value: v, account: '12'}\n", "must be exactly 12 digits"},
      {"ssm:\n  parameters:\n    - {name: /a, value: v, region: mars-1}\n", "'mars-1' is not one of regions[].name"},
      {"ssm:\n  parameters:\n    - {name: /a, value: v}\n    - {name: a, value: w}\n", "duplicate parameter 'a'"},
      {"ssm:\n  parameters:\n    - {name: /a, value: v, colour: red}\n", "colour"},
      {"ssm:\n  concurrent_update_window_ms: -1\n", "ssm.concurrent_update_window_ms"},
      {"ssm:\n  max_standard_paramters: 5\n", "did you mean 'max_standard_parameters'"},
  };
  for (const auto& c : cases) {
    INFO(c.yaml);
    const LoadResult r = load_config_text(c.yaml, "seed.yaml");
    CHECK_FALSE(r.ok());
    CHECK_THAT(test::errors_text(r), Catch::Contains(c.expected));
  }
}
