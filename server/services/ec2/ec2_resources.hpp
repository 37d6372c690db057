#pragma once
// Taggable resources by id: instances, catalog and created images, the default and created VPCs, subnets,
// security groups and their rules, internet gateways, route tables, network interfaces, key pairs, Elastic IPs,
// EBS volumes and snapshots, and launch templates. Ids of other kinds, or of resources that do not exist, get the
// not-found error EC2 uses for that kind.
#include <string>
#include <variant>

#include "protocol/result.hpp"
#include "services/ec2/ec2_store.hpp"
#include "services/service.hpp"

namespace chokepoint {

// Where a call's region lives: its account, region and the region's configured zones.
struct Ec2Scope {
  const std::string& account;
  const RegionEntry& region;
  const Ec2Settings& settings;
};

// The scope of a call. Ec2Service::handle has checked that the call's region is configured.
Ec2Scope scope_of(const ApiRequest& request, const CallContext& ctx);

// The resource type (as TagDescription.ResourceType names it) of an existing resource, or EC2's error.
Result<std::string> taggable_resource_type(Ec2RegionState& state, const Ec2Scope& scope, const std::string& id);

// The resource type an id's prefix names ("instance" for i-...); empty for unknown prefixes.
std::string resource_type_of(std::string_view id);

// A new id PREFIX-0 and 16 hex digits from the seeded generator (AWS's 17-digit ids all start with 0 so far).
std::string new_resource_id(CallContext& ctx, std::string_view prefix);

// The tags of an existing resource, created empty on first use.
Ec2Tags& tags_of(Ec2RegionState& state, const std::string& id);
// The tags of a resource other than an instance, without creating an entry; empty when it has none.
const Ec2Tags& existing_tags(const Ec2RegionState& state, const std::string& id);

}  // namespace chokepoint
