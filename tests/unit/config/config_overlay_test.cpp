#include <catch2/catch.hpp>

#include "config/config_json.hpp"
#include "config/config_loader.hpp"
#include "config/temp_config_file.hpp"
#include "config_loading.hpp"

namespace chokepoint {
namespace {

std::shared_ptr<const Config> load_ok(const std::string& text) { return test::config_that_loads(text, "user.yaml"); }

std::shared_ptr<const Config> defaults() {
  LoadResult result = load_default_config();
  REQUIRE(result.ok());
  return result.config;
}

TEST_CASE("config: overlay replaces present keys and keeps absent ones", "[config]") {
  auto base = defaults();
  auto c = load_ok("server:\n  threads: 4\n  listen: \"[::1]:0\"\nauth:\n  require_signature: true\n");
  CHECK(c->server.threads == 4);
  CHECK(c->server.listen_host == "::1");
  CHECK(c->server.listen_port == 0);
  CHECK(c->server.log_level == base->server.log_level);
  CHECK(c->server.max_connections == base->server.max_connections);
  CHECK(c->auth.require_signature);
  CHECK(c->auth.allow_unsigned == base->auth.allow_unsigned);
  CHECK(c->auth.max_clock_skew_seconds == 900);
  CHECK(c->regions.size() == base->regions.size());
}

TEST_CASE("config: an empty user file yields exactly the defaults", "[config]") {
  CHECK(config_to_json(*load_ok("")) == config_to_json(*defaults()));
}

TEST_CASE("config: account ids keep their leading zeros, quoted or not", "[config]") {
  auto c = load_ok("identity:\n  default_account: 012345678901\n");
  CHECK(c->default_account == "012345678901");
  c = load_ok("identity:\n  default_account: \"000000000042\"\n");
  CHECK(c->default_account == "000000000042");
}

TEST_CASE("config: lists are replaced whole", "[config]") {
  auto c = load_ok(
      "identity:\n  default_region: eu-west-1\n"
      "regions:\n  - name: eu-west-1\n    zones: [eu-west-1a]\n  - name: local-1\n"
      "accounts:\n  - {access_key: AKIDALICE, secret_key: s, account: \"111111111111\", user: alice}\n");
  REQUIRE(c->regions.size() == 2);
  CHECK(c->regions[0].zones == std::vector<std::string>{"eu-west-1a"});
  CHECK(c->regions[1].name == "local-1");
  CHECK(c->regions[1].zones.empty());
  CHECK(c->default_region == "eu-west-1");
  REQUIRE(c->find_account("AKIDALICE"));
  CHECK(c->find_account("AKIDALICE")->account_id == "111111111111");
  CHECK(c->find_account("AKIDALICE")->user_name == "alice");
}

TEST_CASE("config: throttling overlays each service's default, groups and resources separately", "[config]") {
  auto base = defaults();
  auto c = load_ok(
      "throttling:\n"
      "  ssm:\n"
      "    groups:\n"
      "      - {name: Reads, shared: true, rate: 5, burst: 5, operations: [\"Get*\"]}\n"
      "  ec2:\n"
      "    default: {rate: 7}\n"
      "    resources:\n"
      "      RunInstances: {rate: 1, burst: 10}\n");
  const auto& ssm = c->throttling.at("ssm");
  REQUIRE(ssm.groups.size() == 1);
  CHECK(ssm.groups[0].name == "Reads");
  CHECK(ssm.groups[0].shared);
  CHECK(ssm.default_limit == base->throttling.at("ssm").default_limit);

  const auto& ec2 = c->throttling.at("ec2");
  CHECK(ec2.default_limit == BucketLimit{7, 50});  // burst kept from the defaults
  CHECK(ec2.groups.size() == base->throttling.at("ec2").groups.size());
  REQUIRE(ec2.resources.size() == 1);  // the map is replaced, not merged
  CHECK(ec2.resources.at("RunInstances") == BucketLimit{1, 10});

  CHECK(config_to_json(*c)["throttling"]["dynamodb"] == config_to_json(*base)["throttling"]["dynamodb"]);
}

TEST_CASE("config: an unlimited group needs no bucket size", "[config]") {
  auto c = load_ok(
      "throttling:\n  sts:\n    groups:\n      - {name: Free, unlimited: true, operations: [GetCallerIdentity]}\n");
  REQUIRE(c->throttling.at("sts").groups.size() == 1);
  CHECK(c->throttling.at("sts").groups[0].unlimited);
}

TEST_CASE("config: limits entries are kept in order with optional fields", "[config]") {
  auto c = load_ok(
      "limits:\n"
      "  - match: {service: ssm, account: \"111111111111\", region: eu-west-1}\n"
      "    buckets:\n"
      "      GetParameter: {rate: 5, burst: 5}\n"
      "  - buckets:\n"
      "      RunInstances: {enabled: false}\n");
  REQUIRE(c->limits.size() == 2);
  const LimitOverride& first = c->limits[0];
  CHECK(first.service == "ssm");
  CHECK(first.account == "111111111111");
  CHECK(first.region == "eu-west-1");
  const LimitOverrideSpec& spec = first.buckets.at("GetParameter");
  CHECK(spec.rate_per_sec == 5.0);
  CHECK(spec.burst == 5.0);
  CHECK_FALSE(spec.enabled.has_value());
  const LimitOverride& second = c->limits[1];
  CHECK_FALSE(second.service.has_value());
  CHECK_FALSE(second.account.has_value());
  CHECK(second.buckets.at("RunInstances").enabled == false);
  CHECK_FALSE(second.buckets.at("RunInstances").rate_per_sec.has_value());
}

TEST_CASE("config: a user file is read from disk and named in errors", "[config]") {
  testing::TempConfigFile file("overlay");
  file.write("server:\n  threads: 3\n");
  LoadResult result = load_config_file(file.path());
  REQUIRE(result.ok());
  CHECK(result.config->server.threads == 3);
  CHECK(result.config->source_file == file.path());

  file.write("server:\n  threads: -3\n");
  result = load_config_file(file.path());
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].format() == file.path() + ":2:12: server.threads: must be >= 0");
}

}  // namespace
}  // namespace chokepoint
