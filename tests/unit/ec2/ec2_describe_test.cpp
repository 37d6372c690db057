#include "ec2_fixture.hpp"

namespace chokepoint::test {
namespace {

using std::chrono::seconds;

std::vector<std::string> ids_of(const nlohmann::json& out) {
  std::vector<std::string> ids;
  for (const auto& i : described(out)) ids.push_back(i["instanceId"]);
  return ids;
}

std::vector<std::string> matching(Ec2Fixture& f, std::vector<nlohmann::json> filters) {
  return ids_of(body(f.call("DescribeInstances", {{"Filter", filters}})));
}

TEST_CASE("ec2: DescribeInstances filters by state, type, tags, zone and address", "[ec2]") {
  Ec2Fixture f;
  const auto web = f.launch(
      2, {{"InstanceType", "t3.small"},
          {"TagSpecification", {{{"ResourceType", "instance"}, {"Tag", {{{"Key", "Name"}, {"Value", "web-1"}}}}}}}});
  f.advance(seconds(2));
  const auto db = f.launch(
      1, {{"Placement", {{"AvailabilityZone", "us-east-1b"}}},
          {"TagSpecification", {{{"ResourceType", "instance"}, {"Tag", {{{"Key", "role"}, {"Value", "db"}}}}}}}});
  CHECK(matching(f, {filter("instance-state-name", {"running"})}) == web);
  CHECK(matching(f, {filter("instance-state-name", {"pending", "stopped"})}) == db);
  CHECK(matching(f, {filter("instance-state-code", {"16"})}) == web);
  CHECK(matching(f, {filter("instance-type", {"t3.*"})}) == web);
  CHECK(matching(f, {filter("tag:Name", {"web-?"})}) == web);
  CHECK(matching(f, {filter("tag-key", {"role"})}) == db);
  CHECK(matching(f, {filter("tag-value", {"db", "nothing"})}) == db);
  CHECK(matching(f, {filter("availability-zone", {"us-east-1b"})}) == db);
  CHECK(matching(f, {filter("image-id", {kImage}), filter("tag:Name", {"*"})}) == web);
  CHECK(matching(f, {filter("instance-id", {db[0]})}) == db);
  const std::string ip = described(body(f.call("DescribeInstances", ids_param(db))))[0]["privateIpAddress"];
  CHECK(matching(f, {filter("private-ip-address", {ip})}) == db);
  // A documented filter for a property emulated instances never have matches nothing.
  CHECK(matching(f, {filter("host-id", {"*"})}).empty());
  CHECK(error(f.call("DescribeInstances", {{"Filter", {filter("colour", {"red"})}}})).message ==
        "The filter 'colour' is invalid");
}

TEST_CASE("ec2: DescribeInstances pages by MaxResults with NextToken, grouping reservations", "[ec2]") {
  Ec2Fixture f;
  std::vector<std::string> all;
  for (int n : {4, 4, 4}) {
    for (const auto& id : f.launch(n)) all.push_back(id);
  }
  std::vector<std::string> seen;
  std::vector<size_t> reservations;
  nlohmann::json params = {{"MaxResults", "5"}};
  for (int page = 0; page < 10; ++page) {
    const auto out = body(f.call("DescribeInstances", params));
    reservations.push_back(out["reservationSet"].size());
    for (const auto& id : ids_of(out)) seen.push_back(id);
    if (!out.contains("nextToken")) break;
    params["NextToken"] = out["nextToken"];
  }
  CHECK(seen == all);
  CHECK(reservations == std::vector<size_t>{2, 2, 1});  // 4+1, 3+2, 2
}

TEST_CASE("ec2: DescribeInstances rejects bad pagination input", "[ec2]") {
  Ec2Fixture f;
  const auto id = f.launch(1)[0];
  const ApiError small = error(f.call("DescribeInstances", {{"MaxResults", "4"}}));
  CHECK(small.code == "InvalidParameterValue");
  CHECK(small.message == "Value ( 4 ) for parameter maxResults is invalid. Expecting a value greater than 5.");
  CHECK(error(f.call("DescribeInstances", {{"MaxResults", "1001"}})).code == "InvalidParameterValue");
  CHECK(error(f.call("DescribeInstances", {{"MaxResults", "5"}, {"InstanceId", {id}}})).code ==
        "InvalidParameterCombination");
  CHECK(error(f.call("DescribeInstances", {{"NextToken", "garbage"}})).code == "InvalidPaginationToken");
}

TEST_CASE("ec2: DescribeInstanceStatus lists running instances unless IncludeAllInstances", "[ec2]") {
  Ec2Fixture f;
  const auto running = f.launch(1)[0];
  f.advance(seconds(2));
  const auto pending = f.launch(1)[0];
  const auto out = body(f.call("DescribeInstanceStatus"));
  REQUIRE(out["instanceStatusSet"].size() == 1);
  const auto& status = out["instanceStatusSet"][0];
  CHECK(status["instanceId"] == running);
  CHECK(status["instanceStatus"]["status"] == "ok");
  CHECK(status["systemStatus"]["details"][0] == nlohmann::json({{"name", "reachability"}, {"status", "passed"}}));
  const auto all = body(f.call("DescribeInstanceStatus", {{"IncludeAllInstances", "true"}}));
  REQUIRE(all["instanceStatusSet"].size() == 2);
  CHECK(all["instanceStatusSet"][1]["instanceId"] == pending);
  CHECK(all["instanceStatusSet"][1]["instanceStatus"]["status"] == "not-applicable");
  const auto filtered =
      body(f.call("DescribeInstanceStatus",
                  {{"IncludeAllInstances", "true"}, {"Filter", {filter("instance-status.status", {"ok"})}}}));
  CHECK(filtered["instanceStatusSet"].size() == 1);
  CHECK(error(f.call("DescribeInstanceStatus", ids_param({"i-0000000000000000f"}))).code ==
        "InvalidInstanceID.NotFound");
}

}  // namespace
}  // namespace chokepoint::test
