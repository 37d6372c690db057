#pragma once
// The default network (derived, ec2_network.hpp) and the created one (Ec2RegionState) seen the same way:
// lists of VPC, subnet and security group values, default ones first, and look-ups by id that answer EC2's
// not-found errors. Called under the store's lock.
#include <string>
#include <vector>

#include "protocol/result.hpp"
#include "services/ec2/ec2_resources.hpp"
#include "services/ec2/ec2_vpc.hpp"

namespace chokepoint {

bool is_default_vpc(const Ec2Scope& scope, const std::string& vpc_id);
bool is_default_subnet(const Ec2Scope& scope, const Ec2Subnet& subnet);

// A "default" group of `vpc_id`: all traffic in from its own members, all traffic out.
Ec2VpcGroup default_group_of(const std::string& group_id, const std::string& vpc_id, const std::string& account);
// The egress rule every new group starts with: all traffic to 0.0.0.0/0.
Ec2GroupRule egress_all_rule(std::string rule_id);

std::vector<Ec2Vpc> all_vpcs(const Ec2RegionState& state, const Ec2Scope& scope);
std::vector<Ec2Subnet> all_subnets(const Ec2RegionState& state, const Ec2Scope& scope);
std::vector<Ec2VpcGroup> all_groups(const Ec2RegionState& state, const Ec2Scope& scope);

Result<Ec2Vpc> find_vpc(const Ec2RegionState& state, const Ec2Scope& scope, const std::string& id);
Result<Ec2Subnet> find_subnet(const Ec2RegionState& state, const Ec2Scope& scope, const std::string& id);
Result<Ec2VpcGroup> find_group(const Ec2RegionState& state, const Ec2Scope& scope, const std::string& id);
// The group named `name` in `vpc_id`; InvalidGroup.NotFound as EC2 words it for a name.
Result<Ec2VpcGroup> find_group_by_name(const Ec2RegionState& state, const Ec2Scope& scope, const std::string& name,
                                       const std::string& vpc_id);
// Whether instances in the subnet get a public address (every default subnet does; a created one when its
// MapPublicIpOnLaunch is on).
bool maps_public_ip(const Ec2RegionState& state, const std::string& subnet_id);
// A group a call changes: the stored one; the default VPC's default group is stored on first change.
Ec2VpcGroup& group_for_change(Ec2RegionState& state, const Ec2Scope& scope, const std::string& id);

}  // namespace chokepoint
