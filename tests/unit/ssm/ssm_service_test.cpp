#include <catch2/catch.hpp>

#include "ssm/ssm_fixture.hpp"
#include "throttle/limit_resolver.hpp"

using namespace chokepoint;
using chokepoint::test::SsmFixture;
using json = nlohmann::json;

namespace {
constexpr const char* kHighThroughput = "/ssm/parameter-store/high-throughput-enabled";
}

TEST_CASE("ssm settings: high throughput switches the rate variant at once, reset goes back", "[ssm]") {
  SsmFixture f;
  f.call("GetParameter", {{"Name", "/x"}});
  CHECK(f.last_variant.empty());
  const json before = f.ok("GetServiceSetting", {{"SettingId", kHighThroughput}})["ServiceSetting"];
  CHECK(before["SettingValue"] == "false");
  CHECK(before["Status"] == "Default");
  CHECK(before["ARN"] ==
        "arn:aws:ssm:us-east-1:123456789012:servicesetting/ssm/parameter-store/high-throughput-enabled");
  f.ok("UpdateServiceSetting", {{"SettingId", kHighThroughput}, {"SettingValue", "True"}});
  f.call("GetParameter", {{"Name", "/x"}});
  CHECK(f.last_variant == "high_throughput");
  const json after =
      f.ok("GetServiceSetting",
           {{"SettingId", "arn:aws:ssm:us-east-1:123456789012:servicesetting" + std::string(kHighThroughput)}});
  CHECK(after["ServiceSetting"]["SettingValue"] == "true");
  CHECK(after["ServiceSetting"]["Status"] == "Customized");
  // Other accounts and regions keep the standard limits.
  f.call("GetParameter", {{"Name", "/x"}}, "123456789012", "eu-west-1");
  CHECK(f.last_variant.empty());
  const json reset = f.ok("ResetServiceSetting", {{"SettingId", kHighThroughput}})["ServiceSetting"];
  CHECK(reset["SettingValue"] == "false");
  f.call("GetParameter", {{"Name", "/x"}});
  CHECK(f.last_variant.empty());
  // The variant selects the high-throughput groups of the default config.
  const auto bucket = resolve_api_bucket(*f.config, "ssm", "GetParameter", "high_throughput", "1", "r");
  CHECK(bucket.name == "HighThroughputParameterReads");
  CHECK(bucket.limit.rate_per_sec == 3000);
}

TEST_CASE("ssm settings: unknown ids and values", "[ssm]") {
  SsmFixture f;
  const ApiError missing = f.err("GetServiceSetting", {{"SettingId", "/ssm/nope"}});
  CHECK(missing.code == "ServiceSettingNotFound");
  CHECK(missing.message_key == "Message");
  CHECK(f.err("UpdateServiceSetting", {{"SettingId", kHighThroughput}, {"SettingValue", "maybe"}}).code ==
        "ValidationException");
  CHECK(f.err("UpdateServiceSetting", {{"SettingId", kHighThroughput}}).code == "ValidationException");
  CHECK(f.ok("GetServiceSetting", {{"SettingId", kHighThroughput}})["ServiceSetting"]["SettingValue"] == "false");
}

TEST_CASE("ssm service: resource names, reset and per-account state", "[ssm]") {
  SsmFixture f;
  ApiRequest r;
  r.operation = "GetParameter";
  r.params = {{"Name", "/a/b"}};
  CHECK(f.service.resource_of(r) == "/a/b");
  r.operation = "GetParameters";
  r.params = {{"Names", {"/n1", "/n2"}}};
  CHECK(f.service.resource_of(r) == "/n1");
  r.operation = "GetParametersByPath";
  r.params = {{"Path", "/p"}};
  CHECK(f.service.resource_of(r) == "/p");
  // An operation without a resource names none, whatever its parameters.
  r.operation = "DescribeParameters";
  CHECK(f.service.resource_of(r).empty());
  f.put("/mine", "1");
  CHECK(f.err("GetParameter", {{"Name", "/mine"}}, "210987654321").code == "ParameterNotFound");
  f.service.reset();
  CHECK(f.err("GetParameter", {{"Name", "/mine"}}).code == "ParameterNotFound");
}

TEST_CASE("ssm seeds: created on first use of their account-region and again after a reset", "[ssm]") {
  SsmFixture f(R"(
ssm:
  parameters:
    - {name: /seed/a, value: one, account: "123456789012"}
    - {name: /seed/s, value: pw, type: SecureString, account: "123456789012", tags: {team: blue}}
    - {name: /seed/eu, value: x, account: "123456789012", region: eu-west-1}
    - {name: /seed/default, value: d}
)");
  const json a = f.ok("GetParameter", {{"Name", "/seed/a"}})["Parameter"];
  CHECK(a["Value"] == "one");
  CHECK(a["Version"] == 1);
  CHECK(f.ok("GetParameter", {{"Name", "/seed/s"}, {"WithDecryption", true}})["Parameter"]["Value"] == "pw");
  CHECK(f.ok("ListTagsForResource", {{"ResourceType", "Parameter"}, {"ResourceId", "/seed/s"}})["TagList"].size() == 1);
  CHECK(f.err("GetParameter", {{"Name", "/seed/eu"}}).code == "ParameterNotFound");
  CHECK(f.call("GetParameter", {{"Name", "/seed/eu"}}, "123456789012", "eu-west-1").index() == 0);
  CHECK(f.ok("GetParameter", {{"Name", "/seed/default"}}, "000000000000")["Parameter"]["Value"] == "d");
  f.ok("DeleteParameter", {{"Name", "/seed/a"}});
  f.service.reset();
  CHECK(f.ok("GetParameter", {{"Name", "/seed/a"}})["Parameter"]["Value"] == "one");
}
