#pragma once
// Quota values granted to one account and region (an approved Service Quotas increase), by service and quota key,
// laid over what the configuration gives that account's buckets. The rate limiter reads them on every admission;
// the Service Quotas service writes them when a request is approved and clears them on reset. A value replaces the
// rate of every bucket the quota sizes and scales its burst in proportion, so a bucket that admitted 40 at once at
// 40/s admits 100 at once at 100/s.
// Thread-safe: one mutex; reads copy out a double. While no value is applied (the usual case) a read takes no lock:
// admission asks on every call, from every I/O thread.
#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "config/config.hpp"

namespace chokepoint {

struct AppliedQuota {
  std::string account, region, service;
  std::string key;  // the quota key (throttle/limit_resolver.hpp quota_key): a group, "default" or "resource:X"
  double rate_per_sec = 0;
};

class AppliedQuotas {
 public:
  void set(const AppliedQuota& quota);
  std::optional<double> find(std::string_view account, std::string_view region, std::string_view service,
                             std::string_view key) const;
  std::vector<AppliedQuota> all() const;  // in key order
  void clear();

 private:
  using Key = std::tuple<std::string, std::string, std::string, std::string>;
  mutable std::mutex mutex_;
  std::map<Key, double> rates_;
  std::atomic<bool> any_{false};  // rates_ is not empty
};

// The value in force for an account-region's quota: an approved increase (`applied`, may be null), else the last
// `service_quotas.applied` entry naming it; nullopt when neither does (the configuration's own size holds).
std::optional<double> quota_value_in_force(const AppliedQuotas* applied, const ServiceQuotasSettings& settings,
                                           std::string_view account, std::string_view region,
                                           std::string_view service, std::string_view key);

// `limit` with its rate replaced by `rate_per_sec` and, with `scale_burst`, its burst scaled by the same factor (at
// least one token; a bucket whose rate was zero gets a burst equal to the new rate). Without, the burst stays.
BucketLimit scale_limit(const BucketLimit& limit, double rate_per_sec, bool scale_burst = true);

}  // namespace chokepoint
