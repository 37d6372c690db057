#include "services/ec2/ec2_vpc_json.hpp"

#include "common/ipv4.hpp"
#include "services/ec2/ec2_network.hpp"
#include "services/ec2/ec2_regions.hpp"
#include "services/ec2/ec2_tags.hpp"
#include "services/ec2/ec2_vpc_views.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

constexpr int kReservedAddressesPerSubnet = 5;  // the first four and the last, as AWS reserves them
constexpr int kDefaultSubnetFreeAddresses = 4091;

const char* flag(bool value) {
  return value ? "true" : "false";
}

long long live_instances_in(const Ec2RegionState& state, const std::string& subnet_id) {
  long long n = 0;
  for (const auto& [_, instance] : state.instances) {
    if (instance.subnet_id == subnet_id && instance.state != Ec2InstanceState::kTerminated) ++n;
  }
  return n;
}

// The filter fields of one rule under `prefix` ("ip-permission." or "egress.ip-permission.").
void add_rule_fields(NetworkItem& item, const Ec2GroupRule& r) {
  const std::string p = r.egress ? "egress.ip-permission." : "ip-permission.";
  item.fields[p + "protocol"].push_back(r.protocol);
  if (r.protocol != "-1") {
    item.fields[p + "from-port"].push_back(std::to_string(r.from_port));
    item.fields[p + "to-port"].push_back(std::to_string(r.to_port));
  }
  if (!r.cidr_ipv4.empty()) item.fields[p + "cidr"].push_back(r.cidr_ipv4);
  if (!r.cidr_ipv6.empty()) item.fields[p + "ipv6-cidr"].push_back(r.cidr_ipv6);
  if (!r.group_id.empty()) {
    item.fields[p + "group-id"].push_back(r.group_id);
    item.fields[p + "user-id"].push_back(r.group_owner);
  }
  if (!r.prefix_list_id.empty()) item.fields[p + "prefix-list-id"].push_back(r.prefix_list_id);
}

json with_description(json entry, const std::string& description) {
  if (!description.empty()) entry["description"] = description;
  return entry;
}

}  // namespace

void add_network_tags(NetworkItem& item, const Ec2Tags& tags) {
  item.body["tagSet"] = tag_set_json(tags);
  for (const auto& [key, value] : tags) {
    item.fields["tag:" + key].push_back(value);
    item.fields["tag-key"].push_back(key);
    item.fields["tag-value"].push_back(value);
  }
}

const std::vector<std::string_view> kVpcFilterNames = {"vpc-id",
                                                       "cidr",
                                                       "cidr-block-association.cidr-block",
                                                       "cidr-block-association.association-id",
                                                       "cidr-block-association.state",
                                                       "dhcp-options-id",
                                                       "is-default",
                                                       "owner-id",
                                                       "state"};

const std::vector<std::string_view> kSubnetFilterNames = {"subnet-id",
                                                          "vpc-id",
                                                          "availability-zone",
                                                          "availability-zone-id",
                                                          "available-ip-address-count",
                                                          "cidr",
                                                          "cidr-block",
                                                          "cidrBlock",
                                                          "default-for-az",
                                                          "defaultForAz",
                                                          "state",
                                                          "owner-id",
                                                          "map-public-ip-on-launch",
                                                          "subnet-arn"};

const std::vector<std::string_view> kGroupFilterNames = {"group-id",
                                                         "group-name",
                                                         "description",
                                                         "vpc-id",
                                                         "owner-id",
                                                         "ip-permission.protocol",
                                                         "ip-permission.from-port",
                                                         "ip-permission.to-port",
                                                         "ip-permission.cidr",
                                                         "ip-permission.ipv6-cidr",
                                                         "ip-permission.group-id",
                                                         "ip-permission.user-id",
                                                         "ip-permission.prefix-list-id",
                                                         "egress.ip-permission.protocol",
                                                         "egress.ip-permission.from-port",
                                                         "egress.ip-permission.to-port",
                                                         "egress.ip-permission.cidr",
                                                         "egress.ip-permission.ipv6-cidr",
                                                         "egress.ip-permission.group-id",
                                                         "egress.ip-permission.user-id",
                                                         "egress.ip-permission.prefix-list-id"};

NetworkItem vpc_item(const Ec2Vpc& vpc, const Ec2Scope& scope, const Ec2RegionState& state) {
  const std::string dhcp = derived_id("dopt", scope.account + "/" + scope.region.name);
  const bool is_default = is_default_vpc(scope, vpc.id);
  NetworkItem item{vpc.id,
                   {{"vpcId", vpc.id},
                    {"ownerId", scope.account},
                    {"state", "available"},
                    {"cidrBlock", vpc.cidr},
                    {"cidrBlockAssociationSet", json::array({{{"associationId", vpc.cidr_association_id},
                                                              {"cidrBlock", vpc.cidr},
                                                              {"cidrBlockState", {{"state", "associated"}}}}})},
                    {"dhcpOptionsId", dhcp},
                    {"instanceTenancy", vpc.tenancy},
                    {"isDefault", is_default}},
                   {{"vpc-id", {vpc.id}},
                    {"cidr", {vpc.cidr}},
                    {"cidr-block-association.cidr-block", {vpc.cidr}},
                    {"cidr-block-association.association-id", {vpc.cidr_association_id}},
                    {"cidr-block-association.state", {"associated"}},
                    {"dhcp-options-id", {dhcp}},
                    {"is-default", {flag(is_default)}},
                    {"owner-id", {scope.account}},
                    {"state", {"available"}}}};
  add_network_tags(item, existing_tags(state, vpc.id));
  return item;
}

NetworkItem subnet_item(const Ec2Subnet& subnet, const Ec2Scope& scope, const Ec2RegionState& state) {
  const std::string& zone = scope.region.zones[subnet.zone_index];
  const std::string arn = "arn:aws:ec2:" + scope.region.name + ":" + scope.account + ":subnet/" + subnet.id;
  const std::string zone_ref = zone_id(scope.region.name, subnet.zone_index);
  const bool is_default = is_default_subnet(scope, subnet);
  const auto cidr = parse_ipv4_cidr(subnet.cidr);
  const long long free_addresses = is_default ? kDefaultSubnetFreeAddresses
                                              : static_cast<long long>(cidr ? cidr->size() : 0) -
                                                    kReservedAddressesPerSubnet - live_instances_in(state, subnet.id);
  NetworkItem item{subnet.id,
                   {{"subnetId", subnet.id},
                    {"subnetArn", arn},
                    {"state", "available"},
                    {"vpcId", subnet.vpc_id},
                    {"cidrBlock", subnet.cidr},
                    {"availableIpAddressCount", free_addresses},
                    {"availabilityZone", zone},
                    {"availabilityZoneId", zone_ref},
                    {"defaultForAz", is_default},
                    {"mapPublicIpOnLaunch", subnet.map_public_ip},
                    {"mapCustomerOwnedIpOnLaunch", false},
                    {"assignIpv6AddressOnCreation", false},
                    {"ipv6CidrBlockAssociationSet", json::array()},
                    {"enableDns64", false},
                    {"ipv6Native", false},
                    {"ownerId", scope.account},
                    {"privateDnsNameOptionsOnLaunch",
                     {{"hostnameType", "ip-name"},
                      {"enableResourceNameDnsARecord", false},
                      {"enableResourceNameDnsAAAARecord", false}}}},
                   {{"subnet-id", {subnet.id}},
                    {"vpc-id", {subnet.vpc_id}},
                    {"availability-zone", {zone}},
                    {"availability-zone-id", {zone_ref}},
                    {"available-ip-address-count", {std::to_string(free_addresses)}},
                    {"cidr", {subnet.cidr}},
                    {"cidr-block", {subnet.cidr}},
                    {"cidrBlock", {subnet.cidr}},
                    {"default-for-az", {flag(is_default)}},
                    {"defaultForAz", {flag(is_default)}},
                    {"state", {"available"}},
                    {"owner-id", {scope.account}},
                    {"map-public-ip-on-launch", {flag(subnet.map_public_ip)}},
                    {"subnet-arn", {arn}}}};
  add_network_tags(item, existing_tags(state, subnet.id));
  return item;
}

json ip_permissions_json(const std::vector<Ec2GroupRule>& rules, bool egress) {
  json out = json::array();
  for (const auto& r : rules) {
    if (r.egress != egress) continue;
    json* entry = nullptr;
    for (auto& existing : out) {
      if (existing["ipProtocol"] == r.protocol &&
          existing.value("fromPort", -1) == (r.protocol == "-1" ? -1 : r.from_port) &&
          existing.value("toPort", -1) == (r.protocol == "-1" ? -1 : r.to_port)) {
        entry = &existing;
      }
    }
    if (!entry) {
      json fresh = {{"ipProtocol", r.protocol},
                    {"groups", json::array()},
                    {"ipRanges", json::array()},
                    {"ipv6Ranges", json::array()},
                    {"prefixListIds", json::array()}};
      if (r.protocol != "-1") {
        fresh["fromPort"] = r.from_port;
        fresh["toPort"] = r.to_port;
      }
      out.push_back(std::move(fresh));
      entry = &out.back();
    }
    if (!r.cidr_ipv4.empty())
      (*entry)["ipRanges"].push_back(with_description({{"cidrIp", r.cidr_ipv4}}, r.description));
    if (!r.cidr_ipv6.empty()) {
      (*entry)["ipv6Ranges"].push_back(with_description({{"cidrIpv6", r.cidr_ipv6}}, r.description));
    }
    if (!r.group_id.empty()) {
      (*entry)["groups"].push_back(
          with_description({{"groupId", r.group_id}, {"userId", r.group_owner}}, r.description));
    }
    if (!r.prefix_list_id.empty()) {
      (*entry)["prefixListIds"].push_back(with_description({{"prefixListId", r.prefix_list_id}}, r.description));
    }
  }
  return out;
}

NetworkItem group_item(const Ec2VpcGroup& group, const Ec2Scope& scope, const Ec2RegionState& state) {
  NetworkItem item{
      group.id,
      {{"groupId", group.id},
       {"groupName", group.name},
       {"groupDescription", group.description},
       {"ownerId", scope.account},
       {"vpcId", group.vpc_id},
       {"securityGroupArn", "arn:aws:ec2:" + scope.region.name + ":" + scope.account + ":security-group/" + group.id},
       {"ipPermissions", ip_permissions_json(group.rules, false)},
       {"ipPermissionsEgress", ip_permissions_json(group.rules, true)}},
      {{"group-id", {group.id}},
       {"group-name", {group.name}},
       {"description", {group.description}},
       {"vpc-id", {group.vpc_id}},
       {"owner-id", {scope.account}}}};
  for (const auto& rule : group.rules) add_rule_fields(item, rule);
  add_network_tags(item, existing_tags(state, group.id));
  return item;
}

json group_rule_json(const Ec2GroupRule& r, const Ec2VpcGroup& group, const Ec2Scope& scope, const Ec2Tags& tags) {
  json j = {{"securityGroupRuleId", r.id},
            {"groupId", group.id},
            {"groupOwnerId", scope.account},
            {"isEgress", r.egress},
            {"ipProtocol", r.protocol},
            {"fromPort", r.from_port},
            {"toPort", r.to_port},
            {"securityGroupRuleArn",
             "arn:aws:ec2:" + scope.region.name + ":" + scope.account + ":security-group-rule/" + r.id},
            {"tagSet", tag_set_json(tags)}};
  if (!r.cidr_ipv4.empty()) j["cidrIpv4"] = r.cidr_ipv4;
  if (!r.cidr_ipv6.empty()) j["cidrIpv6"] = r.cidr_ipv6;
  if (!r.prefix_list_id.empty()) j["prefixListId"] = r.prefix_list_id;
  if (!r.group_id.empty()) j["referencedGroupInfo"] = {{"groupId", r.group_id}, {"userId", r.group_owner}};
  if (!r.description.empty()) j["description"] = r.description;
  return j;
}

}  // namespace chokepoint
