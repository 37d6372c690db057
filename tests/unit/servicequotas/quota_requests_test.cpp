// The increase request's life on a manual clock, through the real dispatcher: PENDING, CASE_OPENED on the
// scheduler's next turn, APPROVED or DENIED after the configured delay, and the approved value sizing the account's
// bucket from then on.
#include <catch2/catch.hpp>

#include "config_loading.hpp"
#include "in_process_server.hpp"

namespace chokepoint {
namespace {

using nlohmann::json;
using testing::InProcessServer;
using testing::json_request;
using testing::ssm_request;

constexpr const char* kReadsQuota = "CP-ParameterReads";

HttpRequest quotas_request(const std::string& op, const json& body) {
  return json_request("ServiceQuotasV20190624." + op, body, "application/x-amz-json-1.1");
}

json quotas_ok(InProcessServer& server, const std::string& op, const json& body) {
  const HttpResponse r = server.send(quotas_request(op, body));
  INFO(op << " " << body.dump() << " -> " << r.body);
  REQUIRE(r.status == 200);
  return json::parse(r.body);
}

std::string quotas_error_code(InProcessServer& server, const std::string& op, const json& body) {
  const HttpResponse r = server.send(quotas_request(op, body));
  INFO(op << " " << body.dump() << " -> " << r.body);
  REQUIRE(r.status == 400);
  return json::parse(r.body)["__type"].get<std::string>();
}

json open_increase(InProcessServer& server, double value, const json& extra = json::object()) {
  json body = {{"ServiceCode", "ssm"}, {"QuotaCode", kReadsQuota}, {"DesiredValue", value}};
  body.update(extra);
  return quotas_ok(server, "RequestServiceQuotaIncrease", body)["RequestedQuota"];
}

std::string request_status(InProcessServer& server, const std::string& id) {
  return quotas_ok(server, "GetRequestedServiceQuotaChange", {{"RequestId", id}})["RequestedQuota"]["Status"];
}

double reads_value(InProcessServer& server, const std::string& op = "GetServiceQuota") {
  return quotas_ok(server, op, {{"ServiceCode", "ssm"}, {"QuotaCode", kReadsQuota}})["Quota"]["Value"];
}

int admitted_reads(InProcessServer& server, int count) {
  int admitted = 0;
  for (int i = 0; i < count; ++i) {
    const HttpResponse r = server.send(ssm_request("GetParameter", {{"Name", "/quota/flag"}}));
    if (r.status == 200) ++admitted;
    if (r.status != 200) REQUIRE(r.body.find("ThrottlingException") != std::string::npos);
  }
  return admitted;
}

void put_flag(InProcessServer& server) {
  const json put = {{"Name", "/quota/flag"}, {"Value", "on"}, {"Type", "String"}};
  REQUIRE(server.send(ssm_request("PutParameter", put)).status == 200);
}

TEST_CASE("service quotas: an increase is approved after the delay and sizes the bucket", "[servicequotas]") {
  InProcessServer server;  // manual clock, built-in defaults: 5 s to a decision
  put_flag(server);
  CHECK(reads_value(server) == 40);
  CHECK(admitted_reads(server, 60) == 40);

  const json opened = open_increase(server, 100);
  CHECK(opened["Status"] == "PENDING");
  CHECK_FALSE(opened.contains("CaseId"));
  const std::string id = opened["Id"];
  server.scheduler().run_due();
  const json step = quotas_ok(server, "GetRequestedServiceQuotaChange", {{"RequestId", id}})["RequestedQuota"];
  CHECK(step["Status"] == "CASE_OPENED");
  CHECK(step.contains("CaseId"));
  server.scheduler().advance(std::chrono::milliseconds(4999));
  CHECK(request_status(server, id) == "CASE_OPENED");
  CHECK(reads_value(server) == 40);
  server.scheduler().advance(std::chrono::milliseconds(1));
  const json approved = quotas_ok(server, "GetRequestedServiceQuotaChange", {{"RequestId", id}})["RequestedQuota"];
  CHECK(approved["Status"] == "APPROVED");
  CHECK(approved["LastUpdated"].get<double>() - approved["Created"].get<double>() == Approx(5));
  CHECK(reads_value(server) == 100);
  CHECK(reads_value(server, "GetAWSDefaultServiceQuota") == 40);

  // The approval resized the bucket at once: full at 40 before, so full at 100 now; the first burst has the new
  // size. Then each second refills the new rate.
  CHECK(admitted_reads(server, 200) == 100);
  server.scheduler().advance(std::chrono::seconds(1));
  CHECK(admitted_reads(server, 200) == 100);
  server.scheduler().advance(std::chrono::seconds(10));
  CHECK(admitted_reads(server, 200) == 100);
}

TEST_CASE("service quotas: an approval resizes a half-used bucket, keeping what was used", "[servicequotas]") {
  InProcessServer server;
  put_flag(server);
  const std::string id = open_increase(server, 100)["Id"];
  server.scheduler().advance(std::chrono::milliseconds(4999));
  REQUIRE(admitted_reads(server, 10) == 10);  // 30 of 40 left
  server.scheduler().advance(std::chrono::milliseconds(1));
  REQUIRE(request_status(server, id) == "APPROVED");
  CHECK(admitted_reads(server, 200) == 90);  // 10 used of 100 (plus what 1 ms refilled, under one token)
}

TEST_CASE("service quotas: with scale_burst off an approval raises the rate, not the burst", "[servicequotas]") {
  InProcessServer server(test::config_that_loads("service_quotas: {scale_burst: false}\n"));
  put_flag(server);
  const std::string id = open_increase(server, 100)["Id"];
  server.scheduler().advance(std::chrono::seconds(5));
  REQUIRE(request_status(server, id) == "APPROVED");
  CHECK(admitted_reads(server, 200) == 40);
  server.scheduler().advance(std::chrono::milliseconds(200));  // 100/s refills 20 in 200 ms
  CHECK(admitted_reads(server, 200) == 20);
}

TEST_CASE("service quotas: a count quota at 0 can be raised, and is judged by its value after", "[servicequotas]") {
  InProcessServer server;
  const json gpu = {{"ServiceCode", "ec2"}, {"QuotaCode", "L-DB2E81BA"}};
  json body = gpu;
  body["DesiredValue"] = 64;
  const std::string first = quotas_ok(server, "RequestServiceQuotaIncrease", body)["RequestedQuota"]["Id"];
  server.scheduler().advance(std::chrono::seconds(5));
  CHECK(request_status(server, first) == "APPROVED");
  CHECK(quotas_ok(server, "GetServiceQuota", gpu)["Quota"]["Value"] == 64);
  CHECK(quotas_ok(server, "GetAWSDefaultServiceQuota", gpu)["Quota"]["Value"] == 0);
  body["DesiredValue"] = 641;  // above 10 x the current 64
  const std::string second = quotas_ok(server, "RequestServiceQuotaIncrease", body)["RequestedQuota"]["Id"];
  server.scheduler().advance(std::chrono::seconds(5));
  CHECK(request_status(server, second) == "DENIED");
}

TEST_CASE("service quotas: one open request per quota, denials and refusals", "[servicequotas]") {
  InProcessServer server;
  const std::string first = open_increase(server, 80)["Id"];
  CHECK(quotas_error_code(server, "RequestServiceQuotaIncrease",
                          {{"ServiceCode", "ssm"}, {"QuotaCode", kReadsQuota}, {"DesiredValue", 90}}) ==
        "ResourceAlreadyExistsException");
  server.scheduler().advance(std::chrono::seconds(5));
  CHECK(request_status(server, first) == "APPROVED");
  // At or below the current value (80 now) is refused; a new request is allowed once the first is decided.
  CHECK(quotas_error_code(server, "RequestServiceQuotaIncrease",
                          {{"ServiceCode", "ssm"}, {"QuotaCode", kReadsQuota}, {"DesiredValue", 80}}) ==
        "IllegalArgumentException");
  const std::string denied = open_increase(server, 401)["Id"];  // above 10 x the default 40
  server.scheduler().advance(std::chrono::seconds(5));
  CHECK(request_status(server, denied) == "DENIED");
  CHECK(reads_value(server) == 80);

  const std::string no_case = open_increase(server, 1000, {{"SupportCaseAllowed", false}})["Id"];
  server.scheduler().run_due();
  CHECK(request_status(server, no_case) == "PENDING");
  server.scheduler().advance(std::chrono::seconds(5));
  CHECK(request_status(server, no_case) == "NOT_APPROVED");

  const json history = quotas_ok(server, "ListRequestedServiceQuotaChangeHistory", {{"ServiceCode", "ssm"}});
  REQUIRE(history["RequestedQuotas"].size() == 3);
  CHECK(history["RequestedQuotas"][0]["Id"] == no_case);  // newest first
  const json approved = quotas_ok(server, "ListRequestedServiceQuotaChangeHistoryByQuota",
                                  {{"ServiceCode", "ssm"}, {"QuotaCode", kReadsQuota}, {"Status", "APPROVED"}});
  REQUIRE(approved["RequestedQuotas"].size() == 1);
  CHECK(approved["RequestedQuotas"][0]["Id"] == first);

  CHECK(quotas_error_code(server, "GetServiceQuota", {{"ServiceCode", "ssm"}, {"QuotaCode", "L-0000"}}) ==
        "NoSuchResourceException");
  CHECK(quotas_error_code(server, "ListServiceQuotas", {{"ServiceCode", "sqs"}}) == "NoSuchResourceException");
  CHECK(quotas_error_code(server, "GetRequestedServiceQuotaChange", {{"RequestId", "nope"}}) ==
        "NoSuchResourceException");
  CHECK(quotas_error_code(server, "RequestServiceQuotaIncrease",
                          {{"ServiceCode", "ssm"}, {"QuotaCode", kReadsQuota}}) == "ValidationException");
  CHECK(quotas_error_code(server, "RequestServiceQuotaIncrease",
                          {{"ServiceCode", "ssm"}, {"QuotaCode", kReadsQuota}, {"DesiredValue", -1}}) ==
        "ValidationException");
  CHECK(quotas_error_code(server, "ListServices", {{"MaxResults", 101}}) == "ValidationException");
  CHECK(quotas_error_code(server, "ListServiceQuotas", {{"ServiceCode", "-ssm"}}) == "ValidationException");
  CHECK(quotas_error_code(server, "ListRequestedServiceQuotaChangeHistory", {{"Status", "OPEN"}}) ==
        "ValidationException");
  CHECK(quotas_error_code(server, "ListServices", {{"NextToken", "!!"}}) == "InvalidPaginationTokenException");
  CHECK(quotas_ok(server, "ListRequestedServiceQuotaChangeHistory", json::object())["RequestedQuotas"].size() == 3);
}

TEST_CASE("service quotas: reset forgets requests and applied values; steps under way find nothing",
          "[servicequotas]") {
  InProcessServer server;
  open_increase(server, 100);
  server.scheduler().advance(std::chrono::seconds(5));
  CHECK(reads_value(server) == 100);
  open_increase(server, 200);
  server.reset();
  server.scheduler().advance(std::chrono::seconds(5));
  CHECK(reads_value(server) == 40);
  CHECK(quotas_ok(server, "ListRequestedServiceQuotaChangeHistory", json::object())["RequestedQuotas"].empty());
}

TEST_CASE("service quotas: lists page through every service and quota", "[servicequotas]") {
  InProcessServer server;
  const json services = quotas_ok(server, "ListServices", json::object())["Services"];
  std::vector<std::string> codes;
  for (const json& s : services) codes.push_back(s["ServiceCode"]);
  CHECK(codes == std::vector<std::string>{"application-autoscaling", "cloudformation", "dynamodb", "ec2", "kms",
                                          "lambda", "logs", "monitoring", "s3", "secretsmanager", "servicequotas",
                                          "sns", "ssm", "streams.dynamodb", "sts"});
  std::vector<std::string> paged;
  json body = {{"ServiceCode", "ec2"}, {"MaxResults", 7}};
  for (int page = 0; page < 100; ++page) {
    const json out = quotas_ok(server, "ListAWSDefaultServiceQuotas", body);
    CHECK(out["Quotas"].size() <= 7);
    for (const json& q : out["Quotas"]) paged.push_back(q["QuotaCode"]);
    if (!out.contains("NextToken")) break;
    body["NextToken"] = out["NextToken"];
  }
  const json whole = quotas_ok(server, "ListServiceQuotas", {{"ServiceCode", "ec2"}})["Quotas"];
  REQUIRE(paged.size() == whole.size());
  for (std::size_t i = 0; i < paged.size(); ++i) CHECK(paged[i] == whole[i]["QuotaCode"]);
  CHECK(quotas_ok(server, "ListServiceQuotas", {{"ServiceCode", "ec2"}, {"QuotaAppliedAtLevel", "RESOURCE"}})["Quotas"]
            .empty());
  const json one = quotas_ok(server, "ListServiceQuotas", {{"ServiceCode", "ec2"}, {"QuotaCode", "CP-RunInstances"}});
  REQUIRE(one["Quotas"].size() == 1);
  CHECK(one["Quotas"][0]["Value"] == 2);
}

}  // namespace
}  // namespace chokepoint
