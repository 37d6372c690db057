#include <catch2/catch.hpp>

#include "ec2_fixture.hpp"
#include "services/ec2/ec2_network.hpp"

namespace chokepoint::test {
namespace {

TEST_CASE("ec2: DescribeVpcs shows the default VPC, filtered and tagged", "[ec2][network]") {
  Ec2Fixture f;
  const std::string vpc = default_vpc_id(kAccount, "us-east-1");
  const auto vpcs = body(f.call("DescribeVpcs"))["vpcSet"];
  REQUIRE(vpcs.size() == 1);
  CHECK(vpcs[0]["vpcId"] == vpc);
  CHECK(vpcs[0]["isDefault"] == true);
  CHECK(vpcs[0]["cidrBlock"] == "172.31.0.0/16");
  CHECK(vpcs[0]["ownerId"] == kAccount);
  CHECK(body(f.call("DescribeVpcs", {{"Filter", {filter("is-default", {"false"})}}}))["vpcSet"].empty());
  CHECK(body(f.call("DescribeVpcs", {{"Filter", {filter("cidr", {"172.31.*"})}}}))["vpcSet"].size() == 1);

  body(f.call("CreateTags", {{"ResourceId", {vpc}}, {"Tag", {{{"Key", "env"}, {"Value", "ci"}}}}}));
  const auto tagged = body(f.call("DescribeVpcs", {{"Filter", {filter("tag:env", {"ci"})}}}))["vpcSet"];
  REQUIRE(tagged.size() == 1);
  CHECK(tagged[0]["tagSet"][0]["key"] == "env");

  const ApiError missing = error(f.call("DescribeVpcs", {{"VpcId", {"vpc-0123456789abcdef0"}}}));
  CHECK(missing.code == "InvalidVpcID.NotFound");
  CHECK(missing.message == "The vpc ID 'vpc-0123456789abcdef0' does not exist");
  CHECK(error(f.call("DescribeVpcs", {{"Filter", {filter("flavour", {"x"})}}})).code == "InvalidParameterValue");
  CHECK(error(f.call("DescribeVpcs", {{"DryRun", "true"}})).code == "DryRunOperation");
}

TEST_CASE("ec2: DescribeSubnets shows one default subnet per zone, paged", "[ec2][network]") {
  Ec2Fixture f;
  const auto all = body(f.call("DescribeSubnets"))["subnetSet"];
  REQUIRE(all.size() == 6);  // us-east-1's six zones
  CHECK(all[1]["availabilityZone"] == "us-east-1b");
  CHECK(all[1]["availabilityZoneId"] == "use1-az2");
  CHECK(all[1]["cidrBlock"] == "172.31.16.0/20");
  CHECK(all[1]["defaultForAz"] == true);
  CHECK(all[1]["vpcId"] == default_vpc_id(kAccount, "us-east-1"));
  CHECK(all[1]["subnetId"] == default_subnet_id(kAccount, "us-east-1", "us-east-1b"));

  const auto first = body(f.call("DescribeSubnets", {{"MaxResults", "5"}}));
  CHECK(first["subnetSet"].size() == 5);
  REQUIRE(first.contains("nextToken"));
  const auto second = body(f.call("DescribeSubnets", {{"MaxResults", "5"}, {"NextToken", first["nextToken"]}}));
  CHECK(second["subnetSet"].size() == 1);
  CHECK_FALSE(second.contains("nextToken"));

  const auto in_zone = body(f.call("DescribeSubnets", {{"Filter", {filter("availability-zone", {"us-east-1c"})}}}));
  REQUIRE(in_zone["subnetSet"].size() == 1);
  CHECK(in_zone["subnetSet"][0]["cidrBlock"] == "172.31.32.0/20");
  CHECK(error(f.call("DescribeSubnets", {{"SubnetId", {"subnet-0123456789abcdef0"}}})).code ==
        "InvalidSubnetID.NotFound");
  CHECK(error(f.call("DescribeSubnets", {{"MaxResults", "2"}})).code == "InvalidParameterValue");
}

TEST_CASE("ec2: DescribeSecurityGroups shows the default group and its rules", "[ec2][network]") {
  Ec2Fixture f;
  const std::string group = default_security_group_id(kAccount, "us-east-1");
  const auto groups = body(f.call("DescribeSecurityGroups", {{"GroupName", {"default"}}}))["securityGroupInfo"];
  REQUIRE(groups.size() == 1);
  CHECK(groups[0]["groupId"] == group);
  CHECK(groups[0]["groupDescription"] == "default VPC security group");
  CHECK(groups[0]["ipPermissions"][0]["groups"][0]["groupId"] == group);  // members reach each other
  CHECK(groups[0]["ipPermissionsEgress"][0]["ipRanges"][0]["cidrIp"] == "0.0.0.0/0");
  CHECK(body(f.call("DescribeSecurityGroups", {{"GroupId", {group}}}))["securityGroupInfo"].size() == 1);
  CHECK(body(f.call("DescribeSecurityGroups", {{"Filter", {filter("group-name", {"web"})}}}))["securityGroupInfo"]
            .empty());
  const ApiError by_name = error(f.call("DescribeSecurityGroups", {{"GroupName", {"web"}}}));
  CHECK(by_name.code == "InvalidGroup.NotFound");
  CHECK(by_name.message.find("does not exist in default VPC") != std::string::npos);
  CHECK(error(f.call("DescribeSecurityGroups", {{"GroupId", {"sg-0123456789abcdef0"}}})).code ==
        "InvalidGroup.NotFound");
}

}  // namespace
}  // namespace chokepoint::test
