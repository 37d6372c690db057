#include "throttle/rate_limiter.hpp"

namespace chokepoint {

namespace {
BucketKey key_for(std::string_view account, std::string_view region, std::string_view service,
                  const std::string& bucket) {
  return BucketKey{std::string(account), std::string(region), std::string(service), bucket};
}
}  // namespace

BucketLimit RateLimiter::limit_for(const Config& config, const ResolvedBucket& bucket, std::string_view account,
                                   std::string_view region, std::string_view service) const {
  const std::string_view key = quota_key(bucket);
  if (applied_) {
    if (const auto rate = applied_->find(account, region, service, key)) return scale_limit(bucket.limit, *rate);
  }
  if (config.service_quotas.applied.empty()) return bucket.limit;
  const PreappliedQuota* preset = config.service_quotas.find_applied(account, region, service, key);
  return preset ? scale_limit(bucket.limit, preset->value) : bucket.limit;
}

Admission RateLimiter::admit_call(const Config& config, std::string_view account, std::string_view region,
                                  std::string_view service, std::string_view operation, std::string_view variant,
                                  TimePoint now, std::string_view resource) {
  const ResolvedBucket bucket = resolve_api_bucket(config, service, operation, variant, account, region);
  if (!bucket.enabled) return Admission{true, {}};
  const std::string name = bucket.per_resource ? per_resource_bucket_name(bucket.name, resource) : bucket.name;
  const bool ok = store_.try_take(key_for(account, region, service, name),
                                  limit_for(config, bucket, account, region, service), now, 1.0);
  return Admission{ok, name};
}

Admission RateLimiter::take_resource(const Config& config, std::string_view account, std::string_view region,
                                     std::string_view service, std::string_view resource, double tokens,
                                     TimePoint now) {
  const auto bucket = resolve_resource_bucket(config, service, resource, account, region);
  if (!bucket || !bucket->enabled) return Admission{true, {}};
  const bool ok = store_.try_take(key_for(account, region, service, bucket->name),
                                  limit_for(config, *bucket, account, region, service), now, tokens);
  return Admission{ok, bucket->name};
}

}  // namespace chokepoint
