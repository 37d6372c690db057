// Durable mode: a snapshot of the increase requests and tags, restored into a fresh server, gives the same answers; the
// approved values size buckets again and a request still under way is decided when its time comes.
#include <catch2/catch.hpp>

#include "in_process_server.hpp"
#include "persistence/change_record.hpp"
#include "persistence/persistent_state.hpp"

namespace chokepoint {
namespace {

using nlohmann::json;
using testing::InProcessServer;

json quota_call(InProcessServer& server, const std::string& op, const json& body) {
  const HttpResponse r =
      server.send(testing::json_request("ServiceQuotasV20190624." + op, body, "application/x-amz-json-1.1"));
  INFO(op << " -> " << r.body);
  REQUIRE(r.status == 200);
  return json::parse(r.body);
}

PersistentState& quota_state(InProcessServer& server) {
  auto* state = dynamic_cast<PersistentState*>(server.runtime().services.find("servicequotas"));
  REQUIRE(state);
  return *state;
}

std::string quota_status(InProcessServer& server, const std::string& id) {
  return quota_call(server, "GetRequestedServiceQuotaChange", {{"RequestId", id}})["RequestedQuota"]["Status"];
}

TEST_CASE("service quotas: requests survive a snapshot and restore", "[servicequotas][persistence]") {
  InProcessServer before;
  const json reads = {{"ServiceCode", "ssm"}, {"QuotaCode", "CP-ParameterReads"}, {"DesiredValue", 100}};
  const std::string approved = quota_call(before, "RequestServiceQuotaIncrease", reads)["RequestedQuota"]["Id"];
  before.scheduler().advance(std::chrono::seconds(5));
  const json sts = {{"ServiceCode", "sts"}, {"QuotaCode", "CP-default"}, {"DesiredValue", 70}};
  const std::string open = quota_call(before, "RequestServiceQuotaIncrease", sts)["RequestedQuota"]["Id"];
  before.scheduler().run_due();
  const std::string arn = "arn:aws:servicequotas:us-east-1:000000000000:ssm/CP-ParameterReads";
  quota_call(before, "TagResource", {{"ResourceARN", arn}, {"Tags", {{{"Key", "team"}, {"Value", "a"}}}}});
  const json history = quota_call(before, "ListRequestedServiceQuotaChangeHistory", json::object());

  std::vector<std::string> records;
  quota_state(before).dump([&](std::string record) { records.push_back(std::move(record)); });
  REQUIRE(records.size() == 3);

  InProcessServer after;
  PersistentState& state = quota_state(after);
  for (const std::string& text : records) {
    const auto record = parse_record(text);
    REQUIRE(record);
    state.restore(*record, RestoreContext{*testing::default_config(), after.scheduler().now()});
  }
  state.resume_after_restore();
  CHECK(quota_call(after, "ListRequestedServiceQuotaChangeHistory", json::object()) == history);
  const json value = {{"ServiceCode", "ssm"}, {"QuotaCode", "CP-ParameterReads"}};
  CHECK(quota_call(after, "GetServiceQuota", value)["Quota"]["Value"] == 100);
  CHECK(quota_status(after, approved) == "APPROVED");
  CHECK(quota_call(after, "ListTagsForResource", {{"ResourceARN", arn}})["Tags"] ==
        json{{{"Key", "team"}, {"Value", "a"}}});
  CHECK(quota_status(after, open) == "CASE_OPENED");
  // Both servers' clocks start at the same time; the open request was opened at +5 s and falls due at +10 s.
  after.scheduler().advance(std::chrono::seconds(9));
  CHECK(quota_status(after, open) == "CASE_OPENED");
  after.scheduler().advance(std::chrono::seconds(1));
  CHECK(quota_status(after, open) == "APPROVED");
  CHECK(quota_call(after, "GetServiceQuota", {{"ServiceCode", "sts"}, {"QuotaCode", "CP-default"}})["Quota"]["Value"] ==
        70);
}

}  // namespace
}  // namespace chokepoint
