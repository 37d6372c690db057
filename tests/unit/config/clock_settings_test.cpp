#include <catch2/catch.hpp>

#include "app/command_line.hpp"
#include "app/ctl_command.hpp"
#include "app/runtime.hpp"
#include "config_loading.hpp"

namespace chokepoint {
namespace {

using nlohmann::json;
using test::config_that_loads;
using test::errors_of;

TEST_CASE("clock config: real at speed 1 and no seed by default", "[config][clock]") {
  const auto config = config_that_loads("");
  CHECK(config->clock.mode == ClockMode::kReal);
  CHECK(config->clock.speed == 1);
  CHECK_FALSE(config->seed);
}

TEST_CASE("clock config: mode, speed and seed are read and checked", "[config][clock]") {
  const auto config = config_that_loads("clock: {mode: manual, speed: 0.5}\nseed: 42\n");
  CHECK(config->clock.mode == ClockMode::kManual);
  CHECK(config->clock.speed == 0.5);
  CHECK(config->seed == 42u);
  CHECK_THAT(errors_of("clock: {mode: frozen}\n"), Catch::Contains("clock.mode"));
  CHECK_THAT(errors_of("clock: {speed: 0}\n"), Catch::Contains("clock.speed: must be > 0"));
  CHECK_THAT(errors_of("clock: {speed: 20000}\n"), Catch::Contains("must be at most 10000"));
  CHECK_THAT(errors_of("clock: {mdoe: manual}\n"), Catch::Contains("did you mean 'mode'"));
  CHECK_THAT(errors_of("seed: -1\n"), Catch::Contains("seed"));
  CHECK_THAT(errors_of("seed: lucky\n"), Catch::Contains("seed"));
}

TEST_CASE("clock flags: --clock and --seed", "[config][clock]") {
  const auto parsed = parse_command_line({"--clock", "manual", "--seed=7"});
  REQUIRE(parsed.error.empty());
  CHECK(parsed.options.clock_mode == ClockMode::kManual);
  CHECK(parsed.options.seed == 7u);
  CHECK_THAT(parse_command_line({"--clock", "frozen"}).error, Catch::Contains("--clock expects real or manual"));
  CHECK_THAT(parse_command_line({"--seed", "x"}).error, Catch::Contains("--seed expects a whole number"));
}

TEST_CASE("seeds: one number fixes every random source, and different numbers differ", "[config][clock]") {
  const RuntimeSeeds a = runtime_seeds(42), b = runtime_seeds(42), c = runtime_seeds(43);
  CHECK(a.ids == b.ids);
  CHECK(a.faults == b.faults);
  CHECK(a.services == b.services);
  CHECK(a.ids != c.ids);
  CHECK(a.ids != a.faults);
}

TEST_CASE("ctl clock: each verb becomes one call of /_chokepoint/clock", "[ctl][clock]") {
  auto call = [](std::vector<std::string> args) {
    args.insert(args.begin(), "clock");
    const CtlPlan p = parse_ctl(args, "");
    INFO(p.error);
    REQUIRE(p.error.empty());
    REQUIRE(p.calls.size() == 1);
    CHECK(p.calls[0].target == "/_chokepoint/clock");
    return p.calls[0];
  };
  CHECK(call({}).method == "GET");
  CHECK(call({"show"}).method == "GET");
  CHECK(json::parse(call({"freeze"}).body) == json{{"mode", "manual"}});
  CHECK(json::parse(call({"resume"}).body) == json{{"mode", "real"}});
  CHECK(json::parse(call({"advance", "5m"}).body) == json{{"advance", "5m"}});
  CHECK(json::parse(call({"advance", "90"}).body) == json{{"advance", 90.0}});
  CHECK(json::parse(call({"speed", "60"}).body) == json{{"speed", 60.0}});
  CHECK(json::parse(call({"set", "2027-01-01T00:00:00Z"}).body) == json{{"set", "2027-01-01T00:00:00Z"}});
  CHECK_THAT(parse_ctl({"clock", "advance"}, "").error, Catch::Contains("usage: clock"));
  CHECK_THAT(parse_ctl({"clock", "rewind", "5m"}, "").error, Catch::Contains("usage: clock"));
}

}  // namespace
}  // namespace chokepoint
