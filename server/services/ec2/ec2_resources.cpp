#include "services/ec2/ec2_resources.hpp"

#include <array>

#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_launch_template_lookup.hpp"
#include "services/ec2/ec2_network.hpp"

namespace chokepoint {

namespace {

struct ResourceKind {
  std::string_view prefix;
  std::string_view type;
  std::string_view not_found_code;
  std::string_view not_found_noun;  // "The <noun> '<id>' does not exist"
};

constexpr std::array<ResourceKind, 14> kKinds = {{
    {"i", "instance", "InvalidInstanceID.NotFound", "instance ID"},
    {"ami", "image", "InvalidAMIID.NotFound", "image id"},
    {"vpc", "vpc", "InvalidVpcID.NotFound", "vpc ID"},
    {"subnet", "subnet", "InvalidSubnetID.NotFound", "subnet ID"},
    {"sg", "security-group", "InvalidGroup.NotFound", "security group"},
    {"vol", "volume", "InvalidVolume.NotFound", "volume"},
    {"eni", "network-interface", "InvalidNetworkInterfaceID.NotFound", "networkInterface ID"},
    {"key", "key-pair", "InvalidKeyPair.NotFound", "key pair"},
    {"eipalloc", "elastic-ip", "InvalidAllocationID.NotFound", "allocation ID"},
    {"snap", "snapshot", "InvalidSnapshot.NotFound", "snapshot"},
    {"lt", "launch-template", "InvalidLaunchTemplateId.NotFound", "launch template ID"},
    {"igw", "internet-gateway", "InvalidInternetGatewayID.NotFound", "internetGateway ID"},
    {"rtb", "route-table", "InvalidRouteTableID.NotFound", "routeTable ID"},
    {"sgr", "security-group-rule", "InvalidSecurityGroupRuleId.NotFound", "security group rule ID"},
}};

const ResourceKind* kind_of(std::string_view id) {
  for (const auto& kind : kKinds) {
    if (is_ec2_resource_id(id, kind.prefix)) return &kind;
  }
  return nullptr;
}

bool default_network_has(const Ec2Scope& scope, std::string_view type, const std::string& id) {
  if (type == "vpc") return id == default_vpc_id(scope.account, scope.region.name);
  if (type == "security-group") return id == default_security_group_id(scope.account, scope.region.name);
  if (type != "subnet") return false;
  for (const auto& zone : scope.region.zones) {
    if (id == default_subnet_id(scope.account, scope.region.name, zone)) return true;
  }
  return false;
}

bool created_network_has(const Ec2RegionState& state, std::string_view type, const std::string& id) {
  if (type == "vpc") return state.vpcs.count(id) != 0;
  if (type == "subnet") return state.subnets.count(id) != 0;
  if (type == "security-group") return state.security_groups.count(id) != 0;
  if (type == "internet-gateway") return state.internet_gateways.count(id) != 0;
  if (type == "route-table") return state.route_tables.count(id) != 0;
  if (type != "security-group-rule") return false;
  for (const auto& [_, group] : state.security_groups) {
    for (const auto& rule : group.rules) {
      if (rule.id == id) return true;
    }
  }
  return false;
}

bool attached_to_an_instance(const Ec2RegionState& state, std::string_view type, const std::string& id) {
  for (const auto& [_, instance] : state.instances) {
    if (instance.state == Ec2InstanceState::kTerminated) continue;
    if (type == "volume" && instance.root_volume_id == id) return true;
    if (type == "network-interface" && instance.network_interface_id == id) return true;
  }
  return type == "network-interface" && state.network_interfaces.count(id) != 0;
}

}  // namespace

Ec2Scope scope_of(const ApiRequest& request, const CallContext& ctx) {
  return Ec2Scope{request.identity.account_id, *ctx.config.find_region(request.identity.region), ctx.config.ec2};
}

std::string resource_type_of(std::string_view id) {
  const auto* kind = kind_of(id);
  return kind ? std::string(kind->type) : std::string();
}

Result<std::string> taggable_resource_type(Ec2RegionState& state, const Ec2Scope& scope, const std::string& id) {
  const auto* kind = kind_of(id);
  if (!kind) return ec2_error("InvalidID", "The ID '" + id + "' is not valid");
  bool exists = false;
  if (kind->type == "instance") {
    exists = state.find(id) != nullptr;
  } else if (kind->type == "elastic-ip") {
    exists = state.addresses.count(id) != 0;
  } else if (kind->type == "key-pair") {
    exists = state.find_key_pair_by_id(id) != nullptr;
  } else if (kind->type == "snapshot") {
    exists = state.snapshots.count(id) != 0;
  } else if (kind->type == "volume" && state.volumes.count(id)) {
    exists = true;
  } else if (kind->type == "launch-template") {
    exists = find_launch_template(state, id) != nullptr;
  } else if (kind->type == "image") {
    exists = scope.settings.find_image(id) != nullptr || state.images.count(id) != 0;
  } else {
    exists = default_network_has(scope, kind->type, id) || created_network_has(state, kind->type, id) ||
             attached_to_an_instance(state, kind->type, id);
  }
  if (exists) return std::string(kind->type);
  const std::string shown = kind->type == "image" ? "[" + id + "]" : id;
  return ec2_error(std::string(kind->not_found_code),
                   "The " + std::string(kind->not_found_noun) + " '" + shown + "' does not exist");
}

std::string new_resource_id(CallContext& ctx, std::string_view prefix) {
  return std::string(prefix) + "-0" + ctx.ids.lower_hex(16);
}

Ec2Tags& tags_of(Ec2RegionState& state, const std::string& id) {
  if (auto* instance = state.find(id)) return instance->tags;
  return state.resource_tags[id];
}

const Ec2Tags& existing_tags(const Ec2RegionState& state, const std::string& id) {
  static const Ec2Tags kNoTags;
  const auto it = state.resource_tags.find(id);
  return it == state.resource_tags.end() ? kNoTags : it->second;
}

}  // namespace chokepoint
