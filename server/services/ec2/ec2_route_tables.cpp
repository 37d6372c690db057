// Route tables: created with their VPC's local route, associated with subnets of the same VPC (one table per
// subnet), deleted once neither main nor associated (DependencyViolation); described with AWS's filters.
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

// active, or blackhole when the route's gateway is gone or no longer attached to the table's VPC.
std::string route_state(const Ec2Route& route, const Ec2RouteTable& table, const Ec2RegionState& state) {
  if (route.target.rfind("igw-", 0) != 0) return "active";
  const auto it = state.internet_gateways.find(route.target);
  return it != state.internet_gateways.end() && it->second.vpc_id == table.vpc_id ? "active" : "blackhole";
}

void add_route(NetworkItem& item, const Ec2Route& route, const Ec2RouteTable& table, const Ec2RegionState& state) {
  const std::string status = route_state(route, table, state);
  item.body["routeSet"].push_back({{"destinationCidrBlock", route.destination},
                                   {route.target_kind, route.target},
                                   {"origin", route.origin},
                                   {"state", status}});
  item.fields["route.destination-cidr-block"].push_back(route.destination);
  item.fields["route.origin"].push_back(route.origin);
  item.fields["route.state"].push_back(status);
  const std::string filter = route.target_kind == "gatewayId"                ? "route.gateway-id"
                             : route.target_kind == "natGatewayId"           ? "route.nat-gateway-id"
                             : route.target_kind == "instanceId"             ? "route.instance-id"
                             : route.target_kind == "vpcPeeringConnectionId" ? "route.vpc-peering-connection-id"
                             : route.target_kind == "transitGatewayId"       ? "route.transit-gateway-id"
                                                                             : "";
  if (!filter.empty()) item.fields[filter].push_back(route.target);
}

NetworkItem table_item(const Ec2RouteTable& table, const Ec2Scope& scope, const Ec2RegionState& state) {
  NetworkItem item{table.id,
                   {{"routeTableId", table.id},
                    {"vpcId", table.vpc_id},
                    {"ownerId", scope.account},
                    {"routeSet", nlohmann::json::array()},
                    {"associationSet", nlohmann::json::array()},
                    {"propagatingVgwSet", nlohmann::json::array()}},
                   {{"route-table-id", {table.id}}, {"vpc-id", {table.vpc_id}}, {"owner-id", {scope.account}}}};
  for (const auto& route : table.routes) add_route(item, route, table, state);
  for (const auto& a : table.associations) {
    nlohmann::json association = {{"routeTableAssociationId", a.id},
                                  {"routeTableId", table.id},
                                  {"main", a.main},
                                  {"associationState", {{"state", "associated"}}}};
    if (!a.subnet_id.empty()) {
      association["subnetId"] = a.subnet_id;
      item.fields["association.subnet-id"].push_back(a.subnet_id);
    }
    item.body["associationSet"].push_back(association);
    item.fields["association.route-table-association-id"].push_back(a.id);
    item.fields["association.route-table-id"].push_back(table.id);
  }
  item.fields["association.main"] = {table.is_main() ? "true" : "false"};
  add_network_tags(item, existing_tags(state, table.id));
  return item;
}

std::vector<Ec2RouteTable> all_tables(const Ec2RegionState& state, const Ec2Scope&) {
  std::vector<Ec2RouteTable> out;
  for (const auto& [_, table] : state.route_tables) out.push_back(table);
  return out;
}

}  // namespace

Result<Ec2RouteTable*> route_table_of_call(Ec2RegionState& state, const nlohmann::json& params) {
  const auto id = param_string(params, "RouteTableId");
  if (!id) return ec2_missing_parameter("RouteTableId");
  const auto it = state.route_tables.find(*id);
  if (it == state.route_tables.end()) {
    return ec2_error("InvalidRouteTableID.NotFound", "The routeTable ID '" + *id + "' does not exist");
  }
  return &it->second;
}

Ec2RouteTable main_route_table_of(const Ec2Vpc& vpc, CallContext& ctx) {
  Ec2RouteTable table;
  table.id = new_resource_id(ctx, "rtb");
  table.vpc_id = vpc.id;
  table.routes.push_back({vpc.cidr, "gatewayId", "local", "CreateRouteTable"});
  table.associations.push_back({new_resource_id(ctx, "rtbassoc"), "", true});
  return table;
}

ApiResult create_route_table(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto vpc_id = param_string(request.params, "VpcId");
  if (!vpc_id) return ec2_missing_parameter("VpcId");
  auto tags = read_tag_specifications(request.params, "route-table");
  if (!tags) return tags.error();
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        auto vpc = find_vpc(state, scope, *vpc_id);
        if (!vpc) return vpc.error();
        if (is_default_vpc(scope, vpc->id)) {
          return ec2_error("OperationNotPermitted", "Route tables of the default VPC are not emulated.");
        }
        if (auto e = check_dry_run(request.params)) return *e;
        Ec2RouteTable table = main_route_table_of(*vpc, ctx);
        table.associations.clear();
        if (!tags->empty()) {
          Ec2Tags& target = tags_of(state, table.id);
          for (const auto& [key, value] : *tags) target[key] = value;
        }
        state.route_tables[table.id] = table;
        ApiResponse response;
        response.body["routeTable"] = table_item(table, scope, state).body;
        return response;
      });
}

ApiResult delete_route_table(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        auto table = route_table_of_call(state, request.params);
        if (!table) return table.error();
        if (!(*table)->associations.empty()) {
          return ec2_error("DependencyViolation",
                           "The routeTable '" + (*table)->id + "' has dependencies and cannot be deleted.");
        }
        if (auto e = check_dry_run(request.params)) return *e;
        const std::string id = (*table)->id;
        state.resource_tags.erase(id);
        state.route_tables.erase(id);
        return ec2_returned_true();
      });
}

ApiResult describe_route_tables(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto q = read_network_query(
      request, "RouteTableId",
      {"route-table-id", "vpc-id", "owner-id", "association.route-table-association-id", "association.route-table-id",
       "association.subnet-id", "association.main", "route.destination-cidr-block", "route.gateway-id",
       "route.nat-gateway-id", "route.instance-id", "route.origin", "route.state", "route.transit-gateway-id",
       "route.vpc-peering-connection-id"});
  if (!q) return q.error();
  const Ec2Scope scope = scope_of(request, ctx);
  return answer_network_query(*q, network_items(store, scope, ctx, all_tables, table_item), "routeTableSet",
                              "InvalidRouteTableID.NotFound", "routeTable ID");
}

ApiResult associate_route_table(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto subnet_id = param_string(request.params, "SubnetId");
  if (!subnet_id) return ec2_missing_parameter("SubnetId");
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        auto table = route_table_of_call(state, request.params);
        if (!table) return table.error();
        auto subnet = find_subnet(state, scope, *subnet_id);
        if (!subnet) return subnet.error();
        if (subnet->vpc_id != (*table)->vpc_id) {
          return ec2_error("InvalidParameterValue", "Route table " + (*table)->id + " and subnet " + subnet->id +
                                                        " belong to different networks");
        }
        for (const auto& [_, other] : state.route_tables) {
          for (const auto& a : other.associations) {
            if (a.subnet_id == subnet->id) {
              return ec2_error("Resource.AlreadyAssociated", "the specified association for route table " +
                                                                 (*table)->id +
                                                                 " conflicts with an existing association");
            }
          }
        }
        if (auto e = check_dry_run(request.params)) return *e;
        const Ec2RouteAssociation association{new_resource_id(ctx, "rtbassoc"), subnet->id, false};
        (*table)->associations.push_back(association);
        ApiResponse response;
        response.body = {{"associationId", association.id}, {"associationState", {{"state", "associated"}}}};
        return response;
      });
}

ApiResult disassociate_route_table(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto id = param_string(request.params, "AssociationId");
  if (!id) return ec2_missing_parameter("AssociationId");
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        for (auto& [_, table] : state.route_tables) {
          auto& list = table.associations;
          const auto it = std::find_if(list.begin(), list.end(), [&](const auto& a) { return a.id == *id; });
          if (it == list.end()) continue;
          if (it->main) {
            return ec2_error("InvalidParameterValue", "cannot disassociate the main route table association " + *id);
          }
          if (auto e = check_dry_run(request.params)) return *e;
          list.erase(it);
          return ec2_returned_true();
        }
        return ec2_error("InvalidAssociationID.NotFound", "The association ID '" + *id + "' does not exist");
      });
}

}  // namespace chokepoint
