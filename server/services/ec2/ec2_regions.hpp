#pragma once
// DescribeRegions and DescribeAvailabilityZones, answered from the configured region list.
#include "services/service.hpp"

namespace chokepoint {

ApiResult describe_regions(const ApiRequest& request, CallContext& ctx);
ApiResult describe_availability_zones(const ApiRequest& request, CallContext& ctx);

// AWS's zone id for the region's `index`-th zone: us-east-1 -> use1-az1, ap-northeast-1 -> apne1-az1.
std::string zone_id(const std::string& region, size_t index);

}  // namespace chokepoint
