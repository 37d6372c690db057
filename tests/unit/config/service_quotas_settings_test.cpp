#include <catch2/catch.hpp>

#include "config_loading.hpp"
#include "in_process_server.hpp"

namespace chokepoint {
namespace {

using test::config_that_loads;
using test::errors_of;

TEST_CASE("service_quotas config: defaults, values and errors", "[config][servicequotas]") {
  const auto defaults = config_that_loads("");
  CHECK(defaults->service_quotas.approval_delay == std::chrono::seconds(5));
  CHECK(defaults->service_quotas.deny_above_factor == 10);
  const auto config = config_that_loads("service_quotas: {approval_delay_seconds: 0.25, deny_above_factor: 2}\n");
  CHECK(config->service_quotas.approval_delay == std::chrono::milliseconds(250));
  CHECK(config->service_quotas.deny_above_factor == 2);
  CHECK_THAT(errors_of("service_quotas: {approval_delay_seconds: -1}\n"),
             Catch::Contains("service_quotas.approval_delay_seconds"));
  CHECK_THAT(errors_of("service_quotas: {approval_delay_seconds: 1e12}\n"), Catch::Contains("at most"));
  CHECK_THAT(errors_of("service_quotas: {deny_above_factor: 0.5}\n"), Catch::Contains("deny_above_factor"));
  CHECK_THAT(errors_of("service_quotas: {delay: 1}\n"), Catch::Contains("service_quotas"));
}

TEST_CASE("service_quotas config: a zero delay decides on the scheduler's next turn", "[config][servicequotas]") {
  testing::InProcessServer server(config_that_loads("service_quotas: {approval_delay_seconds: 0}\n"));
  const auto request = [&](const std::string& op, const nlohmann::json& body) {
    const HttpResponse r =
        server.send(testing::json_request("ServiceQuotasV20190624." + op, body, "application/x-amz-json-1.1"));
    REQUIRE(r.status == 200);
    return nlohmann::json::parse(r.body);
  };
  const std::string id =
      request("RequestServiceQuotaIncrease",
              {{"ServiceCode", "sts"}, {"QuotaCode", "CP-default"}, {"DesiredValue", 60}})["RequestedQuota"]["Id"];
  server.scheduler().run_due();
  CHECK(request("GetRequestedServiceQuotaChange", {{"RequestId", id}})["RequestedQuota"]["Status"] == "APPROVED");
  CHECK(request("GetServiceQuota", {{"ServiceCode", "sts"}, {"QuotaCode", "CP-default"}})["Quota"]["Value"] == 60);
}

}  // namespace
}  // namespace chokepoint

namespace chokepoint {
namespace {

TEST_CASE("service_quotas config: pre-applied quotas are read by code and checked", "[config][servicequotas]") {
  const auto config = test::config_that_loads(
      "service_quotas:\n  applied:\n"
      "    - {account: '111111111111', service: ssm, quota_code: CP-ParameterReads, value: 100}\n"
      "    - {account: '111111111111', region: eu-west-1, service: ec2, quota_code: CP-resource-RunInstances, "
      "value: 4}\n");
  REQUIRE(config->service_quotas.applied.size() == 2);
  CHECK(config->service_quotas.applied[0].quota_key == "ParameterReads");
  CHECK(config->service_quotas.applied[1].quota_key == "resource:RunInstances");
  CHECK(config->service_quotas.find_applied("111111111111", "us-west-2", "ssm", "ParameterReads")->value == 100);
  CHECK_FALSE(config->service_quotas.find_applied("111111111111", "us-east-1", "ec2", "resource:RunInstances"));
  CHECK_FALSE(config->service_quotas.find_applied("222222222222", "us-east-1", "ssm", "ParameterReads"));

  const auto entry = [](const std::string& fields) { return "service_quotas:\n  applied:\n    - {" + fields + "}\n"; };
  CHECK_THAT(test::errors_of(entry("account: '1', service: ssm, quota_code: CP-default, value: 1")),
             Catch::Contains("12 digits"));
  CHECK_THAT(test::errors_of(entry("account: '111111111111', service: ssm, quota_code: CP-Nope, value: 1")),
             Catch::Contains("ssm has no quota CP-Nope"));
  CHECK_THAT(test::errors_of(entry("account: '111111111111', service: sqs, quota_code: CP-default, value: 1")),
             Catch::Contains("applied[0].service"));
  CHECK_THAT(test::errors_of(entry("account: '111111111111', region: mars-1, service: ssm, quota_code: CP-default, "
                                   "value: 1")),
             Catch::Contains("regions"));
  CHECK_THAT(test::errors_of(entry("account: '111111111111', service: ssm, quota_code: CP-default")),
             Catch::Contains("value"));
  // DynamoDB's data plane is unlimited: not a quota.
  CHECK_THAT(test::errors_of(entry("account: '111111111111', service: dynamodb, quota_code: CP-DataPlane, value: 1")),
             Catch::Contains("no quota"));
}

TEST_CASE("service_quotas config: a pre-applied quota sizes the account's bucket", "[config][servicequotas]") {
  testing::InProcessServer server(test::config_that_loads(
      "service_quotas:\n  applied:\n"
      "    - {account: '000000000000', service: ssm, quota_code: CP-ParameterReads, value: 100}\n"));
  const nlohmann::json put = {{"Name", "/pre/flag"}, {"Value", "on"}, {"Type", "String"}};
  REQUIRE(server.send(testing::ssm_request("PutParameter", put)).status == 200);
  int admitted = 0;
  for (int i = 0; i < 150; ++i) {
    if (server.send(testing::ssm_request("GetParameter", {{"Name", "/pre/flag"}})).status == 200) ++admitted;
  }
  CHECK(admitted == 100);
  const HttpResponse quota = server.send(testing::json_request(
      "ServiceQuotasV20190624.GetServiceQuota", {{"ServiceCode", "ssm"}, {"QuotaCode", "CP-ParameterReads"}},
      "application/x-amz-json-1.1"));
  CHECK(nlohmann::json::parse(quota.body)["Quota"]["Value"] == 100);
}

}  // namespace
}  // namespace chokepoint
