// Internet gateways: created detached, attached to one VPC at a time (Resource.AlreadyAssociated), detached
// (Gateway.NotAttached) and deleted once detached (DependencyViolation), with the EC2 API reference's error codes
// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
#include <algorithm>

#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_network_query.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_route_tables.hpp"
#include "services/ec2/ec2_tags.hpp"
#include "services/ec2/ec2_vpc_views.hpp"

namespace chokepoint {

namespace {

NetworkItem gateway_item(const Ec2InternetGateway& g, const Ec2Scope& scope, const Ec2RegionState& state) {
  NetworkItem item{
      g.id,
      {{"internetGatewayId", g.id}, {"ownerId", scope.account}, {"attachmentSet", nlohmann::json::array()}},
      {{"internet-gateway-id", {g.id}}, {"owner-id", {scope.account}}}};
  if (!g.vpc_id.empty()) {
    item.body["attachmentSet"].push_back({{"vpcId", g.vpc_id}, {"state", "available"}});
    item.fields["attachment.vpc-id"] = {g.vpc_id};
    item.fields["attachment.state"] = {"available"};
  }
  add_network_tags(item, existing_tags(state, g.id));
  return item;
}

std::vector<Ec2InternetGateway> all_gateways(const Ec2RegionState& state, const Ec2Scope&) {
  std::vector<Ec2InternetGateway> out;
  for (const auto& [_, gateway] : state.internet_gateways) out.push_back(gateway);
  return out;
}

Result<Ec2InternetGateway*> gateway_of_call(Ec2RegionState& state, const nlohmann::json& params) {
  const auto id = param_string(params, "InternetGatewayId");
  if (!id) return ec2_missing_parameter("InternetGatewayId");
  const auto it = state.internet_gateways.find(*id);
  if (it == state.internet_gateways.end()) {
    return ec2_error("InvalidInternetGatewayID.NotFound", "The internetGateway ID '" + *id + "' does not exist");
  }
  return &it->second;
}

}  // namespace

ApiResult create_internet_gateway(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto tags = read_tag_specifications(request.params, "internet-gateway");
  if (!tags) return tags.error();
  if (auto e = check_dry_run(request.params)) return *e;
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) {
    Ec2InternetGateway gateway{new_resource_id(ctx, "igw"), ""};
    if (!tags->empty()) {
      Ec2Tags& target = tags_of(state, gateway.id);
      for (const auto& [key, value] : *tags) target[key] = value;
    }
    state.internet_gateways[gateway.id] = gateway;
    ApiResponse response;
    response.body["internetGateway"] = gateway_item(gateway, scope, state).body;
    return ApiResult(std::move(response));
  });
}

ApiResult attach_internet_gateway(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto vpc_id = param_string(request.params, "VpcId");
  if (!vpc_id) return ec2_missing_parameter("VpcId");
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        auto gateway = gateway_of_call(state, request.params);
        if (!gateway) return gateway.error();
        auto vpc = find_vpc(state, scope, *vpc_id);
        if (!vpc) return vpc.error();
        if (!(*gateway)->vpc_id.empty()) {
          return ec2_error("Resource.AlreadyAssociated",
                           "resource " + (*gateway)->id + " is already attached to network " + (*gateway)->vpc_id);
        }
        // The default VPC has its own gateway in AWS; the emulator models none for it, so none can be added.
        const bool has_gateway = is_default_vpc(scope, vpc->id) ||
                                 std::any_of(state.internet_gateways.begin(), state.internet_gateways.end(),
                                             [&](const auto& entry) { return entry.second.vpc_id == vpc->id; });
        if (has_gateway) {
          return ec2_error("Resource.AlreadyAssociated",
                           "resource " + vpc->id + " already has an internet gateway attached");
        }
        if (auto e = check_dry_run(request.params)) return *e;
        (*gateway)->vpc_id = vpc->id;
        return ec2_returned_true();
      });
}

ApiResult detach_internet_gateway(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto vpc_id = param_string(request.params, "VpcId");
  if (!vpc_id) return ec2_missing_parameter("VpcId");
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        auto gateway = gateway_of_call(state, request.params);
        if (!gateway) return gateway.error();
        auto vpc = find_vpc(state, scope, *vpc_id);
        if (!vpc) return vpc.error();
        if ((*gateway)->vpc_id != vpc->id) {
          return ec2_error("Gateway.NotAttached",
                           "resource " + (*gateway)->id + " is not attached to network " + vpc->id);
        }
        if (auto e = check_dry_run(request.params)) return *e;
        (*gateway)->vpc_id.clear();
        return ec2_returned_true();
      });
}

ApiResult delete_internet_gateway(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        auto gateway = gateway_of_call(state, request.params);
        if (!gateway) return gateway.error();
        if (!(*gateway)->vpc_id.empty()) {
          return ec2_error("DependencyViolation",
                           "The internetGateway '" + (*gateway)->id + "' has dependencies and cannot be deleted.");
        }
        if (auto e = check_dry_run(request.params)) return *e;
        const std::string id = (*gateway)->id;
        state.resource_tags.erase(id);
        state.internet_gateways.erase(id);
        return ec2_returned_true();
      });
}

ApiResult describe_internet_gateways(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto q = read_network_query(request, "InternetGatewayId",
                              {"attachment.state", "attachment.vpc-id", "internet-gateway-id", "owner-id"});
  if (!q) return q.error();
  const Ec2Scope scope = scope_of(request, ctx);
  return answer_network_query(*q, network_items(store, scope, ctx, all_gateways, gateway_item), "internetGatewaySet",
                              "InvalidInternetGatewayID.NotFound", "internetGateway ID");
}

}  // namespace chokepoint
