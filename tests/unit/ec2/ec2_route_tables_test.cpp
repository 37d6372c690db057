#include <catch2/catch.hpp>

#include "ec2_fixture.hpp"
#include "services/ec2/ec2_network.hpp"

namespace chokepoint::test {
namespace {

std::string vpc_with_cidr(Ec2Fixture& f, const std::string& cidr) {
  return body(f.call("CreateVpc", {{"CidrBlock", cidr}}))["vpc"]["vpcId"];
}

nlohmann::json tables_of(Ec2Fixture& f, const std::string& vpc) {
  return body(f.call("DescribeRouteTables", {{"Filter", {filter("vpc-id", {vpc})}}}))["routeTableSet"];
}

TEST_CASE("ec2: a VPC has a main route table with its local route", "[ec2][routes]") {
  Ec2Fixture f;
  const std::string vpc = vpc_with_cidr(f, "10.0.0.0/16");
  const auto tables = tables_of(f, vpc);
  REQUIRE(tables.size() == 1);
  CHECK(tables[0]["associationSet"][0]["main"] == true);
  CHECK(tables[0]["routeSet"][0] == nlohmann::json({{"destinationCidrBlock", "10.0.0.0/16"},
                                                    {"gatewayId", "local"},
                                                    {"origin", "CreateRouteTable"},
                                                    {"state", "active"}}));
  CHECK(body(f.call("DescribeRouteTables", {{"Filter", {filter("association.main", {"true"})}}}))["routeTableSet"]
            .size() == 1);
  const std::string main_table = tables[0]["routeTableId"];
  CHECK(error(f.call("DeleteRouteTable", {{"RouteTableId", main_table}})).code == "DependencyViolation");
  const std::string association = tables[0]["associationSet"][0]["routeTableAssociationId"];
  CHECK(error(f.call("DisassociateRouteTable", {{"AssociationId", association}})).code == "InvalidParameterValue");
  body(f.call("DeleteVpc", {{"VpcId", vpc}}));
  CHECK(body(f.call("DescribeRouteTables"))["routeTableSet"].empty());
}

TEST_CASE("ec2: internet gateways attach to one VPC and route its traffic", "[ec2][routes]") {
  Ec2Fixture f;
  const std::string vpc = vpc_with_cidr(f, "10.0.0.0/16");
  const std::string other = vpc_with_cidr(f, "10.1.0.0/16");
  const std::string igw = body(f.call("CreateInternetGateway"))["internetGateway"]["internetGatewayId"];
  CHECK(is_ec2_resource_id(igw, "igw"));
  body(f.call("AttachInternetGateway", {{"InternetGatewayId", igw}, {"VpcId", vpc}}));
  CHECK(error(f.call("AttachInternetGateway", {{"InternetGatewayId", igw}, {"VpcId", other}})).code ==
        "Resource.AlreadyAssociated");
  const auto attached = body(
      f.call("DescribeInternetGateways", {{"Filter", {filter("attachment.vpc-id", {vpc})}}}))["internetGatewaySet"];
  REQUIRE(attached.size() == 1);
  CHECK(attached[0]["attachmentSet"][0]["state"] == "available");
  CHECK(error(f.call("DeleteInternetGateway", {{"InternetGatewayId", igw}})).code == "DependencyViolation");
  CHECK(error(f.call("DeleteVpc", {{"VpcId", vpc}})).code == "DependencyViolation");

  const std::string subnet =
      body(f.call("CreateSubnet", {{"VpcId", vpc}, {"CidrBlock", "10.0.0.0/24"}}))["subnet"]["subnetId"];
  const std::string table = body(f.call("CreateRouteTable", {{"VpcId", vpc}}))["routeTable"]["routeTableId"];
  body(f.call("CreateRoute", {{"RouteTableId", table}, {"DestinationCidrBlock", "0.0.0.0/0"}, {"GatewayId", igw}}));
  CHECK(
      error(f.call("CreateRoute", {{"RouteTableId", table}, {"DestinationCidrBlock", "0.0.0.0/0"}, {"GatewayId", igw}}))
          .code == "RouteAlreadyExists");
  CHECK(error(f.call("CreateRoute", {{"RouteTableId", table},
                                     {"DestinationCidrBlock", "1.0.0.0/8"},
                                     {"GatewayId", "igw-0123456789abcdef0"}}))
            .code == "InvalidInternetGatewayID.NotFound");
  const std::string association =
      body(f.call("AssociateRouteTable", {{"RouteTableId", table}, {"SubnetId", subnet}}))["associationId"];
  CHECK(error(f.call("AssociateRouteTable", {{"RouteTableId", table}, {"SubnetId", subnet}})).code ==
        "Resource.AlreadyAssociated");
  const auto routed =
      body(f.call("DescribeRouteTables",
                  {{"Filter", {filter("association.subnet-id", {subnet}), filter("route.gateway-id", {igw})}}}));
  REQUIRE(routed["routeTableSet"].size() == 1);
  CHECK(routed["routeTableSet"][0]["routeTableId"] == table);

  body(f.call(
      "ReplaceRoute",
      {{"RouteTableId", table}, {"DestinationCidrBlock", "0.0.0.0/0"}, {"NatGatewayId", "nat-0123456789abcdef0"}}));
  CHECK(error(f.call("ReplaceRoute",
                     {{"RouteTableId", table}, {"DestinationCidrBlock", "9.9.9.0/24"}, {"GatewayId", igw}}))
            .code == "InvalidRoute.NotFound");
  body(f.call("ReplaceRoute", {{"RouteTableId", table}, {"DestinationCidrBlock", "0.0.0.0/0"}, {"GatewayId", igw}}));
  body(f.call("DetachInternetGateway", {{"InternetGatewayId", igw}, {"VpcId", vpc}}));
  CHECK(tables_of(f, vpc)[1]["routeSet"][1]["state"] == "blackhole");
  CHECK(error(f.call("DetachInternetGateway", {{"InternetGatewayId", igw}, {"VpcId", vpc}})).code ==
        "Gateway.NotAttached");
  CHECK(error(f.call("DeleteRoute", {{"RouteTableId", table}, {"DestinationCidrBlock", "10.0.0.0/16"}})).code ==
        "InvalidParameterValue");  // the local route stays
  body(f.call("DeleteRoute", {{"RouteTableId", table}, {"DestinationCidrBlock", "0.0.0.0/0"}}));
  CHECK(error(f.call("DeleteRoute", {{"RouteTableId", table}, {"DestinationCidrBlock", "0.0.0.0/0"}})).code ==
        "InvalidRoute.NotFound");

  CHECK(error(f.call("DeleteRouteTable", {{"RouteTableId", table}})).code == "DependencyViolation");
  body(f.call("DisassociateRouteTable", {{"AssociationId", association}}));
  CHECK(error(f.call("DisassociateRouteTable", {{"AssociationId", association}})).code ==
        "InvalidAssociationID.NotFound");
  body(f.call("DeleteRouteTable", {{"RouteTableId", table}}));
  body(f.call("DeleteInternetGateway", {{"InternetGatewayId", igw}}));
  body(f.call("DeleteSubnet", {{"SubnetId", subnet}}));
  body(f.call("DeleteVpc", {{"VpcId", vpc}}));
}

TEST_CASE("ec2: DescribeAccountAttributes answers from the configuration", "[ec2][routes]") {
  Ec2Fixture f("ec2: {max_instances: 64, max_elastic_ips: 7}\n");
  const auto all = body(f.call("DescribeAccountAttributes"))["accountAttributeSet"];
  std::map<std::string, std::string> values;
  for (const auto& a : all) values[a["attributeName"]] = a["attributeValueSet"][0]["attributeValue"];
  CHECK(values["supported-platforms"] == "VPC");
  CHECK(values["default-vpc"] == default_vpc_id(kAccount, "us-east-1"));
  CHECK(values["max-instances"] == "64");
  CHECK(values["vpc-max-elastic-ips"] == "7");
  CHECK(values["vpc-max-security-groups-per-interface"] == "5");
  CHECK(body(f.call("DescribeAccountAttributes", {{"AttributeName", {"default-vpc"}}}))["accountAttributeSet"].size() ==
        1);
  CHECK(error(f.call("DescribeAccountAttributes", {{"AttributeName", {"colour"}}})).code == "InvalidParameterValue");
}

}  // namespace
}  // namespace chokepoint::test
