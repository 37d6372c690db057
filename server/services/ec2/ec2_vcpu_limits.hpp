#pragma once
// Running On-Demand vCPU quotas (ec2.on_demand_vcpu_limits): the vCPUs of an account-region's pending and running
// instances, per family group, against the quota's value for that account and region (the configured one, or an
// approved Service Quotas increase, which the limiter reports). RunInstances launches only what fits (nothing when
// MinCount does not fit); StartInstances starts all its instances or none. Called under the region's lock.
#include <optional>
#include <vector>

#include "protocol/api_types.hpp"
#include "protocol/result.hpp"
#include "services/ec2/ec2_resources.hpp"
#include "services/ec2/ec2_store.hpp"
#include "services/service.hpp"

namespace chokepoint {

// How many instances of `type`, at most `max_count`, the type's vCPU quota leaves room for (all when its family has
// none); VcpuLimitExceeded when that is fewer than `min_count`.
Result<long long> instances_within_vcpu_limit(const Ec2RegionState& state, const Ec2Scope& scope,
                                              const CallContext& ctx, const Ec2InstanceTypeEntry& type,
                                              long long min_count, long long max_count);

// VcpuLimitExceeded when starting `starting` (stopped instances about to turn pending) would pass a quota.
std::optional<ApiError> check_vcpus_to_start(const Ec2RegionState& state, const Ec2Scope& scope,
                                             const CallContext& ctx, const std::vector<const Ec2Instance*>& starting);

// AWS's error for a launch or start beyond the quota, naming the limit in vCPUs.
ApiError vcpu_limit_exceeded(double limit);

}  // namespace chokepoint
