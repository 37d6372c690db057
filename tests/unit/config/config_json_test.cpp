#include <catch2/catch.hpp>

#include "config/config_json.hpp"
#include "config/config_loader.hpp"
#include "config_loading.hpp"

namespace chokepoint {
namespace {

TEST_CASE("config: config_to_json never outputs secret keys", "[config]") {
  LoadResult result = load_config_text(
      "accounts:\n"
      "  - {access_key: AKIDALICE, secret_key: \"wJalrXUtnFEMI/K7MDENG\", account: \"111111111111\"}\n"
      "  - {access_key: AKIDBOB, account: \"222222222222\", user: bob}\n",
      "user.yaml");
  REQUIRE(result.ok());
  nlohmann::json j = config_to_json(*result.config);
  std::string text = j.dump();
  CHECK(text.find("wJalrXUtnFEMI") == std::string::npos);
  REQUIRE(j["accounts"].size() == 2);
  CHECK(j["accounts"][0]["secret_key"] == "***");
  CHECK(j["accounts"][0]["access_key"] == "AKIDALICE");
  CHECK(j["accounts"][0]["account"] == "111111111111");
  CHECK_FALSE(j["accounts"][1].contains("secret_key"));  // no secret set, nothing to hide
  CHECK(j["accounts"][1]["user"] == "bob");
}

TEST_CASE("config: config_to_json has the YAML schema's shape and reads back", "[config]") {
  LoadResult result = load_config_text(
      "server: {listen: \"[::1]:5000\"}\n"
      "limits:\n  - {match: {service: ec2}, buckets: {RunInstances: {rate: 0.5, enabled: true}}}\n",
      "user.yaml");
  REQUIRE(result.ok());
  nlohmann::json j = config_to_json(*result.config);
  CHECK(j["server"]["listen"] == "[::1]:5000");
  CHECK(j["identity"]["default_account"] == "000000000000");
  CHECK(j["throttling"]["ssm"]["groups"].is_array());
  CHECK(j["throttling"]["ec2"]["resources"]["RunInstances"]["burst"] == 1000);
  CHECK(j["limits"][0]["buckets"]["RunInstances"] == nlohmann::json{{"rate", 0.5}, {"enabled", true}});

  // JSON is YAML: the output loads as a config file and gives the same config.
  CHECK(config_to_json(*test::config_that_loads(j.dump(), "roundtrip.json")) == j);
}

}  // namespace
}  // namespace chokepoint
