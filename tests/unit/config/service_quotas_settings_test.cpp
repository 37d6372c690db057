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
