#include "services/ec2/ec2_vpc_placement.hpp"

#include "common/ipv4.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_network.hpp"
#include "services/ec2/ec2_regions.hpp"
#include "services/ec2/ec2_vpc_views.hpp"

namespace chokepoint {

namespace {

constexpr uint64_t kReservedLowAddresses = 4;
constexpr uint64_t kReservedAddresses = 5;

std::optional<ApiError> check_private_ip(const Ec2Subnet& subnet, const std::string& ip) {
  const auto block = parse_ipv4_cidr(subnet.cidr);
  const auto address = parse_ipv4(ip);
  if (block && address && block->contains(Ipv4Cidr{*address, 32})) return std::nullopt;
  return ec2_error("InvalidParameterValue", "Address " + ip + " does not fall within the subnet's address range");
}

std::optional<ApiError> resolve_groups(const Ec2RegionState& state, const Ec2Scope& scope, const Ec2Vpc& vpc,
                                       const Ec2Subnet& subnet, Ec2LaunchSpec& spec) {
  if (spec.security_groups.empty()) {
    spec.security_groups.push_back({vpc.default_group_id, "default"});
    return std::nullopt;
  }
  for (auto& named : spec.security_groups) {
    auto group =
        named.id.empty() ? find_group_by_name(state, scope, named.name, vpc.id) : find_group(state, scope, named.id);
    if (!group) return group.error();
    if (group->vpc_id != vpc.id) {
      return ec2_error("InvalidParameter",
                       "Security group " + group->id + " and subnet " + subnet.id + " belong to different networks.");
    }
    named = {group->id, group->name};
  }
  return std::nullopt;
}

}  // namespace

std::optional<ApiError> place_in_network(const Ec2RegionState& state, const Ec2Scope& scope, Ec2LaunchSpec& spec) {
  auto subnet = find_subnet(state, scope, spec.subnet_id);
  if (!subnet) return subnet.error();
  auto vpc = find_vpc(state, scope, subnet->vpc_id);
  if (!vpc) return vpc.error();
  spec.vpc_id = vpc->id;
  spec.zone_index = subnet->zone_index;
  spec.zone = scope.region.zones[subnet->zone_index];
  spec.zone_id = zone_id(scope.region.name, subnet->zone_index);
  if (!spec.private_ip.empty() && !is_default_subnet(scope, *subnet)) {
    if (auto e = check_private_ip(*subnet, spec.private_ip)) return e;
  }
  return resolve_groups(state, scope, *vpc, *subnet, spec);
}

std::string next_private_ip(Ec2RegionState& state, const std::string& subnet_id, size_t zone_index) {
  const auto it = state.subnets.find(subnet_id);
  if (it == state.subnets.end()) return private_ip_for(state.next_private_address++, zone_index);
  const auto block = parse_ipv4_cidr(it->second.cidr);
  const uint64_t usable = block ? block->size() - kReservedAddresses : 1;
  const uint64_t offset = kReservedLowAddresses + it->second.next_address++ % usable;
  return format_ipv4(static_cast<uint32_t>((block ? block->base : 0) + offset));
}

}  // namespace chokepoint
