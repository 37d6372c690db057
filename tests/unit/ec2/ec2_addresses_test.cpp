#include "ec2_fixture.hpp"

namespace chokepoint::test {
namespace {

using std::chrono::seconds;

nlohmann::json instance_of(Ec2Fixture& f, const std::string& id) {
  const auto instances = described(body(f.call("DescribeInstances", ids_param({id}))));
  REQUIRE(instances.size() == 1);
  return instances[0];
}

bool is_documentation_address(const std::string& ip) {
  for (const char* range : {"192.0.2.", "198.51.100.", "203.0.113."}) {
    if (ip.rfind(range, 0) == 0) return true;
  }
  return false;
}

TEST_CASE("ec2: AllocateAddress hands out documentation addresses up to the quota", "[ec2]") {
  Ec2Fixture f;
  const auto first = body(f.call("AllocateAddress", {{"Domain", "vpc"}}));
  CHECK(is_ec2_resource_id(first["allocationId"].get<std::string>(), "eipalloc"));
  CHECK(is_documentation_address(first["publicIp"]));
  CHECK(first["domain"] == "vpc");
  CHECK(first["networkBorderGroup"] == "us-east-1");
  std::set<std::string> ips = {first["publicIp"]};
  for (int i = 0; i < 4; ++i) ips.insert(body(f.call("AllocateAddress"))["publicIp"].get<std::string>());
  CHECK(ips.size() == 5);
  CHECK(error(f.call("AllocateAddress")).code == "AddressLimitExceeded");
  CHECK(error(f.call("AllocateAddress", {{"Domain", "standard"}})).code == "InvalidParameterValue");

  // The same seed gives the same addresses.
  Ec2Fixture again;
  CHECK(body(again.call("AllocateAddress"))["publicIp"] == first["publicIp"]);
  Ec2Fixture more("ec2: {max_elastic_ips: 6}\n");
  for (int i = 0; i < 6; ++i) body(more.call("AllocateAddress"));
}

TEST_CASE("ec2: DescribeAddresses by address, allocation id and filters", "[ec2]") {
  Ec2Fixture f;
  const nlohmann::json tags = {{{"ResourceType", "elastic-ip"}, {"Tag", {{{"Key", "role"}, {"Value", "web"}}}}}};
  const auto a = body(f.call("AllocateAddress", {{"TagSpecification", tags}}));
  const auto b = body(f.call("AllocateAddress"));
  CHECK(body(f.call("DescribeAddresses"))["addressesSet"].size() == 2);
  const auto by_ip = body(f.call("DescribeAddresses", {{"PublicIp", {b["publicIp"]}}}))["addressesSet"];
  REQUIRE(by_ip.size() == 1);
  CHECK(by_ip[0]["allocationId"] == b["allocationId"]);
  const auto by_tag = body(f.call("DescribeAddresses", {{"Filter", {filter("tag:role", {"web"})}}}))["addressesSet"];
  REQUIRE(by_tag.size() == 1);
  CHECK(by_tag[0]["tagSet"][0]["value"] == "web");
  CHECK(body(f.call("DescribeAddresses", {{"AllocationId", {a["allocationId"]}}}))["addressesSet"].size() == 1);
  CHECK(body(f.call("DescribeAddresses", {{"Filter", {filter("domain", {"vpc"})}}}))["addressesSet"].size() == 2);
  CHECK(body(f.call("DescribeAddresses", {{"Filter", {filter("instance-id", {"*"})}}}))["addressesSet"].empty());
  CHECK(error(f.call("DescribeAddresses", {{"AllocationId", {"eipalloc-0123456789abcdef0"}}})).code ==
        "InvalidAllocationID.NotFound");
  CHECK(error(f.call("DescribeAddresses", {{"AllocationId", {"nope"}}})).code == "InvalidAllocationID.Malformed");
  CHECK(error(f.call("DescribeAddresses", {{"PublicIp", {"192.0.2.255"}}})).code == "InvalidAddress.NotFound");
  CHECK(error(f.call("DescribeAddresses", {{"Filter", {filter("color", {"x"})}}})).code == "InvalidParameterValue");
}

TEST_CASE("ec2: an associated address is the instance's public address until disassociated", "[ec2]") {
  Ec2Fixture f;
  const auto id = f.launch(1)[0];
  const auto eip = body(f.call("AllocateAddress"));
  const nlohmann::json to_instance = {{"AllocationId", eip["allocationId"]}, {"InstanceId", id}};
  const auto pending = error(f.call("AssociateAddress", to_instance));
  CHECK(pending.code == "IncorrectInstanceState");
  CHECK(pending.message == "The pending instance '" + id + "' is not in a valid state for this operation.");
  f.advance(seconds(5));
  CHECK(
      error(f.call("AssociateAddress", {{"AllocationId", eip["allocationId"]}, {"InstanceId", id}, {"DryRun", "true"}}))
          .code == "DryRunOperation");
  const std::string association = body(f.call("AssociateAddress", to_instance))["associationId"];
  CHECK(is_ec2_resource_id(association, "eipassoc"));

  const auto instance = instance_of(f, id);
  CHECK(instance["ipAddress"] == eip["publicIp"]);
  CHECK(instance["networkInterfaceSet"][0]["association"]["ipOwnerId"] == kAccount);
  const auto listed = body(f.call("DescribeAddresses"))["addressesSet"][0];
  CHECK(listed["associationId"] == association);
  CHECK(listed["instanceId"] == id);
  CHECK(listed["networkInterfaceId"] == instance["networkInterfaceSet"][0]["networkInterfaceId"]);
  CHECK(listed["privateIpAddress"] == instance["privateIpAddress"]);
  CHECK(body(f.call("DescribeAddresses", {{"Filter", {filter("association-id", {association})}}}))["addressesSet"]
            .size() == 1);

  // Stopped, the instance keeps its Elastic IP; started again, it still has it.
  body(f.call("StopInstances", ids_param({id})));
  f.advance(seconds(5));
  CHECK(instance_of(f, id)["ipAddress"] == eip["publicIp"]);
  body(f.call("StartInstances", ids_param({id})));
  f.advance(seconds(5));
  CHECK(instance_of(f, id)["ipAddress"] == eip["publicIp"]);

  CHECK(error(f.call("ReleaseAddress", {{"AllocationId", eip["allocationId"]}})).code == "InvalidIPAddress.InUse");
  CHECK(error(f.call("DisassociateAddress", {{"AssociationId", "eipassoc-0123456789abcdef0"}})).code ==
        "InvalidAssociationID.NotFound");
  body(f.call("DisassociateAddress", {{"AssociationId", association}}));
  const auto after = instance_of(f, id);
  CHECK(after["ipAddress"] != eip["publicIp"]);
  CHECK(after["networkInterfaceSet"][0]["association"]["ipOwnerId"] == "amazon");
  CHECK_FALSE(body(f.call("DescribeAddresses"))["addressesSet"][0].contains("associationId"));
  body(f.call("ReleaseAddress", {{"AllocationId", eip["allocationId"]}}));
  CHECK(body(f.call("DescribeAddresses"))["addressesSet"].empty());
  CHECK(error(f.call("ReleaseAddress", {{"AllocationId", eip["allocationId"]}})).code ==
        "InvalidAllocationID.NotFound");
}

TEST_CASE("ec2: reassociation needs AllowReassociation; an interface names its instance", "[ec2]") {
  Ec2Fixture f;
  const auto ids = f.launch(2);
  f.advance(seconds(5));
  const auto eip = body(f.call("AllocateAddress"));
  const auto second = body(f.call("AllocateAddress"));
  const std::string eni = instance_of(f, ids[1])["networkInterfaceSet"][0]["networkInterfaceId"];
  body(f.call("AssociateAddress", {{"AllocationId", eip["allocationId"]}, {"InstanceId", ids[0]}}));
  const nlohmann::json move = {{"AllocationId", eip["allocationId"]}, {"NetworkInterfaceId", eni}};
  CHECK(error(f.call("AssociateAddress", move)).code == "Resource.AlreadyAssociated");
  auto with_flag = move;
  with_flag["AllowReassociation"] = "true";
  body(f.call("AssociateAddress", with_flag));
  CHECK(instance_of(f, ids[1])["ipAddress"] == eip["publicIp"]);
  CHECK(instance_of(f, ids[0])["ipAddress"] != eip["publicIp"]);

  // A second address for the same instance replaces the first, which stays allocated.
  body(f.call("AssociateAddress", {{"AllocationId", second["allocationId"]}, {"InstanceId", ids[1]}}));
  CHECK(instance_of(f, ids[1])["ipAddress"] == second["publicIp"]);
  CHECK(body(f.call("DescribeAddresses", {{"Filter", {filter("instance-id", {ids[1]})}}}))["addressesSet"].size() == 1);

  CHECK(error(f.call("AssociateAddress", {{"AllocationId", eip["allocationId"]}})).code == "MissingParameter");
  CHECK(error(f.call("AssociateAddress",
                     {{"AllocationId", eip["allocationId"]}, {"NetworkInterfaceId", "eni-0123456789abcdef0"}}))
            .code == "InvalidNetworkInterfaceID.NotFound");
  CHECK(
      error(f.call("AssociateAddress", {{"AllocationId", eip["allocationId"]}, {"InstanceId", "i-0123456789abcdef0"}}))
          .code == "InvalidInstanceID.NotFound");

  // Terminating the instance ends the association; the address stays allocated.
  body(f.call("TerminateInstances", ids_param({ids[1]})));
  f.advance(seconds(5));
  const auto left = body(f.call("DescribeAddresses", {{"AllocationId", {second["allocationId"]}}}))["addressesSet"];
  CHECK_FALSE(left[0].contains("associationId"));
  const auto refused =
      error(f.call("AssociateAddress", {{"AllocationId", eip["allocationId"]}, {"InstanceId", ids[1]}}));
  CHECK(refused.code == "InvalidInstanceID");
}

}  // namespace
}  // namespace chokepoint::test
