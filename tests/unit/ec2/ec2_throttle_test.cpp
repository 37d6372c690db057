#include "ec2_fixture.hpp"

namespace chokepoint::test {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

std::string variant_of(Ec2Fixture& f, const char* op, nlohmann::json params) {
  InMemoryBucketStore store;
  RateLimiter limiter(store);
  IdGenerator ids(1);
  CallContext ctx{f.now(), f.config(), limiter, ids, nullptr};
  return f.service().rate_variant(f.request(op, std::move(params)), ctx);
}

int admitted_in_a_burst(Ec2Fixture& f, const char* op, const nlohmann::json& params, int attempts) {
  int admitted = 0;
  for (int i = 0; i < attempts; ++i) {
    const ApiResult r = f.admitted_call(op, params);
    if (is_error(r) && std::get<ApiError>(r).code == "RequestLimitExceeded") break;
    ++admitted;
  }
  return admitted;
}

TEST_CASE("ec2: calls without filters or pagination use the unfiltered bucket", "[ec2]") {
  Ec2Fixture f;
  CHECK(variant_of(f, "DescribeInstances", nlohmann::json::object()) == "unfiltered");
  CHECK(variant_of(f, "DescribeInstances", {{"Filter", {filter("instance-state-name", {"running"})}}}).empty());
  CHECK(variant_of(f, "DescribeInstances", {{"MaxResults", "5"}}).empty());
  CHECK(variant_of(f, "DescribeInstances", {{"NextToken", "x"}}).empty());
  CHECK(variant_of(f, "DescribeInstances", {{"InstanceId", {"i-12345678"}}}).empty());
  CHECK(variant_of(f, "DescribeInstanceStatus", nlohmann::json::object()) == "unfiltered");
  CHECK(variant_of(f, "DescribeImages", nlohmann::json::object()).empty());
  Ec2Fixture ids_are_not_filters("ec2: {ids_count_as_filters: false}\n");
  CHECK(variant_of(ids_are_not_filters, "DescribeInstances", {{"InstanceId", {"i-12345678"}}}) == "unfiltered");
}

TEST_CASE("ec2: 50 unfiltered DescribeInstances in a burst, 100 filtered", "[ec2]") {
  Ec2Fixture f;
  CHECK(admitted_in_a_burst(f, "DescribeInstances", nlohmann::json::object(), 200) == 50);
  // The filtered calls draw from DescribeInstances' own NonMutating bucket, untouched so far.
  const nlohmann::json filtered = {{"Filter", {filter("instance-state-name", {"running"})}}};
  CHECK(admitted_in_a_burst(f, "DescribeInstances", filtered, 200) == 100);
  f.advance(seconds(1));  // 10 per second refill the unfiltered bucket
  CHECK(admitted_in_a_burst(f, "DescribeInstances", nlohmann::json::object(), 200) == 10);
}

TEST_CASE("ec2: RequestLimitExceeded is 503 and worded as configured", "[ec2]") {
  Ec2Fixture detailed;
  admitted_in_a_burst(detailed, "RunInstances", {{"ImageId", kImage}, {"MinCount", "1"}, {"MaxCount", "1"}}, 5);
  const ApiError e =
      error(detailed.admitted_call("RunInstances", {{"ImageId", kImage}, {"MinCount", "1"}, {"MaxCount", "1"}}));
  CHECK(e.http_status == 503);
  CHECK(e.origin == ErrorOrigin::kThrottle);
  CHECK(e.message ==
        "Request limit exceeded. Account 123456789012 has been throttled on ec2:RunInstances because "
        "it exceeded its request rate limit.");
  Ec2Fixture classic("ec2: {request_limit_message: classic}\n");
  admitted_in_a_burst(classic, "DescribeInstances", nlohmann::json::object(), 50);
  CHECK(error(classic.admitted_call("DescribeInstances")).message == "Request limit exceeded.");
}

TEST_CASE("ec2: RunInstances takes one resource token per instance", "[ec2]") {
  Ec2Fixture f;
  for (int call = 0; call < 10; ++call) {
    f.launch(100);
    f.advance(milliseconds(500));  // keeps inside the RunInstances request bucket (5, refill 2/s)
  }
  // 10 calls took 1000 tokens while 5 s refilled 10.
  CHECK(f.resource_tokens("RunInstances") == Approx(10));
  const ApiError e = error(f.call("RunInstances", {{"ImageId", kImage}, {"MinCount", "100"}, {"MaxCount", "100"}}));
  CHECK(e.code == "RequestLimitExceeded");
  CHECK(e.http_status == 503);
  CHECK(f.resource_tokens("RunInstances") == Approx(10));  // a refusal takes nothing
  CHECK(described(body(f.call("DescribeInstances"))).size() == 1000);
  f.advance(seconds(45));  // 2 per second: 10 + 90 = 100
  f.launch(100);
  CHECK(f.resource_tokens("RunInstances") == Approx(0).margin(1e-6));
}

TEST_CASE("ec2: Start, Stop and Terminate take resource tokens per instance; Reboot none", "[ec2]") {
  Ec2Fixture f;
  const auto ids = f.launch(30);
  f.advance(seconds(2));
  body(f.call("RebootInstances", ids_param(ids)));
  body(f.call("StopInstances", ids_param(ids)));
  CHECK(f.resource_tokens("StopInstances") == Approx(970));
  f.advance(seconds(2));
  body(f.call("StartInstances", ids_param(ids)));
  CHECK(f.resource_tokens("StartInstances") == Approx(970));
  body(f.call("TerminateInstances", ids_param({ids[0], ids[1]})));
  CHECK(f.resource_tokens("TerminateInstances") == Approx(998));
}

TEST_CASE("ec2: a call refused for resource tokens changes nothing", "[ec2]") {
  Ec2Fixture f(R"(
limits:
  - match: {service: ec2}
    buckets: {"resource:StopInstances": {rate: 1, burst: 2}}
)");
  const auto ids = f.launch(3);
  f.advance(seconds(2));
  const ApiError e = error(f.call("StopInstances", ids_param(ids)));
  CHECK(e.code == "RequestLimitExceeded");
  for (const auto& id : ids) CHECK(state_of(f, id) == "running");
  const auto stopped = body(f.call("StopInstances", ids_param({ids[0], ids[1]})));
  CHECK(stopped["instancesSet"].size() == 2);
}

}  // namespace
}  // namespace chokepoint::test
