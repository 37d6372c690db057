#pragma once
// Where RunInstances puts its instances in the network: the subnet and security groups it names must exist
// (InvalidSubnetID.NotFound, InvalidGroup.NotFound) and be of one VPC; the subnet fixes the zone and the VPC, and
// hands out the private addresses. Called under the store's lock.
#include <optional>
#include <string>

#include "protocol/api_types.hpp"
#include "services/ec2/ec2_launch_spec.hpp"

namespace chokepoint {

// Checks spec.subnet_id and spec.security_groups against the region; sets the zone, spec.vpc_id, the groups'
// names, and the VPC's default group when the call named none.
std::optional<ApiError> place_in_network(const Ec2RegionState& state, const Ec2Scope& scope, Ec2LaunchSpec& spec);

// The next private address of a subnet (the fifth address of its block onwards, as AWS reserves the first four);
// `zone_index` places a default subnet's addresses.
std::string next_private_ip(Ec2RegionState& state, const std::string& subnet_id, size_t zone_index);

}  // namespace chokepoint
