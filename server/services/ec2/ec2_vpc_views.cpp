#include "services/ec2/ec2_vpc_views.hpp"

#include <algorithm>

#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_network.hpp"
#include "services/ec2/ec2_regions.hpp"

namespace chokepoint {

namespace {

Ec2Vpc default_vpc_of(const Ec2Scope& scope) {
  Ec2Vpc vpc;
  vpc.id = default_vpc_id(scope.account, scope.region.name);
  vpc.cidr = kDefaultVpcCidr;
  vpc.cidr_association_id = derived_id("vpc-cidr-assoc", vpc.id);
  vpc.default_group_id = default_security_group_id(scope.account, scope.region.name);
  vpc.dns_hostnames = true;  // AWS turns both on for a default VPC
  return vpc;
}

Ec2Subnet default_subnet_of(const Ec2Scope& scope, size_t zone_index) {
  Ec2Subnet subnet;
  subnet.id = default_subnet_id(scope.account, scope.region.name, scope.region.zones[zone_index]);
  subnet.vpc_id = default_vpc_id(scope.account, scope.region.name);
  subnet.cidr = default_subnet_cidr(zone_index);
  subnet.zone_index = zone_index;
  subnet.map_public_ip = true;
  return subnet;
}

}  // namespace

bool is_default_vpc(const Ec2Scope& scope, const std::string& vpc_id) {
  return vpc_id == default_vpc_id(scope.account, scope.region.name);
}

bool is_default_subnet(const Ec2Scope& scope, const Ec2Subnet& subnet) {
  return subnet.zone_index < scope.region.zones.size() &&
         subnet.id == default_subnet_id(scope.account, scope.region.name, scope.region.zones[subnet.zone_index]);
}

Ec2VpcGroup default_group_of(const std::string& group_id, const std::string& vpc_id, const std::string& account) {
  Ec2VpcGroup group;
  group.id = group_id;
  group.name = "default";
  group.description = "default VPC security group";
  group.vpc_id = vpc_id;
  Ec2GroupRule self;
  self.id = derived_id("sgr", group_id + "/ingress");
  self.group_id = group_id;
  self.group_owner = account;
  group.rules.push_back(std::move(self));
  group.rules.push_back(egress_all_rule(derived_id("sgr", group_id + "/egress")));
  return group;
}

Ec2GroupRule egress_all_rule(std::string rule_id) {
  Ec2GroupRule rule;
  rule.id = std::move(rule_id);
  rule.egress = true;
  rule.cidr_ipv4 = "0.0.0.0/0";
  return rule;
}

std::vector<Ec2Vpc> all_vpcs(const Ec2RegionState& state, const Ec2Scope& scope) {
  std::vector<Ec2Vpc> out = {default_vpc_of(scope)};
  for (const auto& [_, vpc] : state.vpcs) out.push_back(vpc);
  return out;
}

std::vector<Ec2Subnet> all_subnets(const Ec2RegionState& state, const Ec2Scope& scope) {
  std::vector<Ec2Subnet> out;
  for (size_t i = 0; i < scope.region.zones.size(); ++i) out.push_back(default_subnet_of(scope, i));
  for (const auto& [_, subnet] : state.subnets) out.push_back(subnet);
  return out;
}

std::vector<Ec2VpcGroup> all_groups(const Ec2RegionState& state, const Ec2Scope& scope) {
  const std::string default_id = default_security_group_id(scope.account, scope.region.name);
  std::vector<Ec2VpcGroup> out;
  const auto stored = state.security_groups.find(default_id);
  out.push_back(stored != state.security_groups.end()
                    ? stored->second
                    : default_group_of(default_id, default_vpc_id(scope.account, scope.region.name), scope.account));
  for (const auto& [id, group] : state.security_groups) {
    if (id != default_id) out.push_back(group);
  }
  return out;
}

Result<Ec2Vpc> find_vpc(const Ec2RegionState& state, const Ec2Scope& scope, const std::string& id) {
  if (is_default_vpc(scope, id)) return default_vpc_of(scope);
  const auto it = state.vpcs.find(id);
  if (it == state.vpcs.end()) return ec2_error("InvalidVpcID.NotFound", "The vpc ID '" + id + "' does not exist");
  return it->second;
}

Result<Ec2Subnet> find_subnet(const Ec2RegionState& state, const Ec2Scope& scope, const std::string& id) {
  for (size_t i = 0; i < scope.region.zones.size(); ++i) {
    if (id == default_subnet_id(scope.account, scope.region.name, scope.region.zones[i])) {
      return default_subnet_of(scope, i);
    }
  }
  const auto it = state.subnets.find(id);
  if (it == state.subnets.end()) {
    return ec2_error("InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist");
  }
  return it->second;
}

Result<Ec2VpcGroup> find_group(const Ec2RegionState& state, const Ec2Scope& scope, const std::string& id) {
  for (auto& group : all_groups(state, scope)) {
    if (group.id == id) return std::move(group);
  }
  return ec2_error("InvalidGroup.NotFound", "The security group '" + id + "' does not exist");
}

Result<Ec2VpcGroup> find_group_by_name(const Ec2RegionState& state, const Ec2Scope& scope, const std::string& name,
                                       const std::string& vpc_id) {
  for (auto& group : all_groups(state, scope)) {
    if (group.name == name && group.vpc_id == vpc_id) return std::move(group);
  }
  if (is_default_vpc(scope, vpc_id)) {
    return ec2_error("InvalidGroup.NotFound",
                     "The security group '" + name + "' does not exist in default VPC '" + vpc_id + "'");
  }
  return ec2_error("InvalidGroup.NotFound", "The security group '" + name + "' does not exist in VPC '" + vpc_id + "'");
}

bool maps_public_ip(const Ec2RegionState& state, const std::string& subnet_id) {
  const auto it = state.subnets.find(subnet_id);
  return it == state.subnets.end() || it->second.map_public_ip;
}

Ec2VpcGroup& group_for_change(Ec2RegionState& state, const Ec2Scope& scope, const std::string& id) {
  const auto it = state.security_groups.find(id);
  if (it != state.security_groups.end()) return it->second;
  return state.security_groups[id] =
             default_group_of(id, default_vpc_id(scope.account, scope.region.name), scope.account);
}

}  // namespace chokepoint
