// CreateSubnet, DeleteSubnet and ModifySubnetAttribute. A subnet's block is /16../28 and inside its VPC's block
// (InvalidSubnet.Range) and overlaps no other subnet of the VPC (InvalidSubnet.Conflict), as
// https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html describes.
#include <algorithm>

#include "common/ipv4.hpp"
#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_regions.hpp"
#include "services/ec2/ec2_tags.hpp"
#include "services/ec2/ec2_vpc_json.hpp"
#include "services/ec2/ec2_vpc_views.hpp"
#include "services/ec2/ec2_vpcs.hpp"

namespace chokepoint {

namespace {

constexpr int kLargestSubnetPrefix = 16;
constexpr int kSmallestSubnetPrefix = 28;

// AvailabilityZone or AvailabilityZoneId; without either, the zones take turns.
Result<size_t> read_subnet_zone(const nlohmann::json& params, const Ec2Scope& scope, size_t subnets_in_vpc) {
  const auto& zones = scope.region.zones;
  if (zones.empty()) return ec2_error("Unsupported", "The region " + scope.region.name + " has no availability zones.");
  const auto name = param_string(params, "AvailabilityZone");
  const auto id = param_string(params, "AvailabilityZoneId");
  if (name && id) {
    return ec2_error("InvalidParameterCombination",
                     "Only one of availabilityZone and availabilityZoneId may be specified.");
  }
  for (size_t i = 0; i < zones.size(); ++i) {
    if ((name && zones[i] == *name) || (id && zone_id(scope.region.name, i) == *id)) return i;
  }
  if (!name && !id) return subnets_in_vpc % zones.size();
  std::string listed;
  for (const auto& zone : zones) listed += (listed.empty() ? "" : ", ") + zone;
  return ec2_error("InvalidParameterValue", "Value (" + (name ? *name : *id) +
                                                ") for parameter availabilityZone is invalid. Subnets can currently "
                                                "only be created in the following availability zones: " +
                                                listed + ".");
}

std::optional<ApiError> check_subnet_cidr(const Ec2RegionState& state, const Ec2Vpc& vpc, const std::string& text) {
  const auto cidr = parse_ipv4_cidr(text);
  if (!cidr) {
    return ec2_error("InvalidParameterValue",
                     "Value (" + text + ") for parameter cidrBlock is invalid. This is not a valid CIDR block.");
  }
  const auto vpc_cidr = parse_ipv4_cidr(vpc.cidr);
  if (cidr->prefix < kLargestSubnetPrefix || cidr->prefix > kSmallestSubnetPrefix || !vpc_cidr ||
      !vpc_cidr->contains(*cidr)) {
    return ec2_error("InvalidSubnet.Range", "The CIDR '" + text + "' is invalid.");
  }
  for (const auto& [_, subnet] : state.subnets) {
    const auto other = parse_ipv4_cidr(subnet.cidr);
    if (subnet.vpc_id == vpc.id && other && other->overlaps(*cidr)) {
      return ec2_error("InvalidSubnet.Conflict", "The CIDR '" + text + "' conflicts with another subnet");
    }
  }
  return std::nullopt;
}

bool subnet_in_use(const Ec2RegionState& state, const std::string& id) {
  return std::any_of(state.instances.begin(), state.instances.end(), [&](const auto& entry) {
    return entry.second.subnet_id == id && entry.second.state != Ec2InstanceState::kTerminated;
  });
}

}  // namespace

ApiResult create_subnet(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto vpc_id = param_string(request.params, "VpcId");
  if (!vpc_id) return ec2_missing_parameter("VpcId");
  const auto cidr = param_string(request.params, "CidrBlock");
  if (!cidr) return ec2_missing_parameter("CidrBlock");
  auto tags = read_tag_specifications(request.params, "subnet");
  if (!tags) return tags.error();
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        auto vpc = find_vpc(state, scope, *vpc_id);
        if (!vpc) return vpc.error();
        if (is_default_vpc(scope, vpc->id)) {
          // Its block is taken by the default subnets; AWS would answer the same conflict.
          return ec2_error("InvalidSubnet.Conflict", "The CIDR '" + *cidr + "' conflicts with another subnet");
        }
        if (auto e = check_subnet_cidr(state, *vpc, *cidr)) return *e;
        const auto in_vpc = static_cast<size_t>(std::count_if(
            state.subnets.begin(), state.subnets.end(), [&](const auto& s) { return s.second.vpc_id == vpc->id; }));
        auto zone = read_subnet_zone(request.params, scope, in_vpc);
        if (!zone) return zone.error();
        if (auto e = check_dry_run(request.params)) return *e;
        Ec2Subnet subnet;
        subnet.id = new_resource_id(ctx, "subnet");
        subnet.vpc_id = vpc->id;
        subnet.cidr = *cidr;
        subnet.zone_index = *zone;
        if (!tags->empty()) {
          Ec2Tags& target = tags_of(state, subnet.id);
          for (const auto& [key, value] : *tags) target[key] = value;
        }
        state.subnets[subnet.id] = subnet;
        ApiResponse response;
        response.body["subnet"] = subnet_item(subnet, scope, state).body;
        return response;
      });
}

ApiResult delete_subnet(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto id = param_string(request.params, "SubnetId");
  if (!id) return ec2_missing_parameter("SubnetId");
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        auto subnet = find_subnet(state, scope, *id);
        if (!subnet) return subnet.error();
        if (is_default_subnet(scope, *subnet)) {
          return ec2_error("OperationNotPermitted", "The default subnet '" + *id + "' cannot be deleted here.");
        }
        if (subnet_in_use(state, *id)) {
          return ec2_error("DependencyViolation", "The subnet '" + *id + "' has dependencies and cannot be deleted.");
        }
        if (auto e = check_dry_run(request.params)) return *e;
        for (auto& [_, table] : state.route_tables) {
          std::erase_if(table.associations, [&](const Ec2RouteAssociation& a) { return a.subnet_id == *id; });
        }
        state.subnets.erase(*id);
        state.resource_tags.erase(*id);
        return ec2_returned_true();
      });
}

ApiResult modify_subnet_attribute(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto id = param_string(request.params, "SubnetId");
  if (!id) return ec2_missing_parameter("SubnetId");
  std::optional<bool> map_public_ip;
  if (auto e = read_attribute_flag(request.params, "MapPublicIpOnLaunch", map_public_ip)) return *e;
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        auto subnet = find_subnet(state, scope, *id);
        if (!subnet) return subnet.error();
        const auto stored = state.subnets.find(*id);
        if (map_public_ip && stored == state.subnets.end()) {
          return ec2_error("OperationNotPermitted", "The default subnet '" + *id + "' cannot be changed here.");
        }
        if (map_public_ip) stored->second.map_public_ip = *map_public_ip;
        ApiResponse response;
        response.body = nlohmann::json::object();
        return response;
      });
}

}  // namespace chokepoint
