// Quota utilization reports measured from the rate buckets, through the real dispatcher on a manual clock.
#include <catch2/catch.hpp>

#include "in_process_server.hpp"

namespace chokepoint {
namespace {

using nlohmann::json;
using testing::InProcessServer;

HttpResponse report_call(InProcessServer& server, const std::string& op, const json& body) {
  return server.send(testing::json_request("ServiceQuotasV20190624." + op, body, "application/x-amz-json-1.1"));
}

json report_ok(InProcessServer& server, const std::string& op, const json& body) {
  const HttpResponse r = report_call(server, op, body);
  INFO(op << " -> " << r.body);
  REQUIRE(r.status == 200);
  return json::parse(r.body);
}

TEST_CASE("utilization report: the quota a throttled burst used most comes first", "[servicequotas]") {
  InProcessServer server;
  const json put = {{"Name", "/report/flag"}, {"Value", "on"}, {"Type", "String"}};
  REQUIRE(server.send(testing::ssm_request("PutParameter", put)).status == 200);
  for (int i = 0; i < 50; ++i) server.send(testing::ssm_request("GetParameter", {{"Name", "/report/flag"}}));

  const json started = report_ok(server, "StartQuotaUtilizationReport", json::object());
  CHECK(started["Status"] == "PENDING");
  const std::string id = started["ReportId"];
  CHECK(report_ok(server, "GetQuotaUtilizationReport", {{"ReportId", id}})["Status"] == "PENDING");
  server.scheduler().run_due();
  const json report = report_ok(server, "GetQuotaUtilizationReport", {{"ReportId", id}});
  REQUIRE(report["Status"] == "COMPLETED");
  const json& first = report["Quotas"][0];
  CHECK(first["ServiceCode"] == "ssm");
  CHECK(first["QuotaCode"] == "CP-ParameterReads");
  CHECK(first["Utilization"] == 100.0);
  CHECK(first["AppliedValue"] == 40.0);
  // PutParameter's bucket (burst 10) gave one token, Service Quotas' own (burst 20) one for the Start call; every
  // other quota is unused.
  CHECK(report["Quotas"][1]["QuotaCode"] == "CP-PutParameter");
  CHECK(report["Quotas"][1]["Utilization"].get<double>() == Approx(10));
  CHECK(report["Quotas"][2]["ServiceCode"] == "servicequotas");
  CHECK(report["Quotas"][2]["Utilization"].get<double>() == Approx(5));
  CHECK(report["Quotas"][3]["Utilization"] == 0.0);
  CHECK(report["TotalCount"] == report["Quotas"].size());

  const json page = report_ok(server, "GetQuotaUtilizationReport", {{"ReportId", id}, {"MaxResults", 2}});
  CHECK(page["Quotas"].size() == 2);
  CHECK(page.contains("NextToken"));
  CHECK(report_call(server, "GetQuotaUtilizationReport", {{"ReportId", id}, {"MaxResults", 1001}}).status == 400);

  server.scheduler().advance(std::chrono::minutes(16));
  const HttpResponse expired = report_call(server, "GetQuotaUtilizationReport", {{"ReportId", id}});
  CHECK(expired.status == 400);
  CHECK(json::parse(expired.body)["__type"] == "NoSuchResourceException");
}

}  // namespace
}  // namespace chokepoint
