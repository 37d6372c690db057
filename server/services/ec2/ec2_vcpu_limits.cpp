#include "services/ec2/ec2_vcpu_limits.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "services/ec2/ec2_errors.hpp"

namespace chokepoint {

namespace {

int instance_vcpus(const Ec2Instance& instance) {
  return instance.cpu_cores * instance.threads_per_core;
}

// Pending and running instances hold their vCPUs; stopping, stopped and terminated ones do not.
bool holds_vcpus(const Ec2Instance& instance) {
  return instance.state == Ec2InstanceState::kPending || instance.state == Ec2InstanceState::kRunning;
}

bool in_group(const Ec2Settings& settings, const std::string& instance_type, const Ec2VcpuLimit& limit) {
  const Ec2VcpuLimit* group = settings.vcpu_limit_for(instance_type);
  return group && group->quota_code == limit.quota_code;
}

double vcpus_in_use(const Ec2RegionState& state, const Ec2Settings& settings, const Ec2VcpuLimit& limit) {
  double used = 0;
  for (const auto& entry : state.instances) {
    const Ec2Instance& instance = entry.second;
    if (holds_vcpus(instance) && in_group(settings, instance.instance_type, limit)) used += instance_vcpus(instance);
  }
  return used;
}

double vcpu_quota(const Ec2Scope& scope, const CallContext& ctx, const Ec2VcpuLimit& limit) {
  return count_quota_in_force(ctx, scope.account, scope.region.name, "ec2", limit.quota_code, limit.vcpus);
}

}  // namespace

ApiError vcpu_limit_exceeded(double limit) {
  return ec2_error("VcpuLimitExceeded",
                   "You have requested more vCPU capacity than your current vCPU limit of " +
                       std::to_string(static_cast<long long>(std::floor(limit))) +
                       " allows for the instance bucket that the specified instance type belongs to. Please visit "
                       "http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.");
}

Result<long long> instances_within_vcpu_limit(const Ec2RegionState& state, const Ec2Scope& scope,
                                              const CallContext& ctx, const Ec2InstanceTypeEntry& type,
                                              long long min_count, long long max_count) {
  const Ec2VcpuLimit* limit = scope.settings.vcpu_limit_for(type.name);
  if (!limit) return max_count;
  const double quota = vcpu_quota(scope, ctx, *limit);
  const double room = std::max(0.0, quota - vcpus_in_use(state, scope.settings, *limit));
  const auto fit = static_cast<long long>(std::min(static_cast<double>(max_count), std::floor(room / type.vcpus)));
  if (fit < min_count) return vcpu_limit_exceeded(quota);
  return fit;
}

std::optional<ApiError> check_vcpus_to_start(const Ec2RegionState& state, const Ec2Scope& scope,
                                             const CallContext& ctx, const std::vector<const Ec2Instance*>& starting) {
  std::map<std::string, double> wanted;  // vCPUs by quota code
  for (const Ec2Instance* instance : starting) {
    if (const Ec2VcpuLimit* limit = scope.settings.vcpu_limit_for(instance->instance_type)) {
      wanted[limit->quota_code] += instance_vcpus(*instance);
    }
  }
  for (const Ec2VcpuLimit& limit : scope.settings.on_demand_vcpu_limits) {
    const auto it = wanted.find(limit.quota_code);
    if (it == wanted.end()) continue;
    const double quota = vcpu_quota(scope, ctx, limit);
    if (vcpus_in_use(state, scope.settings, limit) + it->second > quota) return vcpu_limit_exceeded(quota);
  }
  return std::nullopt;
}

}  // namespace chokepoint
