// AuthorizeSecurityGroupIngress/Egress, RevokeSecurityGroupIngress/Egress and DescribeSecurityGroupRules. A rule
// already present is InvalidPermission.Duplicate; revoking one that is not is InvalidPermission.NotFound
// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html). Both answer the rules touched.
#include <algorithm>

#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_filters.hpp"
#include "services/ec2/ec2_group_permissions.hpp"
#include "services/ec2/ec2_network.hpp"
#include "services/ec2/ec2_pagination.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_tags.hpp"
#include "services/ec2/ec2_vpc_json.hpp"
#include "services/ec2/ec2_vpc_views.hpp"
#include "services/ec2/ec2_vpcs.hpp"

namespace chokepoint {

namespace {

// The group a rule call names: GroupId, or GroupName in the default VPC.
Result<Ec2VpcGroup> group_of_rule_call(const Ec2RegionState& state, const Ec2Scope& scope,
                                       const nlohmann::json& params) {
  if (const auto id = param_string(params, "GroupId")) return find_group(state, scope, *id);
  if (const auto name = param_string(params, "GroupName")) {
    return find_group_by_name(state, scope, *name, default_vpc_id(scope.account, scope.region.name));
  }
  return ec2_missing_parameter("GroupId");
}

ApiResult authorize(Ec2Store& store, const ApiRequest& request, CallContext& ctx, bool egress) {
  auto tags = read_tag_specifications(request.params, "security-group-rule");
  if (!tags) return tags.error();
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        auto group = group_of_rule_call(state, scope, request.params);
        if (!group) return group.error();
        auto rules = read_group_permissions(request.params, egress, state, scope, *group);
        if (!rules) return rules.error();
        for (auto it = rules->begin(); it != rules->end(); ++it) {
          const auto same = [&](const Ec2GroupRule& r) { return same_permission(r, *it); };
          if (std::any_of(group->rules.begin(), group->rules.end(), same) || std::any_of(rules->begin(), it, same)) {
            return ec2_error("InvalidPermission.Duplicate",
                             "the specified rule \"" + describe_permission(*it) + "\" already exists");
          }
        }
        if (auto e = check_dry_run(request.params)) return *e;
        Ec2VpcGroup& stored = group_for_change(state, scope, group->id);
        ApiResponse response;
        response.body["return"] = true;
        auto& out = response.body["securityGroupRuleSet"] = nlohmann::json::array();
        for (auto& rule : *rules) {
          rule.id = new_resource_id(ctx, "sgr");
          Ec2Tags rule_tags;
          for (const auto& [key, value] : *tags) rule_tags[key] = value;
          if (!rule_tags.empty()) state.resource_tags[rule.id] = rule_tags;
          out.push_back(group_rule_json(rule, stored, scope, rule_tags));
          stored.rules.push_back(rule);
        }
        return ApiResult(std::move(response));
      });
}

// The rules a revoke names: SecurityGroupRuleId.N, or permissions that must each match a rule.
Result<std::vector<std::string>> rules_to_revoke(const nlohmann::json& params, bool egress, const Ec2RegionState& state,
                                                 const Ec2Scope& scope, const Ec2VpcGroup& group) {
  std::vector<std::string> ids;
  for (const auto& id : distinct_param_strings(params, "SecurityGroupRuleId")) {
    const auto it = std::find_if(group.rules.begin(), group.rules.end(),
                                 [&](const Ec2GroupRule& r) { return r.id == id && r.egress == egress; });
    if (it == group.rules.end()) {
      return ec2_error("InvalidSecurityGroupRuleId.NotFound", "The security group rule ID '" + id + "' does not exist");
    }
    ids.push_back(id);
  }
  if (!ids.empty()) return ids;
  auto wanted = read_group_permissions(params, egress, state, scope, group);
  if (!wanted) return wanted.error();
  for (const auto& rule : *wanted) {
    const auto it = std::find_if(group.rules.begin(), group.rules.end(),
                                 [&](const Ec2GroupRule& r) { return same_permission(r, rule); });
    if (it == group.rules.end()) {
      return ec2_error("InvalidPermission.NotFound", "The specified rule does not exist in this security group.");
    }
    ids.push_back(it->id);
  }
  return ids;
}

nlohmann::json revoked_rule_json(const Ec2GroupRule& r, const std::string& group_id) {
  nlohmann::json j = {{"securityGroupRuleId", r.id}, {"groupId", group_id},     {"isEgress", r.egress},
                      {"ipProtocol", r.protocol},    {"fromPort", r.from_port}, {"toPort", r.to_port}};
  if (!r.cidr_ipv4.empty()) j["cidrIpv4"] = r.cidr_ipv4;
  if (!r.cidr_ipv6.empty()) j["cidrIpv6"] = r.cidr_ipv6;
  if (!r.prefix_list_id.empty()) j["prefixListId"] = r.prefix_list_id;
  if (!r.group_id.empty()) j["referencedSecurityGroupId"] = r.group_id;
  if (!r.description.empty()) j["description"] = r.description;
  return j;
}

ApiResult revoke(Ec2Store& store, const ApiRequest& request, CallContext& ctx, bool egress) {
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        auto group = group_of_rule_call(state, scope, request.params);
        if (!group) return group.error();
        auto ids = rules_to_revoke(request.params, egress, state, scope, *group);
        if (!ids) return ids.error();
        if (auto e = check_dry_run(request.params)) return *e;
        Ec2VpcGroup& stored = group_for_change(state, scope, group->id);
        ApiResponse response;
        response.body["return"] = true;
        auto& out = response.body["revokedSecurityGroupRuleSet"] = nlohmann::json::array();
        for (const auto& id : *ids) {
          const auto it =
              std::find_if(stored.rules.begin(), stored.rules.end(), [&](const Ec2GroupRule& r) { return r.id == id; });
          if (it == stored.rules.end()) continue;
          out.push_back(revoked_rule_json(*it, stored.id));
          state.resource_tags.erase(id);
          stored.rules.erase(it);
        }
        return ApiResult(std::move(response));
      });
}

}  // namespace

ApiResult authorize_security_group_ingress(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  return authorize(store, request, ctx, false);
}

ApiResult authorize_security_group_egress(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  return authorize(store, request, ctx, true);
}

ApiResult revoke_security_group_ingress(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  return revoke(store, request, ctx, false);
}

ApiResult revoke_security_group_egress(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  return revoke(store, request, ctx, true);
}

ApiResult describe_security_group_rules(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto ids = distinct_param_strings(request.params, "SecurityGroupRuleId");
  auto filters = read_filters(request.params, [](std::string_view name) {
    return name == "group-id" || name == "security-group-rule-id" || is_tag_filter(name);
  });
  if (!filters) return filters.error();
  auto page = read_page(request.params, 5, 1000);
  if (!page) return page.error();
  if (auto e = check_dry_run(request.params)) return *e;
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        struct Listed {
          Ec2GroupRule rule;
          Ec2VpcGroup group;
        };
        std::vector<Listed> rules;
        for (const auto& group : all_groups(state, scope)) {
          for (const auto& rule : group.rules) rules.push_back({rule, group});
        }
        for (const auto& id : ids) {
          if (std::none_of(rules.begin(), rules.end(), [&](const Listed& l) { return l.rule.id == id; })) {
            return ec2_error("InvalidSecurityGroupRuleId.NotFound",
                             "The security group rule ID '" + id + "' does not exist");
          }
        }
        ApiResponse response;
        auto& out = response.body["securityGroupRuleSet"] = nlohmann::json::array();
        const std::string next = paginate(
            *page, rules, [&](const Listed& l) { return static_cast<uint64_t>(&l - rules.data()); },
            [&](const Listed& l) {
              if (!ids.empty() && std::find(ids.begin(), ids.end(), l.rule.id) == ids.end()) return false;
              const Ec2Tags& tags = existing_tags(state, l.rule.id);
              return filters_match(*filters, [&](const std::string& name) -> std::vector<std::string> {
                if (name == "group-id") return {l.group.id};
                if (name == "security-group-rule-id") return {l.rule.id};
                return tag_filter_values(tags, name);
              });
            },
            [&](const Listed& l) {
              out.push_back(group_rule_json(l.rule, l.group, scope, existing_tags(state, l.rule.id)));
            });
        if (!next.empty()) response.body["nextToken"] = next;
        return ApiResult(std::move(response));
      });
}

}  // namespace chokepoint
