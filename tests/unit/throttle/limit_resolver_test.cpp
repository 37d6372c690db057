#include <catch2/catch.hpp>

#include "throttle/in_memory_bucket_store.hpp"
#include "throttle/limit_resolver.hpp"
#include "throttle/rate_limiter.hpp"

using namespace chokepoint;

namespace {

Config test_config() {
  Config c;
  ServiceThrottling ssm;
  ssm.default_limit = {10, 20};
  ssm.groups.push_back({"HighThroughputReads", {3000, 3000}, true, false, {"GetParameter"}, "high_throughput"});
  ssm.groups.push_back({"ParameterReads", {40, 40}, true, false, {"GetParameter", "GetParameters"}, ""});
  c.throttling["ssm"] = ssm;
  ServiceThrottling ec2;
  ec2.default_limit = {5, 50};
  ec2.groups.push_back({"UnfilteredNonMutating", {10, 50}, false, false, {"DescribeInstances"}, "unfiltered"});
  ec2.groups.push_back({"RunInstances", {2, 5}, false, false, {"RunInstances"}, ""});
  ec2.groups.push_back({"NonMutating", {20, 100}, false, false, {"Describe*"}, ""});
  ec2.resources["RunInstances"] = {2, 1000};
  c.throttling["ec2"] = ec2;
  ServiceThrottling ddb;
  ddb.groups.push_back({"DataPlane", {1, 1}, false, true, {"GetItem"}, ""});
  c.throttling["dynamodb"] = ddb;
  return c;
}

}  // namespace

TEST_CASE("operations resolve to their group's bucket", "[throttle]") {
  const Config c = test_config();
  struct Case {
    const char* service;
    const char* op;
    const char* variant;
    const char* bucket;
    double rate, burst;
    bool enabled;
  };
  const Case cases[] = {
      {"ssm", "GetParameter", "", "ParameterReads", 40, 40, true},
      {"ssm", "GetParameters", "", "ParameterReads", 40, 40, true},
      {"ssm", "GetParameter", "high_throughput", "HighThroughputReads", 3000, 3000, true},
      {"ssm", "GetParameters", "high_throughput", "ParameterReads", 40, 40, true},
      {"ssm", "PutParameter", "", "PutParameter", 10, 20, true},
      {"ec2", "DescribeInstances", "", "DescribeInstances", 20, 100, true},
      {"ec2", "DescribeInstances", "unfiltered", "DescribeInstances@unfiltered", 10, 50, true},
      {"ec2", "DescribeVolumes", "", "DescribeVolumes", 20, 100, true},
      {"ec2", "RunInstances", "", "RunInstances", 2, 5, true},
      {"ec2", "StopInstances", "", "StopInstances", 5, 50, true},
      {"dynamodb", "GetItem", "", "GetItem", 1, 1, false},
      {"nosuch", "Op", "", "Op", 1, 1, false},
  };
  for (const auto& k : cases) {
    INFO(k.service << "." << k.op << " variant=" << k.variant);
    const auto b = resolve_api_bucket(c, k.service, k.op, k.variant, "000000000000", "us-east-1");
    CHECK(b.name == k.bucket);
    CHECK(b.enabled == k.enabled);
    if (k.enabled) {
      CHECK(b.limit.rate_per_sec == k.rate);
      CHECK(b.limit.burst == k.burst);
    }
  }
}

TEST_CASE("overrides apply by operation, group or bucket, scoped by service, account and region", "[throttle]") {
  Config c = test_config();
  LimitOverride by_op;
  by_op.service = "ssm";
  by_op.account = "111111111111";
  by_op.region = "eu-west-1";
  by_op.buckets["GetParameter"] = LimitOverrideSpec{5.0, 5.0, std::nullopt};
  c.limits.push_back(by_op);
  LimitOverride off;
  off.service = "ec2";
  off.buckets["NonMutating"] = LimitOverrideSpec{std::nullopt, std::nullopt, false};
  c.limits.push_back(off);
  LimitOverride enable_data_plane;
  enable_data_plane.buckets["GetItem"] = LimitOverrideSpec{100.0, std::nullopt, std::nullopt};
  c.limits.push_back(enable_data_plane);

  const auto scoped = resolve_api_bucket(c, "ssm", "GetParameter", "", "111111111111", "eu-west-1");
  CHECK(scoped.name == "ParameterReads");
  CHECK(scoped.limit.rate_per_sec == 5);
  CHECK(resolve_api_bucket(c, "ssm", "GetParameter", "", "111111111111", "us-east-1").limit.rate_per_sec == 40);
  CHECK(resolve_api_bucket(c, "ssm", "GetParameter", "", "222222222222", "eu-west-1").limit.rate_per_sec == 40);
  CHECK_FALSE(resolve_api_bucket(c, "ec2", "DescribeVolumes", "", "1", "r").enabled);
  CHECK(resolve_api_bucket(c, "ec2", "RunInstances", "", "1", "r").enabled);
  const auto data = resolve_api_bucket(c, "dynamodb", "GetItem", "", "1", "r");
  CHECK(data.enabled);
  CHECK(data.limit.rate_per_sec == 100);
}

TEST_CASE("an override naming one operation of a shared group sizes the bucket for all of them", "[throttle]") {
  Config c = test_config();
  LimitOverride by_op;
  by_op.buckets["GetParameter"] = LimitOverrideSpec{5.0, 7.0, std::nullopt};
  c.limits.push_back(by_op);
  // The sibling operation draws from the same bucket at the same size, and so do the levels view and the quota:
  // otherwise the size would flip with whichever operation came last.
  for (const char* op : {"GetParameter", "GetParameters"}) {
    INFO(op);
    const auto b = resolve_api_bucket(c, "ssm", op, "", "1", "r");
    CHECK(b.name == "ParameterReads");
    CHECK(b.limit.rate_per_sec == 5);
    CHECK(b.limit.burst == 7);
  }
  const auto by_name = resolve_bucket_by_name(c, "ssm", "ParameterReads", "1", "r");
  REQUIRE(by_name);
  CHECK(by_name->burst == 7);
  const auto quota = resolve_quota(c, "ssm", "ParameterReads", "1", "r");
  REQUIRE(quota);
  CHECK(quota->limit.rate_per_sec == 5);
}

TEST_CASE("rate limiter keeps accounts and regions apart", "[throttle]") {
  const Config c = test_config();
  InMemoryBucketStore store;
  RateLimiter limiter(store);
  const TimePoint now{std::chrono::seconds{1'800'000'000}};
  int a = 0, b = 0, r = 0;
  for (int i = 0; i < 60; ++i) {
    a += limiter.admit_call(c, "111111111111", "us-east-1", "ssm", "GetParameter", "", now).admitted;
    b += limiter.admit_call(c, "222222222222", "us-east-1", "ssm", "GetParameters", "", now).admitted;
    r += limiter.admit_call(c, "111111111111", "eu-west-1", "ssm", "GetParameter", "", now).admitted;
  }
  CHECK(a == 40);
  CHECK(b == 40);
  CHECK(r == 40);
  const auto rejected = limiter.admit_call(c, "111111111111", "us-east-1", "ssm", "GetParameters", "", now);
  CHECK_FALSE(rejected.admitted);
  CHECK(rejected.bucket == "ParameterReads");
}

TEST_CASE("resource tokens are taken by count", "[throttle]") {
  const Config c = test_config();
  InMemoryBucketStore store;
  RateLimiter limiter(store);
  const TimePoint now{std::chrono::seconds{1'800'000'000}};
  CHECK(limiter.take_resource(c, "1", "r", "ec2", "RunInstances", 600, now).admitted);
  CHECK(limiter.take_resource(c, "1", "r", "ec2", "RunInstances", 400, now).admitted);
  CHECK_FALSE(limiter.take_resource(c, "1", "r", "ec2", "RunInstances", 1, now).admitted);
  CHECK(limiter.take_resource(c, "1", "r", "ec2", "RunInstances", 4, now + std::chrono::seconds(2)).admitted);
  CHECK(limiter.take_resource(c, "1", "r", "ec2", "NoSuchResource", 1e9, now).admitted);
}

TEST_CASE("idle full buckets are evicted, busy ones kept", "[throttle]") {
  InMemoryBucketStore store;
  const TimePoint now{std::chrono::seconds{1'800'000'000}};
  const BucketLimit limit{1, 10};
  store.try_take({"a", "r", "s", "idle"}, limit, now, 1);
  store.try_take({"a", "r", "s", "busy"}, limit, now, 1);
  store.try_take({"a", "r", "s", "busy"}, limit, now + std::chrono::seconds(595), 9);
  CHECK(store.evict_idle(now + std::chrono::seconds(600), std::chrono::seconds(300)) == 1);
  CHECK(store.size() == 1);
}

TEST_CASE("limits: a bucket's size by its name, as its next use would set it", "[throttle]") {
  Config c = test_config();
  LimitOverride o;
  o.service = "ssm";
  o.buckets["ParameterReads"] = LimitOverrideSpec{5.0, 5.0, std::nullopt};
  c.limits.push_back(o);
  CHECK(resolve_bucket_by_name(c, "ssm", "ParameterReads", "a", "r") == BucketLimit{5, 5});
  CHECK(resolve_bucket_by_name(c, "ssm", "GetParameters", "a", "r") == std::nullopt);  // draws from ParameterReads
  CHECK(resolve_bucket_by_name(c, "ssm", "DeleteParameter", "a", "r") == BucketLimit{10, 20});
  CHECK(resolve_bucket_by_name(c, "ec2", "DescribeInstances@unfiltered", "a", "r") == BucketLimit{10, 50});
  CHECK(resolve_bucket_by_name(c, "ec2", "DescribeInstances", "a", "r") == BucketLimit{20, 100});
  CHECK(resolve_bucket_by_name(c, "ec2", "resource:RunInstances", "a", "r") == BucketLimit{2, 1000});
  CHECK(resolve_bucket_by_name(c, "ec2", "resource:StopInstances", "a", "r") == std::nullopt);
  CHECK(resolve_bucket_by_name(c, "nothing", "X", "a", "r") == std::nullopt);
}
