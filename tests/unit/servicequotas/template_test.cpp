// Quota request templates answer as for an account outside an organization (after the model's input checks), and
// CreateSupportCase opens the case of a request made without one.
#include <catch2/catch.hpp>

#include "in_process_server.hpp"

namespace chokepoint {
namespace {

using nlohmann::json;
using testing::InProcessServer;

HttpResponse template_call(InProcessServer& server, const std::string& op, const json& body) {
  return server.send(testing::json_request("ServiceQuotasV20190624." + op, body, "application/x-amz-json-1.1"));
}

std::string template_error(InProcessServer& server, const std::string& op, const json& body) {
  const HttpResponse r = template_call(server, op, body);
  INFO(op << " -> " << r.body);
  REQUIRE(r.status == 400);
  return json::parse(r.body)["__type"];
}

json template_ok(InProcessServer& server, const std::string& op, const json& body) {
  const HttpResponse r = template_call(server, op, body);
  INFO(op << " -> " << r.body);
  REQUIRE(r.status == 200);
  return json::parse(r.body);
}

TEST_CASE("quota templates: every account is outside an organization", "[servicequotas]") {
  InProcessServer server;
  const json entry = {{"ServiceCode", "ssm"}, {"QuotaCode", "CP-ParameterReads"}, {"AwsRegion", "us-east-1"}};
  json put = entry;
  put["DesiredValue"] = 100;
  for (const auto& [op, body] :
       std::vector<std::pair<std::string, json>>{{"AssociateServiceQuotaTemplate", json::object()},
                                                 {"DisassociateServiceQuotaTemplate", json::object()},
                                                 {"GetAssociationForServiceQuotaTemplate", json::object()},
                                                 {"PutServiceQuotaIncreaseRequestIntoTemplate", put},
                                                 {"GetServiceQuotaIncreaseRequestFromTemplate", entry},
                                                 {"DeleteServiceQuotaIncreaseRequestFromTemplate", entry},
                                                 {"ListServiceQuotaIncreaseRequestsInTemplate", json::object()}}) {
    CHECK(template_error(server, op, body) == "NoAvailableOrganizationException");
  }
  CHECK(template_error(server, "PutServiceQuotaIncreaseRequestIntoTemplate", entry) == "ValidationException");
  CHECK(template_error(server, "GetServiceQuotaIncreaseRequestFromTemplate",
                       {{"ServiceCode", "ssm"}, {"QuotaCode", "CP-ParameterReads"}}) == "ValidationException");
  CHECK(template_error(server, "ListServiceQuotaIncreaseRequestsInTemplate", {{"AwsRegion", "us east"}}) ==
        "ValidationException");
}

TEST_CASE("CreateSupportCase: opens the case of a pending request, once", "[servicequotas]") {
  InProcessServer server;
  const json no_case = {{"ServiceCode", "ssm"},
                        {"QuotaCode", "CP-ParameterReads"},
                        {"DesiredValue", 1000},
                        {"SupportCaseAllowed", false}};
  const std::string id = template_ok(server, "RequestServiceQuotaIncrease", no_case)["RequestedQuota"]["Id"];
  CHECK(template_ok(server, "CreateSupportCase", {{"RequestId", id}}) == json::object());
  const json opened = template_ok(server, "GetRequestedServiceQuotaChange", {{"RequestId", id}})["RequestedQuota"];
  CHECK(opened["Status"] == "CASE_OPENED");
  CHECK(opened.contains("CaseId"));
  CHECK(template_error(server, "CreateSupportCase", {{"RequestId", id}}) == "ResourceAlreadyExistsException");
  server.scheduler().advance(std::chrono::seconds(5));
  // With a case, a request above the ceiling is DENIED rather than NOT_APPROVED.
  CHECK(template_ok(server, "GetRequestedServiceQuotaChange", {{"RequestId", id}})["RequestedQuota"]["Status"] ==
        "DENIED");
  CHECK(template_error(server, "CreateSupportCase", {{"RequestId", id}}) == "InvalidResourceStateException");
  CHECK(template_error(server, "CreateSupportCase", {{"RequestId", "nope"}}) == "NoSuchResourceException");
  CHECK(template_error(server, "CreateSupportCase", json::object()) == "ValidationException");
}

}  // namespace
}  // namespace chokepoint
