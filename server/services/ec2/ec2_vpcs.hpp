#pragma once
// VPC networking created through the API: VPCs (each with its "default" security group), subnets inside them,
// security groups and their rules. The default VPC, its subnets and its default group (ec2_network.hpp) are
// visible to the same calls; they cannot be deleted, but their group's rules can change.
#include "services/ec2/ec2_store.hpp"
#include "services/service.hpp"

namespace chokepoint {

ApiResult create_vpc(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult delete_vpc(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult modify_vpc_attribute(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult describe_vpc_attribute(Ec2Store& store, const ApiRequest& request, CallContext& ctx);

ApiResult create_subnet(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult delete_subnet(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult modify_subnet_attribute(Ec2Store& store, const ApiRequest& request, CallContext& ctx);

ApiResult create_security_group(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult delete_security_group(Ec2Store& store, const ApiRequest& request, CallContext& ctx);

ApiResult authorize_security_group_ingress(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult authorize_security_group_egress(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult revoke_security_group_ingress(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult revoke_security_group_egress(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult describe_security_group_rules(Ec2Store& store, const ApiRequest& request, CallContext& ctx);

}  // namespace chokepoint
