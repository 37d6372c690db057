// CreateRoute, DeleteRoute and ReplaceRoute: one route per destination block (RouteAlreadyExists,
// InvalidRoute.NotFound); the local route stays. An internet gateway target must exist and be attached to the
// table's VPC; other targets (NAT gateways, instances, interfaces, peering and transit gateways) are recorded
// as given.
#include <algorithm>

#include "common/ipv4.hpp"
#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_resources.hpp"
#include "services/ec2/ec2_route_tables.hpp"

namespace chokepoint {

namespace {

struct RouteTarget {
  std::string kind;  // the Route member: gatewayId, natGatewayId, ...
  std::string id;
};

// The one target a call names.
Result<RouteTarget> read_route_target(const nlohmann::json& params) {
  constexpr std::pair<const char*, const char*> kTargets[] = {
      {"GatewayId", "gatewayId"},
      {"NatGatewayId", "natGatewayId"},
      {"InstanceId", "instanceId"},
      {"NetworkInterfaceId", "networkInterfaceId"},
      {"VpcPeeringConnectionId", "vpcPeeringConnectionId"},
      {"TransitGatewayId", "transitGatewayId"},
      {"EgressOnlyInternetGatewayId", "egressOnlyInternetGatewayId"},
      {"VpcEndpointId", "gatewayId"},
  };
  std::optional<RouteTarget> found;
  for (const auto& [param_name, member] : kTargets) {
    const auto value = param_string(params, param_name);
    if (!value) continue;
    if (found) {
      return ec2_error("InvalidParameterCombination",
                       "The parameter " + std::string(param_name) + " cannot be used with another route target.");
    }
    found = RouteTarget{member, *value};
  }
  if (!found) return ec2_missing_parameter("GatewayId");
  return *found;
}

Result<std::string> read_destination(const nlohmann::json& params) {
  const auto destination = param_string(params, "DestinationCidrBlock");
  if (!destination) return ec2_missing_parameter("DestinationCidrBlock");
  if (!parse_ipv4_cidr(*destination)) {
    return ec2_error("InvalidParameterValue", "Value (" + *destination +
                                                  ") for parameter destinationCidrBlock is invalid. This is not a "
                                                  "valid CIDR block.");
  }
  return *destination;
}

std::optional<ApiError> check_target(const Ec2RegionState& state, const Ec2RouteTable& table,
                                     const RouteTarget& target) {
  if (target.id.rfind("igw-", 0) != 0) return std::nullopt;
  const auto it = state.internet_gateways.find(target.id);
  if (it == state.internet_gateways.end()) {
    return ec2_error("InvalidInternetGatewayID.NotFound", "The internetGateway ID '" + target.id + "' does not exist");
  }
  if (it->second.vpc_id != table.vpc_id) {
    return ec2_error("InvalidParameterValue",
                     "route table " + table.id + " and network gateway " + target.id + " belong to different networks");
  }
  return std::nullopt;
}

std::vector<Ec2Route>::iterator route_to(Ec2RouteTable& table, const std::string& destination) {
  return std::find_if(table.routes.begin(), table.routes.end(),
                      [&](const Ec2Route& r) { return r.destination == destination; });
}

}  // namespace

ApiResult create_route(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto destination = read_destination(request.params);
  if (!destination) return destination.error();
  auto target = read_route_target(request.params);
  if (!target) return target.error();
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        auto table = route_table_of_call(state, request.params);
        if (!table) return table.error();
        if (route_to(**table, *destination) != (*table)->routes.end()) {
          return ec2_error("RouteAlreadyExists", "The route identified by " + *destination + " already exists.");
        }
        if (auto e = check_target(state, **table, *target)) return *e;
        if (auto e = check_dry_run(request.params)) return *e;
        (*table)->routes.push_back({*destination, target->kind, target->id, "CreateRoute"});
        return ec2_returned_true();
      });
}

ApiResult replace_route(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto destination = read_destination(request.params);
  if (!destination) return destination.error();
  auto target = read_route_target(request.params);
  if (!target) return target.error();
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        auto table = route_table_of_call(state, request.params);
        if (!table) return table.error();
        const auto route = route_to(**table, *destination);
        if (route == (*table)->routes.end()) {
          return ec2_error("InvalidRoute.NotFound", "There is no route defined for '" + *destination +
                                                        "' in the route table. Use CreateRoute instead.");
        }
        if (auto e = check_target(state, **table, *target)) return *e;
        if (auto e = check_dry_run(request.params)) return *e;
        route->target_kind = target->kind;
        route->target = target->id;
        route->origin = "CreateRoute";
        return ec2_returned_true();
      });
}

ApiResult delete_route(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto destination = read_destination(request.params);
  if (!destination) return destination.error();
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        auto table = route_table_of_call(state, request.params);
        if (!table) return table.error();
        const auto route = route_to(**table, *destination);
        if (route == (*table)->routes.end()) {
          return ec2_error("InvalidRoute.NotFound",
                           "no route with destination-cidr-block " + *destination + " in route table " + (*table)->id);
        }
        if (route->target == "local") {
          return ec2_error("InvalidParameterValue",
                           "cannot remove local route " + *destination + " in route table " + (*table)->id);
        }
        if (auto e = check_dry_run(request.params)) return *e;
        (*table)->routes.erase(route);
        return ec2_returned_true();
      });
}

}  // namespace chokepoint
