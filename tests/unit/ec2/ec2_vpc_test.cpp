#include <catch2/catch.hpp>

#include "common/ipv4.hpp"
#include "ec2_fixture.hpp"
#include "services/ec2/ec2_network.hpp"

namespace chokepoint::test {
namespace {

std::string new_vpc(Ec2Fixture& f, const std::string& cidr = "10.0.0.0/16") {
  return body(f.call("CreateVpc", {{"CidrBlock", cidr}}))["vpc"]["vpcId"];
}

std::string new_subnet(Ec2Fixture& f, const std::string& vpc, const std::string& cidr,
                       const std::string& zone = "us-east-1a") {
  return body(
      f.call("CreateSubnet", {{"VpcId", vpc}, {"CidrBlock", cidr}, {"AvailabilityZone", zone}}))["subnet"]["subnetId"];
}

std::string new_group(Ec2Fixture& f, const std::string& vpc, const std::string& name) {
  return body(
      f.call("CreateSecurityGroup", {{"VpcId", vpc}, {"GroupName", name}, {"GroupDescription", "d"}}))["groupId"];
}

nlohmann::json group_of(Ec2Fixture& f, const std::string& id) {
  const auto groups = body(f.call("DescribeSecurityGroups", {{"GroupId", {id}}}))["securityGroupInfo"];
  REQUIRE(groups.size() == 1);
  return groups[0];
}

nlohmann::json tcp_from(const std::string& cidr, int port) {
  return {{"IpProtocol", "tcp"},
          {"FromPort", std::to_string(port)},
          {"ToPort", std::to_string(port)},
          {"IpRanges", {{{"CidrIp", cidr}}}}};
}

TEST_CASE("ipv4: CIDR blocks parse, contain and overlap", "[ec2][vpc]") {
  const auto vpc = parse_ipv4_cidr("10.0.0.0/16");
  REQUIRE(vpc);
  CHECK(vpc->size() == 65536);
  CHECK(vpc->contains(*parse_ipv4_cidr("10.0.255.0/24")));
  CHECK_FALSE(vpc->contains(*parse_ipv4_cidr("10.1.0.0/24")));
  CHECK(parse_ipv4_cidr("10.0.0.0/24")->overlaps(*parse_ipv4_cidr("10.0.0.128/25")));
  CHECK_FALSE(parse_ipv4_cidr("10.0.0.0/25")->overlaps(*parse_ipv4_cidr("10.0.0.128/25")));
  CHECK_FALSE(parse_ipv4_cidr("10.0.0.1/16"));  // host bits set
  CHECK_FALSE(parse_ipv4_cidr("10.0.0.0/33"));
  CHECK_FALSE(parse_ipv4_cidr("10.0.0/16"));
  CHECK(parse_ipv4_cidr("0.0.0.0/0")->text() == "0.0.0.0/0");
}

TEST_CASE("ec2: CreateVpc checks its block and comes with a default group", "[ec2][vpc]") {
  Ec2Fixture f;
  const nlohmann::json tags = {{{"ResourceType", "vpc"}, {"Tag", {{{"Key", "Name"}, {"Value", "main"}}}}}};
  const auto vpc = body(f.call("CreateVpc", {{"CidrBlock", "10.0.0.0/16"}, {"TagSpecification", tags}}))["vpc"];
  const std::string id = vpc["vpcId"];
  CHECK(is_ec2_resource_id(id, "vpc"));
  CHECK(vpc["isDefault"] == false);
  CHECK(vpc["state"] == "available");
  CHECK(vpc["tagSet"][0]["value"] == "main");

  CHECK(error(f.call("CreateVpc", {{"CidrBlock", "10.0.0.0/8"}})).code == "InvalidVpc.Range");
  CHECK(error(f.call("CreateVpc", {{"CidrBlock", "10.0.0.0/29"}})).code == "InvalidVpc.Range");
  CHECK(error(f.call("CreateVpc", {{"CidrBlock", "10.0.0.1/16"}})).code == "InvalidParameterValue");
  CHECK(error(f.call("CreateVpc")).code == "MissingParameter");
  CHECK(error(f.call("CreateVpc", {{"CidrBlock", "10.9.0.0/16"}, {"DryRun", "true"}})).code == "DryRunOperation");
  CHECK(body(f.call("DescribeVpcs"))["vpcSet"].size() == 2);  // the default one and ours: bad calls made none

  const auto listed = body(f.call("DescribeVpcs", {{"Filter", {filter("is-default", {"false"})}}}))["vpcSet"];
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["vpcId"] == id);
  CHECK(body(f.call("DescribeVpcs", {{"Filter", {filter("tag:Name", {"main"})}}}))["vpcSet"].size() == 1);
  const auto groups = body(f.call("DescribeSecurityGroups", {{"Filter", {filter("vpc-id", {id})}}}));
  REQUIRE(groups["securityGroupInfo"].size() == 1);
  CHECK(groups["securityGroupInfo"][0]["groupName"] == "default");
}

TEST_CASE("ec2: VPC attributes", "[ec2][vpc]") {
  Ec2Fixture f;
  const std::string vpc = new_vpc(f);
  const auto support = body(f.call("DescribeVpcAttribute", {{"VpcId", vpc}, {"Attribute", "enableDnsSupport"}}));
  CHECK(support["enableDnsSupport"]["value"] == true);
  body(f.call("ModifyVpcAttribute", {{"VpcId", vpc}, {"EnableDnsHostnames", {{"Value", "true"}}}}));
  CHECK(body(f.call("DescribeVpcAttribute",
                    {{"VpcId", vpc}, {"Attribute", "enableDnsHostnames"}}))["enableDnsHostnames"]["value"] == true);
  CHECK(error(f.call("ModifyVpcAttribute", {{"VpcId", vpc}, {"EnableDnsSupport", {{"Value", "false"}}}})).code ==
        "InvalidParameterValue");  // hostnames need DNS support
  CHECK(error(f.call("ModifyVpcAttribute", {{"VpcId", vpc}})).code == "InvalidParameterCombination");
  CHECK(error(f.call("DescribeVpcAttribute", {{"VpcId", vpc}, {"Attribute", "colour"}})).code ==
        "InvalidParameterValue");
  CHECK(error(f.call("DescribeVpcAttribute", {{"VpcId", "vpc-0123456789abcdef0"}, {"Attribute", "enableDnsSupport"}}))
            .code == "InvalidVpcID.NotFound");
}

TEST_CASE("ec2: subnets stay inside their VPC and apart", "[ec2][vpc]") {
  Ec2Fixture f;
  const std::string vpc = new_vpc(f);
  const auto subnet = body(f.call(
      "CreateSubnet", {{"VpcId", vpc}, {"CidrBlock", "10.0.1.0/24"}, {"AvailabilityZone", "us-east-1b"}}))["subnet"];
  CHECK(subnet["availableIpAddressCount"] == 251);
  CHECK(subnet["availabilityZone"] == "us-east-1b");
  CHECK(subnet["defaultForAz"] == false);
  CHECK(subnet["mapPublicIpOnLaunch"] == false);
  CHECK(error(f.call("CreateSubnet", {{"VpcId", vpc}, {"CidrBlock", "10.0.1.128/25"}})).code ==
        "InvalidSubnet.Conflict");
  CHECK(error(f.call("CreateSubnet", {{"VpcId", vpc}, {"CidrBlock", "10.1.0.0/24"}})).code == "InvalidSubnet.Range");
  CHECK(error(f.call("CreateSubnet", {{"VpcId", vpc}, {"CidrBlock", "10.0.0.0/29"}})).code == "InvalidSubnet.Range");
  CHECK(error(f.call("CreateSubnet", {{"VpcId", vpc}, {"CidrBlock", "10.0.2.0/24"}, {"AvailabilityZone", "mars-1a"}}))
            .code == "InvalidParameterValue");
  CHECK(error(f.call("CreateSubnet", {{"VpcId", "vpc-0123456789abcdef0"}, {"CidrBlock", "10.0.2.0/24"}})).code ==
        "InvalidVpcID.NotFound");
  const auto mine = body(f.call("DescribeSubnets", {{"Filter", {filter("vpc-id", {vpc})}}}))["subnetSet"];
  REQUIRE(mine.size() == 1);

  body(f.call("ModifySubnetAttribute",
              {{"SubnetId", subnet["subnetId"]}, {"MapPublicIpOnLaunch", {{"Value", "true"}}}}));
  CHECK(body(f.call("DescribeSubnets", {{"Filter", {filter("map-public-ip-on-launch", {"true"})}}}))["subnetSet"]
            .size() == 7);  // six default subnets and ours

  CHECK(error(f.call("DeleteVpc", {{"VpcId", vpc}})).code == "DependencyViolation");
  body(f.call("DeleteSubnet", {{"SubnetId", subnet["subnetId"]}}));
  CHECK(error(f.call("DeleteSubnet", {{"SubnetId", subnet["subnetId"]}})).code == "InvalidSubnetID.NotFound");
  body(f.call("DeleteVpc", {{"VpcId", vpc}}));
  CHECK(body(f.call("DescribeVpcs"))["vpcSet"].size() == 1);
  CHECK(body(f.call("DescribeSecurityGroups"))["securityGroupInfo"].size() == 1);  // its default group went too
}

TEST_CASE("ec2: security groups: names, default egress, duplicates and deletion", "[ec2][vpc]") {
  Ec2Fixture f;
  const std::string vpc = new_vpc(f);
  const std::string web = new_group(f, vpc, "web");
  const auto described = group_of(f, web);
  CHECK(described["vpcId"] == vpc);
  REQUIRE(described["ipPermissionsEgress"].size() == 1);
  CHECK(described["ipPermissionsEgress"][0]["ipRanges"][0]["cidrIp"] == "0.0.0.0/0");
  CHECK(described["ipPermissions"].empty());

  CHECK(error(f.call("CreateSecurityGroup", {{"VpcId", vpc}, {"GroupName", "web"}, {"GroupDescription", "d"}})).code ==
        "InvalidGroup.Duplicate");
  CHECK(error(f.call("CreateSecurityGroup", {{"VpcId", vpc}, {"GroupName", "default"}, {"GroupDescription", "d"}}))
            .code == "InvalidGroup.Duplicate");
  CHECK(error(f.call("CreateSecurityGroup", {{"VpcId", vpc}, {"GroupName", "x"}})).code == "MissingParameter");
  CHECK(error(f.call("CreateSecurityGroup", {{"VpcId", vpc}, {"GroupName", "sg-1"}, {"GroupDescription", "d"}})).code ==
        "InvalidParameterValue");
  new_group(f, default_vpc_id(kAccount, "us-east-1"), "web");  // the same name in another VPC is fine

  const std::string default_group = body(f.call(
      "DescribeSecurityGroups",
      {{"Filter", {filter("vpc-id", {vpc}), filter("group-name", {"default"})}}}))["securityGroupInfo"][0]["groupId"];
  CHECK(error(f.call("DeleteSecurityGroup", {{"GroupId", default_group}})).code == "CannotDelete");
  CHECK(error(f.call("DeleteVpc", {{"VpcId", vpc}})).code == "DependencyViolation");
  CHECK(body(f.call("DeleteSecurityGroup", {{"GroupId", web}}))["return"] == true);
  CHECK(error(f.call("DeleteSecurityGroup", {{"GroupId", web}})).code == "InvalidGroup.NotFound");
  body(f.call("DeleteVpc", {{"VpcId", vpc}}));
}

TEST_CASE("ec2: authorizing and revoking rules", "[ec2][vpc]") {
  Ec2Fixture f;
  const std::string vpc = new_vpc(f);
  const std::string web = new_group(f, vpc, "web");
  const std::string db = new_group(f, vpc, "db");
  const auto added = body(
      f.call("AuthorizeSecurityGroupIngress", {{"GroupId", web}, {"IpPermissions", {tcp_from("0.0.0.0/0", 443)}}}));
  CHECK(added["return"] == true);
  REQUIRE(added["securityGroupRuleSet"].size() == 1);
  CHECK(added["securityGroupRuleSet"][0]["cidrIpv4"] == "0.0.0.0/0");
  const std::string rule_id = added["securityGroupRuleSet"][0]["securityGroupRuleId"];

  const auto dup = error(
      f.call("AuthorizeSecurityGroupIngress", {{"GroupId", web}, {"IpPermissions", {tcp_from("0.0.0.0/0", 443)}}}));
  CHECK(dup.code == "InvalidPermission.Duplicate");
  CHECK(dup.message ==
        "the specified rule \"peer: 0.0.0.0/0, TCP, from port: 443, to port: 443, ALLOW\" already exists");
  // The legacy flat parameters, a referenced group and a protocol number.
  body(f.call("AuthorizeSecurityGroupIngress",
              {{"GroupId", web}, {"IpProtocol", "6"}, {"FromPort", "22"}, {"ToPort", "22"}, {"CidrIp", "10.0.0.0/8"}}));
  body(f.call(
      "AuthorizeSecurityGroupIngress",
      {{"GroupId", db},
       {"IpPermissions",
        {{{"IpProtocol", "tcp"}, {"FromPort", "5432"}, {"ToPort", "5432"}, {"Groups", {{{"GroupId", web}}}}}}}}));
  const auto g = group_of(f, web);
  REQUIRE(g["ipPermissions"].size() == 2);
  CHECK(g["ipPermissions"][1]["ipProtocol"] == "tcp");
  CHECK(g["ipPermissions"][1]["fromPort"] == 22);
  CHECK(body(f.call("DescribeSecurityGroups",
                    {{"Filter", {filter("ip-permission.from-port", {"5432"})}}}))["securityGroupInfo"]
            .size() == 1);
  CHECK(error(f.call("DeleteSecurityGroup", {{"GroupId", web}})).code == "DependencyViolation");  // db refers to it

  CHECK(error(f.call("AuthorizeSecurityGroupIngress",
                     {{"GroupId", web}, {"IpPermissions", {tcp_from("10.0.0.0/33", 80)}}}))
            .code == "InvalidParameterValue");
  CHECK(error(f.call("AuthorizeSecurityGroupIngress",
                     {{"GroupId", web},
                      {"IpPermissions", {{{"IpProtocol", "tcp"}, {"IpRanges", {{{"CidrIp", "1.2.3.4/32"}}}}}}}}))
            .code == "InvalidParameterValue");
  CHECK(error(f.call("AuthorizeSecurityGroupIngress",
                     {{"GroupId", "sg-0123456789abcdef0"}, {"IpPermissions", {tcp_from("0.0.0.0/0", 80)}}}))
            .code == "InvalidGroup.NotFound");
  CHECK(group_of(f, web)["ipPermissions"].size() == 2);  // refused calls added nothing

  const auto rules = body(f.call("DescribeSecurityGroupRules", {{"Filter", {filter("group-id", {web})}}}));
  CHECK(rules["securityGroupRuleSet"].size() == 3);  // two in, one out

  CHECK(error(f.call("RevokeSecurityGroupIngress", {{"GroupId", web}, {"IpPermissions", {tcp_from("0.0.0.0/0", 80)}}}))
            .code == "InvalidPermission.NotFound");
  const auto revoked =
      body(f.call("RevokeSecurityGroupIngress", {{"GroupId", web}, {"IpPermissions", {tcp_from("0.0.0.0/0", 443)}}}));
  CHECK(revoked["revokedSecurityGroupRuleSet"][0]["securityGroupRuleId"] == rule_id);
  CHECK(error(f.call("RevokeSecurityGroupIngress", {{"GroupId", web}, {"SecurityGroupRuleId", {rule_id}}})).code ==
        "InvalidSecurityGroupRuleId.NotFound");
  const auto egress = body(f.call(
      "RevokeSecurityGroupEgress",
      {{"GroupId", web}, {"IpPermissions", {{{"IpProtocol", "-1"}, {"IpRanges", {{{"CidrIp", "0.0.0.0/0"}}}}}}}}));
  CHECK(egress["revokedSecurityGroupRuleSet"].size() == 1);
  CHECK(group_of(f, web)["ipPermissionsEgress"].empty());
}

TEST_CASE("ec2: the default VPC's default group takes rules too", "[ec2][vpc]") {
  Ec2Fixture f;
  const std::string group = default_security_group_id(kAccount, "us-east-1");
  body(f.call("AuthorizeSecurityGroupIngress",
              {{"GroupName", "default"}, {"IpPermissions", {tcp_from("192.168.0.0/16", 22)}}}));
  const auto g = group_of(f, group);
  CHECK(g["ipPermissions"].size() == 2);
  CHECK(g["groupName"] == "default");
  CHECK(body(f.call("DescribeSecurityGroups"))["securityGroupInfo"].size() == 1);
}

TEST_CASE("ec2: RunInstances uses created subnets and groups, and refuses missing ones", "[ec2][vpc]") {
  Ec2Fixture f;
  const std::string vpc = new_vpc(f);
  const std::string subnet = new_subnet(f, vpc, "10.0.3.0/24", "us-east-1c");
  const std::string web = new_group(f, vpc, "web");
  const auto ids = f.launch(2, {{"SubnetId", subnet}, {"SecurityGroupId", {web}}});
  const auto instances = described(body(f.call("DescribeInstances", ids_param(ids))));
  REQUIRE(instances.size() == 2);
  CHECK(instances[0]["vpcId"] == vpc);
  CHECK(instances[0]["subnetId"] == subnet);
  CHECK(instances[0]["placement"]["availabilityZone"] == "us-east-1c");
  CHECK(instances[0]["privateIpAddress"] == "10.0.3.4");
  CHECK(instances[1]["privateIpAddress"] == "10.0.3.5");
  CHECK_FALSE(instances[0].contains("ipAddress"));  // the subnet maps no public addresses
  CHECK(instances[0]["groupSet"][0]["groupName"] == "web");
  CHECK(body(f.call("DescribeSubnets", {{"SubnetId", {subnet}}}))["subnetSet"][0]["availableIpAddressCount"] == 249);

  CHECK(error(f.call("DeleteSubnet", {{"SubnetId", subnet}})).code == "DependencyViolation");
  CHECK(error(f.call("DeleteSecurityGroup", {{"GroupId", web}})).code == "DependencyViolation");
  const nlohmann::json base = {{"ImageId", kImage}, {"MinCount", "1"}, {"MaxCount", "1"}};
  auto with = [&](nlohmann::json extra) {
    nlohmann::json p = base;
    p.update(extra);
    return p;
  };
  CHECK(error(f.call("RunInstances", with({{"SubnetId", "subnet-0123456789abcdef0"}}))).code ==
        "InvalidSubnetID.NotFound");
  CHECK(error(f.call("RunInstances", with({{"SecurityGroupId", {"sg-0123456789abcdef0"}}}))).code ==
        "InvalidGroup.NotFound");
  CHECK(error(f.call("RunInstances", with({{"SecurityGroupId", {web}}}))).code == "InvalidParameter");  // other VPC
  CHECK(error(f.call("RunInstances", with({{"SecurityGroup", {"nope"}}}))).code == "InvalidGroup.NotFound");
  CHECK(error(f.call("RunInstances", with({{"SubnetId", subnet}, {"PrivateIpAddress", "10.0.4.9"}}))).code ==
        "InvalidParameterValue");
  // No group named: the subnet's VPC's default group.
  const auto plain = f.launch(1, {{"SubnetId", subnet}});
  const auto launched = described(body(f.call("DescribeInstances", ids_param(plain))));
  CHECK(launched[0]["groupSet"][0]["groupName"] == "default");
  CHECK(launched[0]["groupSet"][0]["groupId"] != default_security_group_id(kAccount, "us-east-1"));

  body(f.call("TerminateInstances", ids_param(ids)));
  body(f.call("TerminateInstances", ids_param(plain)));
  CHECK(error(f.call("DeleteSubnet", {{"SubnetId", subnet}})).code == "DependencyViolation");  // shutting down
  f.advance(std::chrono::minutes(5));
  body(f.call("DeleteSecurityGroup", {{"GroupId", web}}));
  body(f.call("DeleteSubnet", {{"SubnetId", subnet}}));
}

TEST_CASE("ec2: an Elastic IP leaves no public address behind in a private subnet", "[ec2][vpc]") {
  Ec2Fixture f;
  const std::string vpc = new_vpc(f);
  const std::string subnet = new_subnet(f, vpc, "10.0.7.0/24");
  const auto id = f.launch(1, {{"SubnetId", subnet}})[0];
  f.advance(std::chrono::minutes(1));
  const auto eip = body(f.call("AllocateAddress"));
  const std::string association =
      body(f.call("AssociateAddress", {{"AllocationId", eip["allocationId"]}, {"InstanceId", id}}))["associationId"];
  CHECK(described(body(f.call("DescribeInstances", ids_param({id}))))[0]["ipAddress"] == eip["publicIp"]);
  body(f.call("DisassociateAddress", {{"AssociationId", association}}));
  CHECK_FALSE(described(body(f.call("DescribeInstances", ids_param({id}))))[0].contains("ipAddress"));
}

TEST_CASE("ec2: tags on created network resources", "[ec2][vpc]") {
  Ec2Fixture f;
  const std::string vpc = new_vpc(f);
  const std::string subnet = new_subnet(f, vpc, "10.0.0.0/24");
  const std::string group = new_group(f, vpc, "g");
  body(f.call("CreateTags", {{"ResourceId", {vpc, subnet, group}}, {"Tag", {{{"Key", "team"}, {"Value", "a"}}}}}));
  CHECK(body(f.call("DescribeTags", {{"Filter", {filter("key", {"team"})}}}))["tagSet"].size() == 3);
  CHECK(body(f.call("DescribeSubnets", {{"Filter", {filter("tag:team", {"a"})}}}))["subnetSet"].size() == 1);
  body(f.call("DeleteSecurityGroup", {{"GroupId", group}}));
  CHECK(error(f.call("CreateTags", {{"ResourceId", {group}}, {"Tag", {{{"Key", "k"}, {"Value", "v"}}}}})).code ==
        "InvalidGroup.NotFound");
}

}  // namespace
}  // namespace chokepoint::test
