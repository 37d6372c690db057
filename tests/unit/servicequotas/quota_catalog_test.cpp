// The quotas derived from the configuration's throttling sections, and applied values sizing rate buckets.
#include <catch2/catch.hpp>

#include "in_process_server.hpp"
#include "services/servicequotas/quota_catalog.hpp"
#include "throttle/in_memory_bucket_store.hpp"
#include "throttle/rate_limiter.hpp"

namespace chokepoint {
namespace {

TEST_CASE("quota catalog: one quota per sized group, default and resource bucket", "[servicequotas]") {
  const auto config = testing::default_config();
  const auto ssm = service_quota_definitions(*config, "ssm");
  const auto reads = find_quota_definition(*config, "ssm", "CP-ParameterReads");
  REQUIRE(reads);
  CHECK(reads->quota_key == "ParameterReads");
  CHECK(reads->default_limit == BucketLimit{40, 40});
  CHECK(reads->quota_name == "Shared rate of GetParameter, GetParameters and GetParametersByPath requests");
  CHECK(find_quota_definition(*config, "ssm", "CP-default"));
  CHECK(find_quota_definition(*config, "ec2", "CP-resource-RunInstances")->quota_key == "resource:RunInstances");
  CHECK(find_quota_definition(*config, "ec2", "CP-NonMutating")->quota_name ==
        "Rate of requests for each of Describe*, List*, Search* and Get*");
  CHECK_FALSE(find_quota_definition(*config, "dynamodb", "CP-DataPlane"));  // unlimited: not a quota
  CHECK(service_quota_definitions(*config, "sqs").empty());
  CHECK(quota_code_for("my group:1") == "CP-my-group-1");
  CHECK(service_display_name("ssm") == "AWS Systems Manager");
  CHECK(service_display_name("sqs") == "sqs");
}

TEST_CASE("applied quotas: size the account-region's buckets, burst in proportion", "[servicequotas][throttle]") {
  const auto config = testing::default_config();
  InMemoryBucketStore store;
  AppliedQuotas applied;
  RateLimiter limiter(store, &applied);
  const TimePoint t0{};
  const auto burst = [&](const char* account, const char* region, TimePoint now) {
    int admitted = 0;
    for (int i = 0; i < 500; ++i) {
      if (limiter.admit_call(*config, account, region, "ssm", "GetParametersByPath", "", now).admitted) ++admitted;
    }
    return admitted;
  };
  applied.set({"111111111111", "us-east-1", "ssm", "ParameterReads", 100});
  CHECK(burst("111111111111", "us-east-1", t0) == 100);
  CHECK(burst("222222222222", "us-east-1", t0) == 40);
  CHECK(burst("111111111111", "eu-west-1", t0) == 40);
  CHECK(burst("111111111111", "us-east-1", t0 + std::chrono::milliseconds(500)) == 50);

  CHECK(scale_limit(BucketLimit{5, 50}, 10) == BucketLimit{10, 100});
  CHECK(scale_limit(BucketLimit{0, 1}, 3) == BucketLimit{3, 3});
  CHECK(scale_limit(BucketLimit{100, 1}, 10).burst == 1);
  applied.clear();
  CHECK_FALSE(applied.find("111111111111", "us-east-1", "ssm", "ParameterReads"));
}

}  // namespace
}  // namespace chokepoint
