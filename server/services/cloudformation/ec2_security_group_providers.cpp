// AWS::EC2::SecurityGroup (Ref: the group id, as for every VPC group; GetAtt GroupId, VpcId) with its
// SecurityGroupIngress and SecurityGroupEgress rules, and AWS::EC2::SecurityGroupIngress (Ref and GetAtt Id: the rule
// id), as https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-securitygroup.html
// documents them. A template's egress rules replace the group's default all-traffic rule.
#include "services/cloudformation/builtin_providers.hpp"
#include "services/cloudformation/ec2_network_provider.hpp"
#include "services/cloudformation/intrinsic_functions.hpp"
#include "services/cloudformation/provider_support.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

constexpr size_t kMaxGroupNameLength = 255;

// One CloudFormation rule ({IpProtocol, FromPort, ToPort, CidrIp, CidrIpv6, SourceSecurityGroupId, ...}) as an
// EC2 IpPermissions entry.
json ip_permission(const json& rule, bool egress) {
  json permission = {{"IpProtocol", prop_string(rule, "IpProtocol").value_or("-1")}};
  for (const char* key : {"FromPort", "ToPort"}) {
    if (auto value = prop_string(rule, key)) permission[key] = *value;
  }
  const json description = prop_string(rule, "Description") ? json(*prop_string(rule, "Description")) : json();
  const auto peer = [&](const char* list, const char* member, const std::string& value) {
    json entry = {{member, value}};
    if (!description.is_null()) entry["Description"] = description;
    permission[list] = json::array({entry});
  };
  if (auto cidr = prop_string(rule, "CidrIp")) peer("IpRanges", "CidrIp", *cidr);
  if (auto cidr = prop_string(rule, "CidrIpv6")) peer("Ipv6Ranges", "CidrIpv6", *cidr);
  if (auto group = prop_string(rule, egress ? "DestinationSecurityGroupId" : "SourceSecurityGroupId")) {
    peer("Groups", "GroupId", *group);
  }
  if (auto list = prop_string(rule, egress ? "DestinationPrefixListId" : "SourcePrefixListId")) {
    peer("PrefixListIds", "PrefixListId", *list);
  }
  return permission;
}

json permissions(const json& props, const char* key, bool egress) {
  json out = json::array();
  const json rules = props.is_object() ? props.value(key, json::array()) : json::array();
  for (const auto& rule : rules.is_array() ? rules : json::array()) out.push_back(ip_permission(rule, egress));
  return out;
}

Ec2NetworkType security_group_type() {
  Ec2NetworkType t;
  t.type = "AWS::EC2::SecurityGroup";
  t.attributes = {"GroupId", "VpcId"};
  t.required = {"GroupDescription"};
  t.create = [](const json& props, const ResourceRequest& r) {
    json request = {{"GroupDescription", prop_string(props, "GroupDescription").value_or("")},
                    {"GroupName", prop_string(props, "GroupName").value_or(generated_name(r, kMaxGroupNameLength))}};
    if (auto vpc = prop_string(props, "VpcId")) request["VpcId"] = *vpc;
    if (const json tags = network_tag_specification(props, r, "security-group"); !tags.is_null()) {
      request["TagSpecification"] = tags;
    }
    return Ec2NetworkCall{"CreateSecurityGroup", request, {}, nullptr};
  };
  t.physical_id = [](const json& answer, const json&) { return answer_text(answer, "groupId"); };
  t.attributes_of = [](const json& answer, const json&) { return json{{"GroupId", answer_text(answer, "groupId")}}; };
  t.follow_ups = [](const std::string& id, const json& props) {
    std::vector<Ec2NetworkCall> calls;
    // The group's VPC, for Fn::GetAtt VpcId (the default VPC's when the template names none).
    calls.push_back({"DescribeSecurityGroups", {{"GroupId", {id}}}, {}, [](const json& answer, json& attributes) {
                       const json groups = answer.value("securityGroupInfo", json::array());
                       if (!groups.empty()) attributes["VpcId"] = answer_text(groups[0], "vpcId");
                     }});
    if (const json ingress = permissions(props, "SecurityGroupIngress", false); !ingress.empty()) {
      calls.push_back({"AuthorizeSecurityGroupIngress", {{"GroupId", id}, {"IpPermissions", ingress}}, {}, nullptr});
    }
    if (const json egress = permissions(props, "SecurityGroupEgress", true); !egress.empty()) {
      const json all_out = {{{"IpProtocol", "-1"}, {"IpRanges", {{{"CidrIp", "0.0.0.0/0"}}}}}};
      calls.push_back({"RevokeSecurityGroupEgress",
                       {{"GroupId", id}, {"IpPermissions", all_out}},
                       {"InvalidPermission.NotFound"},
                       nullptr});
      calls.push_back({"AuthorizeSecurityGroupEgress",
                       {{"GroupId", id}, {"IpPermissions", egress}},
                       {"InvalidPermission.Duplicate"},
                       nullptr});
    }
    return calls;
  };
  t.remove = [](const std::string& id, const json&) {
    return Ec2NetworkCall{"DeleteSecurityGroup", {{"GroupId", id}}, {"InvalidGroup.NotFound"}, nullptr};
  };
  return t;
}

Ec2NetworkType security_group_ingress_type() {
  Ec2NetworkType t;
  t.type = "AWS::EC2::SecurityGroupIngress";
  t.attributes = {"Id"};
  t.required = {"IpProtocol"};
  t.create = [](const json& props, const ResourceRequest&) {
    json request = {{"IpPermissions", json::array({ip_permission(props, false)})}};
    if (auto id = prop_string(props, "GroupId")) request["GroupId"] = *id;
    if (auto name = prop_string(props, "GroupName")) request["GroupName"] = *name;
    return Ec2NetworkCall{"AuthorizeSecurityGroupIngress", request, {}, nullptr};
  };
  t.physical_id = [](const json& answer, const json&) {
    const json rules = answer.value("securityGroupRuleSet", json::array());
    return rules.empty() ? std::string() : answer_text(rules[0], "securityGroupRuleId");
  };
  t.attributes_of = [](const json& answer, const json&) {
    const json rules = answer.value("securityGroupRuleSet", json::array());
    return json{{"Id", rules.empty() ? std::string() : answer_text(rules[0], "securityGroupRuleId")}};
  };
  t.remove = [](const std::string& id, const json& props) {
    json request = {{"SecurityGroupRuleId", {id}}};
    if (auto group = prop_string(props, "GroupId")) request["GroupId"] = *group;
    if (auto name = prop_string(props, "GroupName")) request["GroupName"] = *name;
    return Ec2NetworkCall{"RevokeSecurityGroupIngress",
                          request,
                          {"InvalidSecurityGroupRuleId.NotFound", "InvalidGroup.NotFound"},
                          nullptr};
  };
  return t;
}

}  // namespace

std::unique_ptr<ResourceProvider> make_ec2_security_group_provider() {
  return make_ec2_network_provider(security_group_type());
}
std::unique_ptr<ResourceProvider> make_ec2_security_group_ingress_provider() {
  return make_ec2_network_provider(security_group_ingress_type());
}

}  // namespace chokepoint
