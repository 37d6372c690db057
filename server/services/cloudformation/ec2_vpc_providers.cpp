// AWS::EC2::VPC, Subnet, InternetGateway, VPCGatewayAttachment, RouteTable, Route and
// SubnetRouteTableAssociation, with Ref and Fn::GetAtt values as AWS's resource type reference documents them
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-vpc.html and its neighbours):
// ids for Ref, except the attachment ("IGW|vpc-...") and the route ("rtb-...|0.0.0.0/0").
#include "services/cloudformation/builtin_providers.hpp"
#include "services/cloudformation/ec2_network_provider.hpp"
#include "services/cloudformation/intrinsic_functions.hpp"
#include "services/cloudformation/provider_support.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

// The named properties as text members of an EC2 request.
json copied(const json& props, std::initializer_list<const char*> keys, json request = json::object()) {
  for (const char* key : keys) {
    if (auto value = prop_string(props, key)) request[key] = *value;
  }
  return request;
}

void add_tags(json& request, const json& props, const ResourceRequest& r, const std::string& type) {
  if (const json tags = network_tag_specification(props, r, type); !tags.is_null()) request["TagSpecification"] = tags;
}

// A split "A|B" id.
std::pair<std::string, std::string> halves(const std::string& id) {
  const auto bar = id.find('|');
  if (bar == std::string::npos) return {id, ""};
  return {id.substr(0, bar), id.substr(bar + 1)};
}

Ec2NetworkType vpc_type() {
  Ec2NetworkType t;
  t.type = "AWS::EC2::VPC";
  t.attributes = {"CidrBlock", "CidrBlockAssociations", "DefaultSecurityGroup", "Ipv6CidrBlocks", "VpcId"};
  t.required = {"CidrBlock"};
  t.create = [](const json& props, const ResourceRequest& r) {
    json request = copied(props, {"CidrBlock", "InstanceTenancy"});
    add_tags(request, props, r, "vpc");
    return Ec2NetworkCall{"CreateVpc", request, {}, nullptr};
  };
  t.physical_id = [](const json& answer, const json&) { return answer_text(answer.value("vpc", json()), "vpcId"); };
  t.attributes_of = [](const json& answer, const json&) {
    const json vpc = answer.value("vpc", json::object());
    json associations = json::array();
    for (const auto& a : vpc.value("cidrBlockAssociationSet", json::array())) {
      associations.push_back(answer_text(a, "associationId"));
    }
    return json{{"CidrBlock", answer_text(vpc, "cidrBlock")},
                {"CidrBlockAssociations", associations},
                {"Ipv6CidrBlocks", json::array()},
                {"VpcId", answer_text(vpc, "vpcId")}};
  };
  t.follow_ups = [](const std::string& id, const json& props) {
    std::vector<Ec2NetworkCall> calls;
    // DNS support first: hostnames need it.
    for (const char* key : {"EnableDnsSupport", "EnableDnsHostnames"}) {
      if (auto value = prop_string(props, key)) {
        calls.push_back({"ModifyVpcAttribute", {{"VpcId", id}, {key, {{"Value", *value}}}}, {}, nullptr});
      }
    }
    // The VPC's default group, for Fn::GetAtt DefaultSecurityGroup.
    json filters =
        json::array({{{"Name", "vpc-id"}, {"Value", {id}}}, {{"Name", "group-name"}, {"Value", {"default"}}}});
    calls.push_back({"DescribeSecurityGroups", {{"Filter", filters}}, {}, [](const json& answer, json& attributes) {
                       const json groups = answer.value("securityGroupInfo", json::array());
                       if (!groups.empty()) attributes["DefaultSecurityGroup"] = answer_text(groups[0], "groupId");
                     }});
    return calls;
  };
  t.remove = [](const std::string& id, const json&) {
    return Ec2NetworkCall{"DeleteVpc", {{"VpcId", id}}, {"InvalidVpcID.NotFound"}, nullptr};
  };
  return t;
}

Ec2NetworkType subnet_type() {
  Ec2NetworkType t;
  t.type = "AWS::EC2::Subnet";
  t.attributes = {"AvailabilityZone", "AvailabilityZoneId", "CidrBlock", "Ipv6CidrBlocks", "SubnetId", "VpcId"};
  t.required = {"VpcId"};
  t.create = [](const json& props, const ResourceRequest& r) {
    json request = copied(props, {"VpcId", "CidrBlock", "AvailabilityZone", "AvailabilityZoneId"});
    add_tags(request, props, r, "subnet");
    return Ec2NetworkCall{"CreateSubnet", request, {}, nullptr};
  };
  t.physical_id = [](const json& answer, const json&) {
    return answer_text(answer.value("subnet", json()), "subnetId");
  };
  t.attributes_of = [](const json& answer, const json&) {
    const json subnet = answer.value("subnet", json::object());
    return json{{"AvailabilityZone", answer_text(subnet, "availabilityZone")},
                {"AvailabilityZoneId", answer_text(subnet, "availabilityZoneId")},
                {"CidrBlock", answer_text(subnet, "cidrBlock")},
                {"Ipv6CidrBlocks", json::array()},
                {"SubnetId", answer_text(subnet, "subnetId")},
                {"VpcId", answer_text(subnet, "vpcId")}};
  };
  t.follow_ups = [](const std::string& id, const json& props) {
    std::vector<Ec2NetworkCall> calls;
    if (auto value = prop_string(props, "MapPublicIpOnLaunch")) {
      calls.push_back(
          {"ModifySubnetAttribute", {{"SubnetId", id}, {"MapPublicIpOnLaunch", {{"Value", *value}}}}, {}, nullptr});
    }
    return calls;
  };
  t.remove = [](const std::string& id, const json&) {
    return Ec2NetworkCall{"DeleteSubnet", {{"SubnetId", id}}, {"InvalidSubnetID.NotFound"}, nullptr};
  };
  return t;
}

Ec2NetworkType internet_gateway_type() {
  Ec2NetworkType t;
  t.type = "AWS::EC2::InternetGateway";
  t.attributes = {"InternetGatewayId"};
  t.create = [](const json& props, const ResourceRequest& r) {
    json request = json::object();
    add_tags(request, props, r, "internet-gateway");
    return Ec2NetworkCall{"CreateInternetGateway", request, {}, nullptr};
  };
  t.physical_id = [](const json& answer, const json&) {
    return answer_text(answer.value("internetGateway", json()), "internetGatewayId");
  };
  t.attributes_of = [](const json& answer, const json&) {
    return json{{"InternetGatewayId", answer_text(answer.value("internetGateway", json()), "internetGatewayId")}};
  };
  t.remove = [](const std::string& id, const json&) {
    return Ec2NetworkCall{
        "DeleteInternetGateway", {{"InternetGatewayId", id}}, {"InvalidInternetGatewayID.NotFound"}, nullptr};
  };
  return t;
}

Ec2NetworkType gateway_attachment_type() {
  Ec2NetworkType t;
  t.type = "AWS::EC2::VPCGatewayAttachment";
  t.attributes = {"AttachmentType", "VpcId"};
  t.required = {"VpcId", "InternetGatewayId"};
  t.create = [](const json& props, const ResourceRequest&) {
    return Ec2NetworkCall{"AttachInternetGateway", copied(props, {"InternetGatewayId", "VpcId"}), {}, nullptr};
  };
  t.physical_id = [](const json&, const json& props) { return "IGW|" + prop_string(props, "VpcId").value_or(""); };
  t.attributes_of = [](const json&, const json& props) {
    return json{{"AttachmentType", "igw"}, {"VpcId", prop_string(props, "VpcId").value_or("")}};
  };
  t.remove = [](const std::string& id, const json& props) {
    return Ec2NetworkCall{
        "DetachInternetGateway",
        {{"InternetGatewayId", prop_string(props, "InternetGatewayId").value_or("")}, {"VpcId", halves(id).second}},
        {"Gateway.NotAttached", "InvalidInternetGatewayID.NotFound", "InvalidVpcID.NotFound"},
        nullptr};
  };
  return t;
}

Ec2NetworkType route_table_type() {
  Ec2NetworkType t;
  t.type = "AWS::EC2::RouteTable";
  t.attributes = {"RouteTableId"};
  t.required = {"VpcId"};
  t.create = [](const json& props, const ResourceRequest& r) {
    json request = copied(props, {"VpcId"});
    add_tags(request, props, r, "route-table");
    return Ec2NetworkCall{"CreateRouteTable", request, {}, nullptr};
  };
  t.physical_id = [](const json& answer, const json&) {
    return answer_text(answer.value("routeTable", json()), "routeTableId");
  };
  t.attributes_of = [](const json& answer, const json&) {
    return json{{"RouteTableId", answer_text(answer.value("routeTable", json()), "routeTableId")}};
  };
  t.remove = [](const std::string& id, const json&) {
    return Ec2NetworkCall{"DeleteRouteTable", {{"RouteTableId", id}}, {"InvalidRouteTableID.NotFound"}, nullptr};
  };
  return t;
}

Ec2NetworkType route_type() {
  Ec2NetworkType t;
  t.type = "AWS::EC2::Route";
  t.attributes = {"CidrBlock"};
  t.required = {"RouteTableId", "DestinationCidrBlock"};
  t.create = [](const json& props, const ResourceRequest&) {
    return Ec2NetworkCall{"CreateRoute",
                          copied(props, {"RouteTableId", "DestinationCidrBlock", "GatewayId", "NatGatewayId",
                                         "InstanceId", "NetworkInterfaceId", "VpcPeeringConnectionId",
                                         "TransitGatewayId", "EgressOnlyInternetGatewayId", "VpcEndpointId"}),
                          {},
                          nullptr};
  };
  t.physical_id = [](const json&, const json& props) {
    return prop_string(props, "RouteTableId").value_or("") + "|" +
           prop_string(props, "DestinationCidrBlock").value_or("");
  };
  t.attributes_of = [](const json&, const json& props) {
    return json{{"CidrBlock", prop_string(props, "DestinationCidrBlock").value_or("")}};
  };
  t.remove = [](const std::string& id, const json&) {
    const auto [table, destination] = halves(id);
    return Ec2NetworkCall{"DeleteRoute",
                          {{"RouteTableId", table}, {"DestinationCidrBlock", destination}},
                          {"InvalidRoute.NotFound", "InvalidRouteTableID.NotFound"},
                          nullptr};
  };
  return t;
}

Ec2NetworkType route_table_association_type() {
  Ec2NetworkType t;
  t.type = "AWS::EC2::SubnetRouteTableAssociation";
  t.attributes = {"Id"};
  t.required = {"RouteTableId", "SubnetId"};
  t.create = [](const json& props, const ResourceRequest&) {
    return Ec2NetworkCall{"AssociateRouteTable", copied(props, {"RouteTableId", "SubnetId"}), {}, nullptr};
  };
  t.physical_id = [](const json& answer, const json&) { return answer_text(answer, "associationId"); };
  t.attributes_of = [](const json& answer, const json&) { return json{{"Id", answer_text(answer, "associationId")}}; };
  t.remove = [](const std::string& id, const json&) {
    return Ec2NetworkCall{
        "DisassociateRouteTable", {{"AssociationId", id}}, {"InvalidAssociationID.NotFound"}, nullptr};
  };
  return t;
}

}  // namespace

std::unique_ptr<ResourceProvider> make_ec2_vpc_provider() {
  return make_ec2_network_provider(vpc_type());
}
std::unique_ptr<ResourceProvider> make_ec2_subnet_provider() {
  return make_ec2_network_provider(subnet_type());
}
std::unique_ptr<ResourceProvider> make_ec2_internet_gateway_provider() {
  return make_ec2_network_provider(internet_gateway_type());
}
std::unique_ptr<ResourceProvider> make_ec2_gateway_attachment_provider() {
  return make_ec2_network_provider(gateway_attachment_type());
}
std::unique_ptr<ResourceProvider> make_ec2_route_table_provider() {
  return make_ec2_network_provider(route_table_type());
}
std::unique_ptr<ResourceProvider> make_ec2_route_provider() {
  return make_ec2_network_provider(route_type());
}
std::unique_ptr<ResourceProvider> make_ec2_route_table_association_provider() {
  return make_ec2_network_provider(route_table_association_type());
}

}  // namespace chokepoint
