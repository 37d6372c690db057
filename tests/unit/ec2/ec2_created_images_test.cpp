#include "ec2_fixture.hpp"

namespace chokepoint::test {
namespace {

TEST_CASE("ec2: CreateImage is pending, then available, and lists as the account's own", "[ec2][images]") {
  Ec2Fixture f;
  const auto instance = f.running_instance();
  const std::string ami = body(f.call(
      "CreateImage",
      {{"InstanceId", instance},
       {"Name", "web (2027-01-15)"},
       {"NoReboot", "true"},
       {"TagSpecification", {{{"ResourceType", "image"}, {"Tag", {{{"Key", "app"}, {"Value", "web"}}}}}}}}))["imageId"];
  CHECK(is_ec2_resource_id(ami, "ami"));
  auto mine = body(f.call("DescribeImages", {{"Owner", {"self"}}}))["imagesSet"];
  REQUIRE(mine.size() == 1);
  CHECK(mine[0]["imageState"] == "pending");
  CHECK(mine[0]["imageOwnerId"] == kAccount);
  CHECK(mine[0]["sourceInstanceId"] == instance);
  CHECK(mine[0]["tagSet"][0]["key"] == "app");
  CHECK(error(f.call("RunInstances", {{"ImageId", ami}, {"MinCount", "1"}, {"MaxCount", "1"}})).code ==
        "InvalidAMIID.Unavailable");

  f.advance(std::chrono::seconds(3));
  CHECK(body(f.call("DescribeImages", {{"ImageId", {ami}}}))["imagesSet"][0]["imageState"] == "available");
  CHECK(body(f.call("DescribeImages", {{"Filter", {filter("state", {"pending"})}}}))["imagesSet"].empty());
  const auto launched = f.launch(1, {{"ImageId", ami}});
  CHECK(described(body(f.call("DescribeInstances", ids_param(launched))))[0]["imageId"] == ami);

  CHECK(error(f.call("CreateImage", {{"InstanceId", instance}, {"Name", "web (2027-01-15)"}})).code ==
        "InvalidAMIName.Duplicate");
  CHECK(error(f.call("CreateImage", {{"InstanceId", instance}, {"Name", "x"}})).code == "InvalidAMIName.Malformed");

  body(f.call("DeregisterImage", {{"ImageId", ami}}));
  CHECK(body(f.call("DescribeImages", {{"Owner", {"self"}}}))["imagesSet"].empty());
  CHECK(error(f.call("DescribeImages", {{"ImageId", {ami}}})).code == "InvalidAMIID.NotFound");
  CHECK(error(f.call("DeregisterImage", {{"ImageId", ami}})).code == "InvalidAMIID.NotFound");
}

TEST_CASE("ec2: CreateImage refuses an instance that is not running or stopped", "[ec2][images]") {
  Ec2Fixture f;
  const auto pending = f.launch(1)[0];
  CHECK(error(f.call("CreateImage", {{"InstanceId", pending}, {"Name", "too-soon"}})).code ==
        "IncorrectInstanceState");
  CHECK(error(f.call("CreateImage", {{"InstanceId", "i-0123456789abcdef0"}, {"Name", "ghost"}})).code ==
        "InvalidInstanceID.NotFound");
  CHECK(body(f.call("DescribeImages", {{"Owner", {"self"}}}))["imagesSet"].empty());
}

}  // namespace
}  // namespace chokepoint::test
