#include "services/ec2/ec2_default_network_describe.hpp"

#include <algorithm>

#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_filters.hpp"
#include "services/ec2/ec2_network.hpp"
#include "services/ec2/ec2_pagination.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_regions.hpp"
#include "services/ec2/ec2_resources.hpp"
#include "services/ec2/ec2_tags.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

constexpr std::string_view kVpcCidr = "172.31.0.0/16";
constexpr int kUsableAddressesPerSubnet = 4091;  // a /20 less the five addresses AWS reserves

// One described resource: its id, its JSON as EC2 answers it, and the values each filter name sees.
struct NetworkItem {
  std::string id;
  json body;
  std::map<std::string, std::vector<std::string>, std::less<>> fields;
};

// What every Describe here shares: ids the call names (each must exist), filters, paging, DryRun, and tags.
struct NetworkQuery {
  std::vector<std::string> ids;
  std::vector<Ec2Filter> filters;
  Ec2Page page;
};

Result<NetworkQuery> read_query(const ApiRequest& request, const char* id_param,
                                std::initializer_list<std::string_view> filter_names) {
  NetworkQuery q;
  q.ids = distinct_param_strings(request.params, id_param);
  const std::vector<std::string_view> names(filter_names);
  auto filters = read_filters(request.params, [&](std::string_view name) {
    return is_tag_filter(name) || std::find(names.begin(), names.end(), name) != names.end();
  });
  if (!filters) return filters.error();
  q.filters = std::move(*filters);
  auto page = read_page(request.params, 5, 1000);
  if (!page) return page.error();
  q.page = *page;
  if (auto e = check_dry_run(request.params)) return *e;
  return q;
}

// The items the query keeps, one page of them, under `set_name`; `not_found` names the first id that matches
// nothing ("The vpc ID 'vpc-1' does not exist").
ApiResult answer(const NetworkQuery& q, std::vector<NetworkItem> items, const char* set_name,
                 const char* not_found_code, const std::string& not_found_noun) {
  for (const auto& id : q.ids) {
    if (std::none_of(items.begin(), items.end(), [&](const NetworkItem& i) { return i.id == id; })) {
      return ec2_error(not_found_code, "The " + not_found_noun + " '" + id + "' does not exist");
    }
  }
  ApiResponse response;
  auto& out = response.body[set_name] = json::array();
  const std::string next = paginate(
      q.page, items, [&](const NetworkItem& item) { return static_cast<uint64_t>(&item - items.data()); },
      [&](const NetworkItem& item) {
        if (!q.ids.empty() && std::find(q.ids.begin(), q.ids.end(), item.id) == q.ids.end()) return false;
        return filters_match(q.filters, [&](const std::string& name) {
          const auto it = item.fields.find(name);
          return it == item.fields.end() ? std::vector<std::string>{} : it->second;
        });
      },
      [&](const NetworkItem& item) { out.push_back(item.body); });
  if (!next.empty()) response.body["nextToken"] = next;
  return response;
}

// Adds the resource's tags to its JSON and to the filter fields.
void add_tags(NetworkItem& item, const Ec2Tags& tags) {
  item.body["tagSet"] = tag_set_json(tags);
  for (const auto& [key, value] : tags) {
    item.fields["tag:" + key].push_back(value);
    item.fields["tag-key"].push_back(key);
    item.fields["tag-value"].push_back(value);
  }
}

Ec2Tags tags_for(const std::map<std::string, Ec2Tags>& all, const std::string& id) {
  const auto it = all.find(id);
  return it == all.end() ? Ec2Tags{} : it->second;
}

std::map<std::string, Ec2Tags> region_tags(Ec2Store& store, const Ec2Scope& scope, const CallContext& ctx) {
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings,
                           [](Ec2RegionState& state) { return state.resource_tags; });
}

std::string subnet_cidr(size_t zone_index) {
  return "172.31." + std::to_string((zone_index % 16) * 16) + ".0/20";
}

}  // namespace

ApiResult describe_vpcs(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto q = read_query(request, "VpcId",
                      {"vpc-id", "cidr", "cidr-block-association.cidr-block", "cidr-block-association.state",
                       "dhcp-options-id", "is-default", "owner-id", "state"});
  if (!q) return q.error();
  const Ec2Scope scope = scope_of(request, ctx);
  const std::string vpc = default_vpc_id(scope.account, scope.region.name);
  const std::string dhcp = derived_id("dopt", scope.account + "/" + scope.region.name);
  NetworkItem item{vpc,
                   {{"vpcId", vpc},
                    {"ownerId", scope.account},
                    {"state", "available"},
                    {"cidrBlock", kVpcCidr},
                    {"cidrBlockAssociationSet", json::array({{{"associationId", derived_id("vpc-cidr-assoc", vpc)},
                                                              {"cidrBlock", kVpcCidr},
                                                              {"cidrBlockState", {{"state", "associated"}}}}})},
                    {"dhcpOptionsId", dhcp},
                    {"instanceTenancy", "default"},
                    {"isDefault", true}},
                   {{"vpc-id", {vpc}},
                    {"cidr", {std::string(kVpcCidr)}},
                    {"cidr-block-association.cidr-block", {std::string(kVpcCidr)}},
                    {"cidr-block-association.state", {"associated"}},
                    {"dhcp-options-id", {dhcp}},
                    {"is-default", {"true"}},
                    {"owner-id", {scope.account}},
                    {"state", {"available"}}}};
  add_tags(item, tags_for(region_tags(store, scope, ctx), vpc));
  return answer(*q, {std::move(item)}, "vpcSet", "InvalidVpcID.NotFound", "vpc ID");
}

ApiResult describe_subnets(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto q =
      read_query(request, "SubnetId",
                 {"subnet-id", "vpc-id", "availability-zone", "availability-zone-id", "cidr", "cidr-block", "cidrBlock",
                  "default-for-az", "defaultForAz", "state", "owner-id", "map-public-ip-on-launch", "subnet-arn"});
  if (!q) return q.error();
  const Ec2Scope scope = scope_of(request, ctx);
  const std::string vpc = default_vpc_id(scope.account, scope.region.name);
  const auto tags = region_tags(store, scope, ctx);
  std::vector<NetworkItem> items;
  for (size_t i = 0; i < scope.region.zones.size(); ++i) {
    const std::string& zone = scope.region.zones[i];
    const std::string id = default_subnet_id(scope.account, scope.region.name, zone);
    const std::string arn = "arn:aws:ec2:" + scope.region.name + ":" + scope.account + ":subnet/" + id;
    const std::string cidr = subnet_cidr(i);
    const std::string zone_ref = zone_id(scope.region.name, i);
    NetworkItem item{id,
                     {{"subnetId", id},
                      {"subnetArn", arn},
                      {"state", "available"},
                      {"vpcId", vpc},
                      {"cidrBlock", cidr},
                      {"availableIpAddressCount", kUsableAddressesPerSubnet},
                      {"availabilityZone", zone},
                      {"availabilityZoneId", zone_ref},
                      {"defaultForAz", true},
                      {"mapPublicIpOnLaunch", true},
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
                     {{"subnet-id", {id}},
                      {"vpc-id", {vpc}},
                      {"availability-zone", {zone}},
                      {"availability-zone-id", {zone_ref}},
                      {"cidr", {cidr}},
                      {"cidr-block", {cidr}},
                      {"cidrBlock", {cidr}},
                      {"default-for-az", {"true"}},
                      {"defaultForAz", {"true"}},
                      {"state", {"available"}},
                      {"owner-id", {scope.account}},
                      {"map-public-ip-on-launch", {"true"}},
                      {"subnet-arn", {arn}}}};
    add_tags(item, tags_for(tags, id));
    items.push_back(std::move(item));
  }
  return answer(*q, std::move(items), "subnetSet", "InvalidSubnetID.NotFound", "subnet ID");
}

ApiResult describe_security_groups(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto q = read_query(request, "GroupId",
                      {"group-id", "group-name", "description", "vpc-id", "owner-id", "ip-permission.protocol",
                       "egress.ip-permission.protocol", "egress.ip-permission.cidr", "ip-permission.group-id"});
  if (!q) return q.error();
  const Ec2Scope scope = scope_of(request, ctx);
  const std::string vpc = default_vpc_id(scope.account, scope.region.name);
  const std::string group = default_security_group_id(scope.account, scope.region.name);
  // The default group admits everything from its own members and lets everything out.
  const json self_pair = json::array({{{"groupId", group}, {"userId", scope.account}}});
  NetworkItem item{
      group,
      {{"groupId", group},
       {"groupName", "default"},
       {"groupDescription", "default VPC security group"},
       {"ownerId", scope.account},
       {"vpcId", vpc},
       {"securityGroupArn", "arn:aws:ec2:" + scope.region.name + ":" + scope.account + ":security-group/" + group},
       {"ipPermissions", json::array({{{"ipProtocol", "-1"},
                                       {"groups", self_pair},
                                       {"ipRanges", json::array()},
                                       {"ipv6Ranges", json::array()},
                                       {"prefixListIds", json::array()}}})},
       {"ipPermissionsEgress", json::array({{{"ipProtocol", "-1"},
                                             {"groups", json::array()},
                                             {"ipRanges", json::array({{{"cidrIp", "0.0.0.0/0"}}})},
                                             {"ipv6Ranges", json::array()},
                                             {"prefixListIds", json::array()}}})}},
      {{"group-id", {group}},
       {"group-name", {"default"}},
       {"description", {"default VPC security group"}},
       {"vpc-id", {vpc}},
       {"owner-id", {scope.account}},
       {"ip-permission.protocol", {"-1"}},
       {"ip-permission.group-id", {group}},
       {"egress.ip-permission.protocol", {"-1"}},
       {"egress.ip-permission.cidr", {"0.0.0.0/0"}}}};
  add_tags(item, tags_for(region_tags(store, scope, ctx), group));
  // GroupName.N names groups of the default VPC.
  for (const auto& name : distinct_param_strings(request.params, "GroupName")) {
    if (name != "default") {
      return ec2_error("InvalidGroup.NotFound",
                       "The security group '" + name + "' does not exist in default VPC '" + vpc + "'");
    }
  }
  return answer(*q, {std::move(item)}, "securityGroupInfo", "InvalidGroup.NotFound", "security group");
}

}  // namespace chokepoint
