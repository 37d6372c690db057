#pragma once
// DescribeInstances (reservations, filters, MaxResults/NextToken) and DescribeInstanceStatus.
#include "services/ec2/ec2_store.hpp"
#include "services/service.hpp"

namespace chokepoint {

ApiResult describe_instances(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult describe_instance_status(Ec2Store& store, const ApiRequest& request, CallContext& ctx);

}  // namespace chokepoint
