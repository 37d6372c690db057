#pragma once
// Internet gateways (Create/Attach/Detach/Delete/DescribeInternetGateways) and route tables
// (Create/Delete/DescribeRouteTables, Associate/DisassociateRouteTable, Create/Delete/ReplaceRoute) of created
// VPCs. A route whose gateway is no longer attached to the VPC shows state "blackhole", as AWS shows it.
#include "protocol/result.hpp"
#include "services/ec2/ec2_store.hpp"
#include "services/service.hpp"

namespace chokepoint {

// The main route table a new VPC gets: its local route, associated as main.
Ec2RouteTable main_route_table_of(const Ec2Vpc& vpc, CallContext& ctx);

// The route table RouteTableId names, or InvalidRouteTableID.NotFound.
Result<Ec2RouteTable*> route_table_of_call(Ec2RegionState& state, const nlohmann::json& params);

ApiResult create_internet_gateway(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult attach_internet_gateway(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult detach_internet_gateway(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult delete_internet_gateway(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult describe_internet_gateways(Ec2Store& store, const ApiRequest& request, CallContext& ctx);

ApiResult create_route_table(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult delete_route_table(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult describe_route_tables(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult associate_route_table(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult disassociate_route_table(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult create_route(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult delete_route(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult replace_route(Ec2Store& store, const ApiRequest& request, CallContext& ctx);

}  // namespace chokepoint
