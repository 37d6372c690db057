#pragma once
// DescribeAccountAttributes: the platforms (VPC only), the default VPC, and the instance and Elastic IP limits in
// force for the account and region.
#include "services/ec2/ec2_store.hpp"
#include "services/service.hpp"

namespace chokepoint {

ApiResult describe_account_attributes(Ec2Store& store, const ApiRequest& request, CallContext& ctx);

}  // namespace chokepoint
