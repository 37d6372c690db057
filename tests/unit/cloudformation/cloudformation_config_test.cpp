#include <catch2/catch.hpp>

#include "config/config_loader.hpp"
#include "config_loading.hpp"

using namespace chokepoint;

TEST_CASE("config: the cloudformation section has CloudFormation-like defaults", "[cloudformation][config]") {
  const LoadResult result = load_default_config();
  REQUIRE(result.ok());
  const CloudFormationSettings& s = result.config->cloudformation;
  CHECK(s.max_concurrent_resources == 0);
  CHECK(s.throttle_retries == 4);
  CHECK(s.retry_base_delay_ms == 1000);
  CHECK(s.retry_max_delay_ms == 8000);
  CHECK(s.operation_delay_ms.empty());
  CHECK(s.allow_file_template_urls);
  CHECK(s.stack_limit == 2000);
}

TEST_CASE("config: the cloudformation section is laid over the defaults", "[cloudformation][config]") {
  const LoadResult result = load_config_text(R"(
cloudformation:
  max_concurrent_resources: 3
  downstream_throttling: {retries: 0, base_delay_ms: 50}
  operation_delay_ms: {"AWS::DynamoDB::Table": 2000, "*": 10}
  template_url_files: false
  account_limits: {stack_limit: 10}
)",
                                             "user.yaml");
  REQUIRE(result.ok());
  const CloudFormationSettings& s = result.config->cloudformation;
  CHECK(s.max_concurrent_resources == 3);
  CHECK(s.throttle_retries == 0);
  CHECK(s.retry_base_delay_ms == 50);
  CHECK(s.retry_max_delay_ms == 8000);  // kept from the defaults
  CHECK(s.operation_delay_ms == std::map<std::string, long long>{{"AWS::DynamoDB::Table", 2000}, {"*", 10}});
  CHECK_FALSE(s.allow_file_template_urls);
  CHECK(s.stack_limit == 10);
  CHECK(s.stack_outputs_limit == 200);
}

TEST_CASE("config: mistakes in the cloudformation section are reported with their place", "[cloudformation][config]") {
  const LoadResult result = load_config_text(
      "cloudformation:\n  downstream_throttling: {retries: -1, base_delay: 5}\n  poll_interval_ms: 0\n"
      "  operation_delay_ms: {x: slow}\n",
      "user.yaml");
  REQUIRE_FALSE(result.ok());
  const std::string all = test::errors_text(result);
  CHECK(all.find("user.yaml:2:") != std::string::npos);
  CHECK(all.find("cloudformation.downstream_throttling.retries") != std::string::npos);
  CHECK(all.find("base_delay") != std::string::npos);
  CHECK(all.find("cloudformation.poll_interval_ms") != std::string::npos);
  CHECK(all.find("expected a number") != std::string::npos);
}
