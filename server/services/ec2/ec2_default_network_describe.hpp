#pragma once
// DescribeVpcs, DescribeSubnets and DescribeSecurityGroups over the network every account and region has in the
// emulator (ec2_network.hpp): the default VPC (172.31.0.0/16), one default /20 subnet per zone, and the VPC's
// "default" security group, followed by those created through the API (ec2_vpcs.hpp), with their tags, AWS's
// filters, paging and not-found errors.
#include "services/ec2/ec2_store.hpp"
#include "services/service.hpp"

namespace chokepoint {

ApiResult describe_vpcs(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult describe_subnets(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult describe_security_groups(Ec2Store& store, const ApiRequest& request, CallContext& ctx);

}  // namespace chokepoint
