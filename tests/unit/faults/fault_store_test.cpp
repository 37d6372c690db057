#include <catch2/catch.hpp>

#include <set>

#include "throttle/fault_store.hpp"
#include "faults/fault_requests.hpp"

namespace chokepoint {
namespace {

using test::fault_request;
using test::kFaultsStart;

using std::chrono::milliseconds;
using std::chrono::seconds;

FaultRuleSpec throttle(std::string service, std::vector<std::string> operations = {}) {
  FaultRuleSpec spec;
  spec.match.service = std::move(service);
  spec.match.operations = std::move(operations);
  return spec;
}

struct Fixture {
  SeededRandom random{42};
  FaultStore store{random};

  std::string add(FaultRuleSpec spec, TimePoint anchor = kFaultsStart) {
    auto ids = store.add({NewFaultRule{std::move(spec), FaultOrigin::of("api"), anchor}});
    REQUIRE(ids);
    return ids->front();
  }
  FaultDecision eval(const FaultRequest& r, TimePoint now = kFaultsStart) { return store.evaluate(r, now); }
};

TEST_CASE("fault store: count 3 throttles exactly the next 3 matching calls and no other operation", "[faults]") {
  Fixture f;
  auto spec = throttle("dynamodb", {"GetItem"});
  spec.count = 3;
  const std::string id = f.add(spec);
  CHECK(id == "f1");
  CHECK_FALSE(f.eval(fault_request("dynamodb", "PutItem")).rejects());
  CHECK_FALSE(f.eval(fault_request("ssm", "GetItem")).rejects());
  for (int i = 0; i < 3; ++i) {
    const auto d = f.eval(fault_request("dynamodb", "GetItem"));
    CHECK(d.kind == FaultDecision::Kind::kThrottle);
    CHECK(d.rule_id == id);
  }
  CHECK_FALSE(f.eval(fault_request("dynamodb", "GetItem")).rejects());
  const auto info = f.store.find(id, kFaultsStart);
  REQUIRE(info);
  CHECK(info->state == FaultRuleState::kExpired);
  CHECK(info->matched == 3);  // an expired rule stops counting
  CHECK(info->applied == 3);
}

TEST_CASE("fault store: a window starts and ends on time", "[faults]") {
  Fixture f;
  auto spec = throttle("ec2");
  spec.start_after = milliseconds(1000);
  spec.duration = milliseconds(2000);
  const std::string id = f.add(spec);
  CHECK(f.store.find(id, kFaultsStart)->state == FaultRuleState::kPending);
  CHECK_FALSE(f.eval(fault_request("ec2", "DescribeRegions"), kFaultsStart + milliseconds(999)).rejects());
  CHECK(f.eval(fault_request("ec2", "DescribeRegions"), kFaultsStart + milliseconds(1000)).rejects());
  CHECK(f.eval(fault_request("ec2", "DescribeRegions"), kFaultsStart + milliseconds(2999)).rejects());
  CHECK_FALSE(f.eval(fault_request("ec2", "DescribeRegions"), kFaultsStart + milliseconds(3000)).rejects());
  CHECK(f.store.find(id, kFaultsStart + milliseconds(3000))->state == FaultRuleState::kEnded);
}

TEST_CASE("fault store: probability 0.3 over 2,000 calls throttles 30 % (stratified, seeded)", "[faults]") {
  for (uint64_t seed : {1u, 2u, 3u, 99u}) {
    SeededRandom random(seed);
    FaultStore store(random);
    auto spec = throttle("ec2");
    spec.probability = 0.3;
    store.add({NewFaultRule{spec, FaultOrigin::of("api"), kFaultsStart}});
    int throttled = 0;
    int in_first_block = 0;
    for (int i = 0; i < 2000; ++i) {
      const bool hit = store.evaluate(fault_request("ec2", "DescribeRegions"), kFaultsStart).rejects();
      throttled += hit;
      if (i < 100) in_first_block += hit;
    }
    INFO("seed " << seed);
    CHECK(throttled == 600);  // exactly 30 per block of 100
    CHECK(in_first_block == 30);
  }
}

TEST_CASE("fault store: fractional expectations per block round randomly but average out", "[faults]") {
  SeededRandom random(7);
  ProbabilitySampler sampler(0.005);  // half a hit per block of 100
  int hits = 0;
  for (int i = 0; i < 100'000; ++i) hits += sampler.sample(random);
  CHECK(hits > 400);
  CHECK(hits < 600);
  ProbabilitySampler never(0), always(1);
  CHECK_FALSE(never.sample(random));
  CHECK(always.sample(random));
}

TEST_CASE("fault store: the same seed gives the same choices", "[faults]") {
  auto run = [](uint64_t seed) {
    SeededRandom random(seed);
    ProbabilitySampler sampler(0.37);
    std::vector<bool> out;
    for (int i = 0; i < 300; ++i) out.push_back(sampler.sample(random));
    return out;
  };
  CHECK(run(5) == run(5));
  CHECK(run(5) != run(6));
}

TEST_CASE("fault store: latency adds up and lets the call through; a throttle later still decides", "[faults]") {
  Fixture f;
  FaultRuleSpec slow = throttle("ssm");
  slow.action = LatencyAction{200, 200};
  FaultRuleSpec slower = throttle("ssm", {"GetParameter"});
  slower.action = LatencyAction{50, 50};
  const std::string a = f.add(slow);
  const std::string b = f.add(slower);
  auto d = f.eval(fault_request("ssm", "GetParameter"));
  CHECK_FALSE(d.rejects());
  CHECK(d.delay == milliseconds(250));
  CHECK(d.rule_id == b);
  CHECK(f.eval(fault_request("ssm", "PutParameter")).delay == milliseconds(200));
  const std::string c = f.add(throttle("ssm"));
  d = f.eval(fault_request("ssm", "PutParameter"));
  CHECK(d.kind == FaultDecision::Kind::kThrottle);
  CHECK(d.delay == milliseconds(200));
  CHECK(d.rule_id == c);
  CHECK(f.store.find(a, kFaultsStart)->applied == 3);
}

TEST_CASE("fault store: the first throttle or error in order decides", "[faults]") {
  Fixture f;
  FaultRuleSpec error = throttle("sts");
  error.action = ErrorAction{"InternalFailure", 500, "{service} {operation} is down"};
  const std::string first = f.add(error);
  const std::string second = f.add(throttle("sts"));
  const auto d = f.eval(fault_request("sts", "GetCallerIdentity"));
  CHECK(d.kind == FaultDecision::Kind::kError);
  CHECK(d.rule_id == first);
  CHECK(d.error.code == "InternalFailure");
  CHECK(d.error.http_status == 500);
  CHECK(d.error.message == "sts GetCallerIdentity is down");
  CHECK(f.store.find(second, kFaultsStart)->matched == 0);
}

TEST_CASE("fault store: a latency range draws from the injected source", "[faults]") {
  Fixture f;
  FaultRuleSpec spec = throttle("ec2");
  spec.action = LatencyAction{100, 110};
  f.add(spec);
  std::set<long long> seen;
  for (int i = 0; i < 500; ++i) {
    const auto ms = f.eval(fault_request("ec2", "DescribeRegions")).delay.count();
    CHECK(ms >= 100);
    CHECK(ms <= 110);
    seen.insert(ms);
  }
  CHECK(seen.size() == 11);  // both ends reachable
}

TEST_CASE("fault store: a rate rule admits per_second with its own bucket and throttles the rest", "[faults]") {
  Fixture f;
  FaultRuleSpec spec = throttle("ssm", {"PutParameter"});
  spec.action = RateAction{5, 1};
  const std::string id = f.add(spec);
  int admitted = 0;
  // 20 calls per second for 5 seconds, 50 ms apart.
  for (int i = 0; i < 100; ++i) {
    admitted += !f.eval(fault_request("ssm", "PutParameter"), kFaultsStart + milliseconds(50 * i)).rejects();
  }
  CHECK(admitted >= 25);  // 1 (burst) + 5 per second
  CHECK(admitted <= 26);
  CHECK(f.store.find(id, kFaultsStart)->applied == 100 - admitted);
  CHECK_FALSE(f.eval(fault_request("ssm", "GetParameter"), kFaultsStart).rejects());
}

TEST_CASE("fault store: a tag-scoped rule leaves other requests alone", "[faults]") {
  Fixture f;
  FaultRuleSpec spec = throttle("ec2");
  spec.match.tag = "test-7";
  f.add(spec);
  CHECK_FALSE(f.eval(fault_request("ec2", "DescribeRegions")).rejects());
  CHECK_FALSE(f.eval(fault_request("ec2", "DescribeRegions", "test-8")).rejects());
  CHECK(f.eval(fault_request("ec2", "DescribeRegions", "test-7")).rejects());
}

TEST_CASE("fault store: account and region globs", "[faults]") {
  Fixture f;
  FaultRuleSpec spec = throttle("");
  spec.match.region = "eu-*";
  spec.match.account = "1234*";
  f.add(spec);
  FaultRequest r = fault_request("ec2", "DescribeRegions");
  CHECK_FALSE(f.eval(r).rejects());
  r.region = "eu-west-1";
  CHECK(f.eval(r).rejects());
  r.account = "999999999999";
  CHECK_FALSE(f.eval(r).rejects());
}

TEST_CASE("fault store: resources match exactly, by glob, or by path prefix", "[faults]") {
  CHECK(resource_matches("Orders", "Orders"));
  CHECK_FALSE(resource_matches("Orders", "Orders2"));
  CHECK(resource_matches("Ord*", "Orders2"));
  CHECK(resource_matches("/app/", "/app/db/url"));
  CHECK(resource_matches("/app/", "/app"));
  CHECK_FALSE(resource_matches("/app/", "/application"));
  CHECK_FALSE(resource_matches("Orders", ""));
  CHECK_FALSE(resource_matches("*", ""));
}

TEST_CASE("fault store: the resource is asked for once, and only when a rule needs it", "[faults]") {
  Fixture f;
  int asked = 0;
  FaultRequest r = fault_request("dynamodb", "GetItem");
  r.resource = [&] {
    ++asked;
    return std::string("Orders");
  };
  f.add(throttle("dynamodb", {"PutItem"}));
  f.eval(r);
  CHECK(asked == 0);
  FaultRuleSpec a = throttle("dynamodb");
  a.match.resource = "Other";
  FaultRuleSpec b = throttle("dynamodb");
  b.match.resource = "Orders";
  f.add(a);
  const std::string id = f.add(b);
  const auto d = f.eval(r);
  CHECK(d.rule_id == id);
  CHECK(asked == 1);
}

TEST_CASE("fault store: ids are never reused; remove, replace and clear", "[faults]") {
  Fixture f;
  const std::string a = f.add(throttle("ec2"));
  const std::string b = f.add(throttle("sts"));
  CHECK(f.store.remove(a));
  CHECK_FALSE(f.store.remove(a));
  CHECK(f.add(throttle("ssm")) == "f3");
  auto ids = f.store.replace("localstack", {NewFaultRule{throttle("ec2"), FaultOrigin::of("localstack"), kFaultsStart}});
  REQUIRE(ids);
  CHECK(*ids == std::vector<std::string>{"f4"});
  ids = f.store.replace("localstack", {});
  CHECK(ids->empty());
  CHECK(f.store.list(kFaultsStart).size() == 2);
  CHECK(f.store.find(b, kFaultsStart));
  CHECK(f.store.clear() == 2);
  CHECK(f.store.empty());
  CHECK_FALSE(f.eval(fault_request("sts", "GetCallerIdentity")).rejects());
}

TEST_CASE("fault store: adding beyond the limit adds nothing", "[faults]") {
  Fixture f;
  std::vector<NewFaultRule> many(FaultStore::kMaxRules, NewFaultRule{throttle("ec2"), FaultOrigin::of("api"), kFaultsStart});
  REQUIRE(f.store.add(many));
  CHECK_FALSE(f.store.add({NewFaultRule{throttle("ec2"), FaultOrigin::of("api"), kFaultsStart}}));
  CHECK(f.store.list(kFaultsStart).size() == FaultStore::kMaxRules);
}

TEST_CASE("fault store: a waiting rule does nothing until its scenario starts", "[faults]") {
  Fixture f;
  auto ids = f.store.add({NewFaultRule{throttle("ec2"), FaultOrigin{"scenario", "storm", 0, {}}, std::nullopt}});
  REQUIRE(ids);
  CHECK(f.store.find(ids->front(), kFaultsStart)->state == FaultRuleState::kWaiting);
  CHECK_FALSE(f.eval(fault_request("ec2", "DescribeRegions")).rejects());
  f.store.restart_scenario("storm", kFaultsStart);
  CHECK(f.eval(fault_request("ec2", "DescribeRegions")).rejects());
  f.store.restart_scenario("other", std::nullopt);
  CHECK(f.eval(fault_request("ec2", "DescribeRegions")).rejects());
  f.store.restart_scenario("storm", std::nullopt);
  CHECK_FALSE(f.eval(fault_request("ec2", "DescribeRegions")).rejects());
  CHECK(f.store.find(ids->front(), kFaultsStart)->applied == 0);
}

}  // namespace
}  // namespace chokepoint
