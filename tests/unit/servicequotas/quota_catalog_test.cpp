// The quotas derived from the configuration's throttling sections, and applied values sizing rate buckets.
#include <catch2/catch.hpp>

#include "config/count_quotas.hpp"
#include "config_loading.hpp"
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

TEST_CASE("quota catalog: count quotas under AWS's codes, read from the settings they enforce", "[servicequotas]") {
  const auto config = test::config_that_loads(
      "ec2: {max_elastic_ips: 7}\n"
      "dynamodb: {capacity: {quotas: {max_tables: 30, table_max_read_units: 1000}}}\n"
      "ssm: {max_standard_parameters: 50}\n"
      "cloudformation: {account_limits: {stack_limit: 12}}\n");
  const auto value_of = [&](const char* service, const char* code) {
    const auto q = find_quota_definition(*config, service, code);
    REQUIRE(q);
    CHECK_FALSE(q->rate);
    CHECK(q->quota_key == std::string("limit:") + code);
    return q->default_value();
  };
  CHECK(value_of("ec2", "L-1216C47A") == 80000);
  CHECK(value_of("ec2", "L-DB2E81BA") == 0);
  CHECK(value_of("ec2", "L-0263D0A3") == 7);
  CHECK(value_of("dynamodb", "L-F98FE922") == 30);
  CHECK(value_of("dynamodb", "L-CF0CBE56") == 1000);
  CHECK(value_of("dynamodb", "L-AB614373") == 40000);
  CHECK(value_of("dynamodb", "L-34F6A552") == 80000);
  CHECK(value_of("dynamodb", "L-34F8CCC8") == 80000);
  CHECK(value_of("ssm", "CP-StandardParameters") == 50);
  CHECK(value_of("ssm", "CP-AdvancedParameters") == 100000);
  CHECK(value_of("cloudformation", "L-0485CB21") == 12);
  CHECK(find_quota_definition(*config, "ec2", "L-1216C47A")->quota_name ==
        "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances");
  // Rates come first, counts after them.
  CHECK(service_quota_definitions(*config, "dynamodb").front().rate);
  CHECK_FALSE(service_quota_definitions(*config, "dynamodb").back().rate);
}

TEST_CASE("count quotas: an approved value, else a pre-applied one, else the setting", "[servicequotas][throttle]") {
  const auto config = test::config_that_loads(
      "service_quotas: {applied: [{account: \"111111111111\", service: ec2, quota_code: L-1216C47A, value: 32}]}\n");
  InMemoryBucketStore store;
  AppliedQuotas applied;
  const RateLimiter limiter(store, &applied);
  const std::string key = count_quota_key("L-1216C47A");
  CHECK(limiter.quota_value(*config, "111111111111", "us-east-1", "ec2", key, 80000) == 32);
  CHECK(limiter.quota_value(*config, "222222222222", "us-east-1", "ec2", key, 80000) == 80000);
  applied.set({"111111111111", "us-east-1", "ec2", key, 40});
  CHECK(limiter.quota_value(*config, "111111111111", "us-east-1", "ec2", key, 80000) == 40);
  CHECK(limiter.quota_value(*config, "111111111111", "eu-west-1", "ec2", key, 80000) == 32);
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
