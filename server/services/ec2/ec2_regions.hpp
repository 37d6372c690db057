#pragma once
// DescribeRegions and DescribeAvailabilityZones, answered from the configured region list.
#include "services/service.hpp"

namespace chokepoint {

ApiResult describe_regions(const ApiRequest& request, CallContext& ctx);
ApiResult describe_availability_zones(const ApiRequest& request, CallContext& ctx);

}  // namespace chokepoint
