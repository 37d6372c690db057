#pragma once
// VPCs, subnets and security groups as the Describe calls answer them, with the values each of AWS's filters
// sees, for default and created ones alike.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "services/ec2/ec2_resources.hpp"
#include "services/ec2/ec2_vpc.hpp"

namespace chokepoint {

// One described resource: its id, its JSON as EC2 answers it, and the values each filter name sees.
struct NetworkItem {
  std::string id;
  nlohmann::json body;
  std::map<std::string, std::vector<std::string>, std::less<>> fields;
};

// Adds the resource's tags to its JSON (tagSet) and to the filter fields (tag:KEY, tag-key, tag-value).
void add_network_tags(NetworkItem& item, const Ec2Tags& tags);

NetworkItem vpc_item(const Ec2Vpc& vpc, const Ec2Scope& scope, const Ec2RegionState& state);
NetworkItem subnet_item(const Ec2Subnet& subnet, const Ec2Scope& scope, const Ec2RegionState& state);
NetworkItem group_item(const Ec2VpcGroup& group, const Ec2Scope& scope, const Ec2RegionState& state);

// ipPermissions / ipPermissionsEgress items: rules with the same protocol and ports in one item.
nlohmann::json ip_permissions_json(const std::vector<Ec2GroupRule>& rules, bool egress);
// A SecurityGroupRule as DescribeSecurityGroupRules and Authorize* answer it.
nlohmann::json group_rule_json(const Ec2GroupRule& rule, const Ec2VpcGroup& group, const Ec2Scope& scope,
                               const Ec2Tags& tags);

// The filters each Describe call knows, besides the tag filters.
extern const std::vector<std::string_view> kVpcFilterNames;
extern const std::vector<std::string_view> kSubnetFilterNames;
extern const std::vector<std::string_view> kGroupFilterNames;

}  // namespace chokepoint
