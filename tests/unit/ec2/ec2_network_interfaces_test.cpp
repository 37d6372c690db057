#include "ec2_fixture.hpp"
#include "services/ec2/ec2_network.hpp"

namespace chokepoint::test {
namespace {

std::string default_subnet(const std::string& zone = "us-east-1a") {
  return default_subnet_id(kAccount, "us-east-1", zone);
}

std::string create_interface(Ec2Fixture& f, nlohmann::json extra = nlohmann::json::object()) {
  nlohmann::json params = {{"SubnetId", default_subnet()}};
  params.update(extra);
  return body(f.call("CreateNetworkInterface", params))["networkInterface"]["networkInterfaceId"];
}

nlohmann::json interfaces(Ec2Fixture& f, nlohmann::json params = nlohmann::json::object()) {
  return body(f.call("DescribeNetworkInterfaces", std::move(params)))["networkInterfaceSet"];
}

TEST_CASE("ec2: DescribeNetworkInterfaces lists primary interfaces with their attachment", "[ec2][eni]") {
  Ec2Fixture f;
  const auto id = f.launch(1)[0];
  const auto instance = described(body(f.call("DescribeInstances", ids_param({id}))))[0];
  const std::string eni = instance["networkInterfaceSet"][0]["networkInterfaceId"];
  const auto listed = interfaces(f);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["networkInterfaceId"] == eni);
  CHECK(listed[0]["status"] == "in-use");
  CHECK(listed[0]["attachment"]["instanceId"] == id);
  CHECK(listed[0]["attachment"]["attachmentId"] == instance["networkInterfaceSet"][0]["attachment"]["attachmentId"]);
  CHECK(error(f.call("DeleteNetworkInterface", {{"NetworkInterfaceId", eni}})).code ==
        "InvalidNetworkInterface.InUse");
  CHECK(error(f.call("DetachNetworkInterface", {{"AttachmentId", listed[0]["attachment"]["attachmentId"]}})).code ==
        "OperationNotPermitted");
}

TEST_CASE("ec2: create, attach, detach, modify and delete a network interface", "[ec2][eni]") {
  Ec2Fixture f;
  const auto instance = f.launch(1)[0];
  f.advance(std::chrono::seconds(3));
  const auto eni = create_interface(
      f, {{"Description", "extra"},
          {"TagSpecification",
           {{{"ResourceType", "network-interface"}, {"Tag", {{{"Key", "role"}, {"Value", "db"}}}}}}}});
  auto listed = interfaces(f, {{"NetworkInterfaceId", {eni}}});
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["status"] == "available");
  CHECK(listed[0]["availabilityZone"] == "us-east-1a");
  CHECK(listed[0]["groupSet"][0]["groupName"] == "default");
  CHECK(listed[0]["tagSet"][0]["value"] == "db");
  CHECK(interfaces(f, {{"Filter", {filter("status", {"available"})}}}).size() == 1);

  CHECK(error(f.call("AttachNetworkInterface", {{"NetworkInterfaceId", eni}, {"InstanceId", instance},
                                                {"DeviceIndex", "0"}}))
            .code == "InvalidParameterValue");
  const std::string attachment = body(f.call(
      "AttachNetworkInterface",
      {{"NetworkInterfaceId", eni}, {"InstanceId", instance}, {"DeviceIndex", "1"}}))["attachmentId"];
  listed = interfaces(f, {{"Filter", {filter("attachment.instance-id", {instance})}}});
  CHECK(listed.size() == 2);
  CHECK(error(f.call("DeleteNetworkInterface", {{"NetworkInterfaceId", eni}})).code ==
        "InvalidNetworkInterface.InUse");

  body(f.call("ModifyNetworkInterfaceAttribute", {{"NetworkInterfaceId", eni}, {"SourceDestCheck", {{"Value", "false"}}}}));
  CHECK(interfaces(f, {{"NetworkInterfaceId", {eni}}})[0]["sourceDestCheck"] == false);

  body(f.call("DetachNetworkInterface", {{"AttachmentId", attachment}}));
  CHECK(interfaces(f, {{"NetworkInterfaceId", {eni}}})[0]["status"] == "available");
  CHECK(error(f.call("DetachNetworkInterface", {{"AttachmentId", attachment}})).code ==
        "InvalidAttachmentID.NotFound");
  body(f.call("DeleteNetworkInterface", {{"NetworkInterfaceId", eni}}));
  CHECK(error(f.call("DescribeNetworkInterfaces", {{"NetworkInterfaceId", {eni}}})).code ==
        "InvalidNetworkInterfaceID.NotFound");
}

TEST_CASE("ec2: an interface attached to a terminated instance is detached", "[ec2][eni]") {
  Ec2Fixture f;
  const auto instance = f.launch(1)[0];
  f.advance(std::chrono::seconds(3));
  const auto eni = create_interface(f);
  body(f.call("AttachNetworkInterface", {{"NetworkInterfaceId", eni}, {"InstanceId", instance}, {"DeviceIndex", "1"}}));
  body(f.call("TerminateInstances", ids_param({instance})));
  f.advance(std::chrono::seconds(3));
  const auto listed = interfaces(f);
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["networkInterfaceId"] == eni);
  CHECK(listed[0]["status"] == "available");
}

TEST_CASE("ec2: CreateNetworkInterface validates its input", "[ec2][eni]") {
  Ec2Fixture f;
  CHECK(error(f.call("CreateNetworkInterface")).code == "MissingParameter");
  CHECK(error(f.call("CreateNetworkInterface", {{"SubnetId", "nope"}})).code == "InvalidSubnetID.NotFound");
  CHECK(error(f.call("CreateNetworkInterface", {{"SubnetId", default_subnet()}, {"SecurityGroupId", {"x"}}})).code ==
        "InvalidGroupId.Malformed");
  CHECK(error(f.call("CreateNetworkInterface", {{"SubnetId", default_subnet()}, {"DryRun", "true"}})).code ==
        "DryRunOperation");
  CHECK(interfaces(f).empty());
}

}  // namespace
}  // namespace chokepoint::test
