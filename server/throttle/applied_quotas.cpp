#include "throttle/applied_quotas.hpp"

#include <algorithm>

namespace chokepoint {

void AppliedQuotas::set(const AppliedQuota& quota) {
  std::lock_guard lock(mutex_);
  rates_[Key{quota.account, quota.region, quota.service, quota.key}] = quota.rate_per_sec;
  any_.store(true, std::memory_order_release);
}

std::optional<double> AppliedQuotas::find(std::string_view account, std::string_view region, std::string_view service,
                                          std::string_view key) const {
  if (!any_.load(std::memory_order_acquire)) return std::nullopt;  // the common case: no lock, no key building
  std::lock_guard lock(mutex_);
  const auto it = rates_.find(Key{std::string(account), std::string(region), std::string(service), std::string(key)});
  if (it == rates_.end()) return std::nullopt;
  return it->second;
}

std::vector<AppliedQuota> AppliedQuotas::all() const {
  std::lock_guard lock(mutex_);
  std::vector<AppliedQuota> out;
  for (const auto& [key, rate] : rates_) {
    out.push_back(AppliedQuota{std::get<0>(key), std::get<1>(key), std::get<2>(key), std::get<3>(key), rate});
  }
  return out;
}

void AppliedQuotas::clear() {
  std::lock_guard lock(mutex_);
  rates_.clear();
  any_.store(false, std::memory_order_release);
}

std::optional<double> quota_value_in_force(const AppliedQuotas* applied, const ServiceQuotasSettings& settings,
                                           std::string_view account, std::string_view region,
                                           std::string_view service, std::string_view key) {
  if (applied) {
    if (auto value = applied->find(account, region, service, key)) return value;
  }
  if (settings.applied.empty()) return std::nullopt;
  const PreappliedQuota* preset = settings.find_applied(account, region, service, key);
  if (!preset) return std::nullopt;
  return preset->value;
}

BucketLimit scale_limit(const BucketLimit& limit, double rate_per_sec, bool scale_burst) {
  BucketLimit scaled;
  scaled.rate_per_sec = rate_per_sec;
  if (!scale_burst) {
    scaled.burst = limit.burst;
    return scaled;
  }
  scaled.burst = limit.rate_per_sec > 0 ? limit.burst * rate_per_sec / limit.rate_per_sec : rate_per_sec;
  scaled.burst = std::max(scaled.burst, 1.0);
  return scaled;
}

}  // namespace chokepoint
