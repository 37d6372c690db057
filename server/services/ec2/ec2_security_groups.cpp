// CreateSecurityGroup and DeleteSecurityGroup. A new group has AWS's default egress rule (all traffic to
// 0.0.0.0/0, https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html); names are unique
// within a VPC (InvalidGroup.Duplicate) and may not look like ids; a VPC's "default" group goes with its VPC
// (CannotDelete); a group an instance or another group's rule uses cannot go (DependencyViolation).
#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_network.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_tags.hpp"
#include "services/ec2/ec2_vpc_views.hpp"
#include "services/ec2/ec2_vpcs.hpp"

namespace chokepoint {

namespace {

constexpr size_t kMaxGroupNameLength = 255;

std::optional<ApiError> check_group_text(const std::optional<std::string>& name,
                                         const std::optional<std::string>& description) {
  if (!name) return ec2_missing_parameter("GroupName");
  if (!description) return ec2_missing_parameter("GroupDescription");
  if (name->empty() || name->size() > kMaxGroupNameLength) return ec2_invalid_value("GroupName", *name);
  if (description->size() > kMaxGroupNameLength) return ec2_invalid_value("GroupDescription", *description);
  if (name->rfind("sg-", 0) == 0) {
    return ec2_error("InvalidParameterValue", "Group names may not be in the format sg-*.");
  }
  return std::nullopt;
}

bool group_in_use(const Ec2RegionState& state, const std::string& id) {
  for (const auto& [_, instance] : state.instances) {
    if (instance.state == Ec2InstanceState::kTerminated) continue;
    for (const auto& group : instance.security_groups) {
      if (group.id == id) return true;
    }
  }
  for (const auto& [other_id, group] : state.security_groups) {
    if (other_id == id) continue;
    for (const auto& rule : group.rules) {
      if (rule.group_id == id) return true;
    }
  }
  return false;
}

// The group DeleteSecurityGroup names: GroupId, or GroupName in the default VPC.
Result<Ec2VpcGroup> group_to_delete(const Ec2RegionState& state, const Ec2Scope& scope, const nlohmann::json& params) {
  if (const auto id = param_string(params, "GroupId")) return find_group(state, scope, *id);
  if (const auto name = param_string(params, "GroupName")) {
    return find_group_by_name(state, scope, *name, default_vpc_id(scope.account, scope.region.name));
  }
  return ec2_missing_parameter("GroupId");
}

}  // namespace

ApiResult create_security_group(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto name = param_string(request.params, "GroupName");
  const auto description = param_string(request.params, "GroupDescription");
  if (auto e = check_group_text(name, description)) return *e;
  auto tags = read_tag_specifications(request.params, "security-group");
  if (!tags) return tags.error();
  const Ec2Scope scope = scope_of(request, ctx);
  const std::string vpc_id =
      param_string(request.params, "VpcId").value_or(default_vpc_id(scope.account, scope.region.name));
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        auto vpc = find_vpc(state, scope, vpc_id);
        if (!vpc) return vpc.error();
        if (find_group_by_name(state, scope, *name, vpc_id)) {
          return ec2_error("InvalidGroup.Duplicate",
                           "The security group '" + *name + "' already exists for VPC '" + vpc_id + "'");
        }
        if (auto e = check_dry_run(request.params)) return *e;
        Ec2VpcGroup group;
        group.id = new_resource_id(ctx, "sg");
        group.name = *name;
        group.description = *description;
        group.vpc_id = vpc_id;
        group.rules.push_back(egress_all_rule(new_resource_id(ctx, "sgr")));
        if (!tags->empty()) {
          Ec2Tags& target = tags_of(state, group.id);
          for (const auto& [key, value] : *tags) target[key] = value;
        }
        ApiResponse response;
        response.body = {{"groupId", group.id},
                         {"tagSet", tag_set_json(existing_tags(state, group.id))},
                         {"securityGroupArn",
                          "arn:aws:ec2:" + scope.region.name + ":" + scope.account + ":security-group/" + group.id}};
        state.security_groups[group.id] = std::move(group);
        return response;
      });
}

ApiResult delete_security_group(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        auto group = group_to_delete(state, scope, request.params);
        if (!group) return group.error();
        if (group->name == "default") {
          return ec2_error("CannotDelete",
                           "the specified group: \"" + group->id + "\" name: \"default\" cannot be deleted by a user");
        }
        if (group_in_use(state, group->id)) {
          return ec2_error("DependencyViolation", "resource " + group->id + " has a dependent object");
        }
        if (auto e = check_dry_run(request.params)) return *e;
        for (const auto& rule : group->rules) state.resource_tags.erase(rule.id);
        state.resource_tags.erase(group->id);
        state.security_groups.erase(group->id);
        ApiResponse response;
        response.body = {{"return", true}, {"groupId", group->id}};
        return response;
      });
}

}  // namespace chokepoint
