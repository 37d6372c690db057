#include <catch2/catch.hpp>

#include "throttle/fault_engine.hpp"
#include "faults/fault_requests.hpp"

namespace chokepoint {
namespace {

using test::fault_request;
using test::kFaultsStart;

using std::chrono::milliseconds;
using std::chrono::seconds;

FaultRuleSpec rule(std::string service, std::vector<std::string> operations, FaultAction action) {
  FaultRuleSpec spec;
  spec.match.service = std::move(service);
  spec.match.operations = std::move(operations);
  spec.action = std::move(action);
  return spec;
}

// 0-30 s normal, 30-90 s DescribeInstances at 5 per second, then normal.
ScenarioSpec storm(bool start_with_server) {
  ScenarioSpec s;
  s.name = "storm";
  s.start_with_server = start_with_server;
  s.phases.push_back(ScenarioPhase{milliseconds(30'000), {}});
  s.phases.push_back(ScenarioPhase{milliseconds(60'000), {rule("ec2", {"DescribeInstances"}, RateAction{5, 5})}});
  s.phases.push_back(ScenarioPhase{std::nullopt, {}});
  return s;
}

// Calls DescribeInstances 20 times within one second starting at `at`; returns how many were throttled.
int throttled_in_burst(FaultEngine& engine, TimePoint at) {
  int throttled = 0;
  for (int i = 0; i < 20; ++i)
    throttled += engine.evaluate(fault_request("ec2", "DescribeInstances"), at + milliseconds(i)).rejects();
  return throttled;
}

TEST_CASE("fault engine: config rules are anchored at server start", "[faults]") {
  SeededRandom random(1);
  FaultSettings settings;
  auto r = rule("sts", {}, ThrottleAction{});
  r.start_after = milliseconds(500);
  settings.rules.push_back(r);
  FaultEngine engine(random, settings, kFaultsStart);
  CHECK_FALSE(engine.evaluate(fault_request("sts", "GetCallerIdentity"), kFaultsStart + milliseconds(499)).rejects());
  CHECK(engine.evaluate(fault_request("sts", "GetCallerIdentity"), kFaultsStart + milliseconds(500)).rejects());
  const auto rules = engine.store().list(kFaultsStart);
  REQUIRE(rules.size() == 1);
  CHECK(rules[0].origin.source == "config");
}

TEST_CASE("fault engine: a scenario's phases follow from the request time", "[faults]") {
  SeededRandom random(1);
  FaultEngine engine(random, FaultSettings{{}, {storm(true)}}, kFaultsStart);
  CHECK(throttled_in_burst(engine, kFaultsStart + seconds(10)) == 0);
  CHECK(throttled_in_burst(engine, kFaultsStart + seconds(40)) == 15);  // a burst of 5 admitted
  CHECK(throttled_in_burst(engine, kFaultsStart + seconds(95)) == 0);
  auto status = engine.scenarios(kFaultsStart + seconds(40));
  REQUIRE(status.size() == 1);
  CHECK(status[0].state == "running");
  CHECK(status[0].phase == 1);
  CHECK(status[0].phase_remaining == milliseconds(50'000));
  CHECK(engine.scenarios(kFaultsStart + seconds(100))[0].phase == 2);
  CHECK_FALSE(engine.scenarios(kFaultsStart + seconds(100))[0].phase_remaining);
}

TEST_CASE("fault engine: a manual scenario waits for its start, and can be stopped and restarted", "[faults]") {
  SeededRandom random(1);
  FaultEngine engine(random, FaultSettings{{}, {storm(false)}}, kFaultsStart);
  CHECK(engine.scenarios(kFaultsStart)[0].state == "waiting");
  CHECK(throttled_in_burst(engine, kFaultsStart + seconds(40)) == 0);
  const TimePoint started = kFaultsStart + seconds(100);
  REQUIRE(engine.start_scenario("storm", started));
  CHECK(throttled_in_burst(engine, started + seconds(10)) == 0);
  CHECK(throttled_in_burst(engine, started + seconds(31)) == 15);
  REQUIRE(engine.stop_scenario("storm"));
  CHECK(throttled_in_burst(engine, started + seconds(33)) == 0);
  CHECK(engine.scenarios(started)[0].state == "waiting");
  CHECK_FALSE(engine.start_scenario("nope", started));
  CHECK_FALSE(engine.stop_scenario("nope"));
}

TEST_CASE("fault engine: a scenario with only timed phases finishes", "[faults]") {
  ScenarioSpec s;
  s.name = "short";
  s.phases.push_back(ScenarioPhase{milliseconds(1000), {rule("ec2", {}, ThrottleAction{})}});
  const auto status = scenario_status(s, kFaultsStart, kFaultsStart + milliseconds(1000));
  CHECK(status.state == "finished");
  CHECK(status.phase == -1);
}

TEST_CASE("fault engine: rule windows are clipped to their phase", "[faults]") {
  ScenarioSpec s;
  s.name = "clip";
  auto inner = rule("ec2", {}, ThrottleAction{});
  inner.start_after = milliseconds(500);
  inner.duration = milliseconds(10'000);
  s.phases.push_back(ScenarioPhase{milliseconds(2000), {}});
  s.phases.push_back(ScenarioPhase{milliseconds(3000), {inner}});
  s.phases.push_back(ScenarioPhase{milliseconds(1000), {rule("sts", {}, ThrottleAction{})}});
  const auto plan = plan_scenario(s);
  REQUIRE(plan.size() == 2);
  CHECK(plan[0].phase == 1);
  CHECK(plan[0].spec.start_after == milliseconds(2500));
  CHECK(plan[0].spec.duration == milliseconds(2500));  // ends with the phase at 5 s
  CHECK(plan[1].spec.start_after == milliseconds(5000));
  CHECK(plan[1].spec.duration == milliseconds(1000));
}

TEST_CASE("fault engine: reset drops run-time rules and restarts the config's", "[faults]") {
  SeededRandom random(1);
  FaultSettings settings;
  auto limited = rule("sts", {}, ThrottleAction{});
  limited.count = 1;
  settings.rules.push_back(limited);
  FaultEngine engine(random, settings, kFaultsStart);
  engine.store().add({NewFaultRule{rule("ec2", {}, ThrottleAction{}), FaultOrigin::of("api"), kFaultsStart}});
  engine.set_global_latency(milliseconds(100));
  CHECK(engine.evaluate(fault_request("sts", "GetCallerIdentity"), kFaultsStart).rejects());
  CHECK_FALSE(engine.evaluate(fault_request("sts", "GetCallerIdentity"), kFaultsStart).rejects());  // count used up
  engine.reset(kFaultsStart + seconds(1));
  CHECK(engine.global_latency() == milliseconds(0));
  CHECK_FALSE(engine.evaluate(fault_request("ec2", "DescribeRegions"), kFaultsStart).rejects());
  CHECK(engine.evaluate(fault_request("sts", "GetCallerIdentity"), kFaultsStart + seconds(1)).rejects());
  CHECK(engine.store().list(kFaultsStart).size() == 1);
}

TEST_CASE("fault engine: a reload replaces config rules only when they changed", "[faults]") {
  SeededRandom random(1);
  FaultSettings settings;
  settings.rules.push_back(rule("sts", {}, ThrottleAction{}));
  FaultEngine engine(random, settings, kFaultsStart);
  engine.store().add({NewFaultRule{rule("ec2", {}, LatencyAction{5, 5}), FaultOrigin::of("api"), kFaultsStart}});
  engine.evaluate(fault_request("sts", "GetCallerIdentity"), kFaultsStart);
  engine.apply_settings(settings, kFaultsStart + seconds(5));
  auto rules = engine.store().list(kFaultsStart + seconds(5));
  REQUIRE(rules.size() == 2);
  CHECK(rules[0].applied == 1);  // unchanged: counters kept
  settings.rules[0].match.service = "ssm";
  engine.apply_settings(settings, kFaultsStart + seconds(5));
  rules = engine.store().list(kFaultsStart + seconds(5));
  REQUIRE(rules.size() == 2);
  CHECK(rules[0].origin.source == "api");  // run-time rules stay
  CHECK(rules[1].spec.match.service == "ssm");
  CHECK(rules[1].anchor == kFaultsStart + seconds(5));
  CHECK_FALSE(engine.evaluate(fault_request("sts", "GetCallerIdentity"), kFaultsStart + seconds(5)).rejects());
}

TEST_CASE("fault engine: the global latency is added to every call", "[faults]") {
  SeededRandom random(1);
  FaultEngine engine(random, FaultSettings{}, kFaultsStart);
  engine.set_global_latency(milliseconds(120));
  auto d = engine.evaluate(fault_request("sts", "GetCallerIdentity"), kFaultsStart);
  CHECK(d.delay == milliseconds(120));
  CHECK_FALSE(d.rejects());
  CHECK(d.rule_id.empty());
}

}  // namespace
}  // namespace chokepoint
