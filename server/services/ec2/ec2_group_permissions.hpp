#pragma once
// The permissions Authorize/RevokeSecurityGroupIngress/Egress name, read into one rule per peer: IpPermissions.N
// (IpRanges, Ipv6Ranges, Groups, PrefixListIds) or the legacy flat parameters (IpProtocol, FromPort, ToPort,
// CidrIp, SourceSecurityGroupName). Protocols are normalised as AWS shows them ("6" -> "tcp", "all" -> "-1").
#include <vector>

#include "protocol/result.hpp"
#include "services/ec2/ec2_resources.hpp"
#include "services/ec2/ec2_vpc.hpp"

namespace chokepoint {

// Rules without ids; referenced groups must exist in the region (InvalidGroup.NotFound).
Result<std::vector<Ec2GroupRule>> read_group_permissions(const nlohmann::json& params, bool egress,
                                                         const Ec2RegionState& state, const Ec2Scope& scope,
                                                         const Ec2VpcGroup& group);

// "peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW", as InvalidPermission.Duplicate quotes a rule.
std::string describe_permission(const Ec2GroupRule& rule);

}  // namespace chokepoint
