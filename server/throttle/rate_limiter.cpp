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
  const auto value = quota_value_in_force(applied_, config.service_quotas, account, region, service, quota_key(bucket));
  return value ? scale_limit(bucket.limit, *value, config.service_quotas.scale_burst) : bucket.limit;
}

double RateLimiter::quota_value(const Config& config, std::string_view account, std::string_view region,
                                std::string_view service, std::string_view key, double configured) const {
  return quota_value_in_force(applied_, config.service_quotas, account, region, service, key).value_or(configured);
}

void RateLimiter::resize_quota(const Config& config, std::string_view account, std::string_view region,
                               std::string_view service, std::string_view key, TimePoint now) {
  const auto value = quota_value_in_force(applied_, config.service_quotas, account, region, service, key);
  const BucketFilter filter{std::string(account), std::string(region), std::string(service)};
  for (const BucketSnapshot& b : store_->snapshot(filter, now)) {
    const auto bucket_quota = quota_key_of_bucket(config, service, b.key.bucket, account, region);
    if (!bucket_quota || *bucket_quota != key) continue;
    const auto configured = resolve_bucket_by_name(config, service, b.key.bucket, account, region);
    if (!configured) continue;
    store_->resize(b.key, value ? scale_limit(*configured, *value, config.service_quotas.scale_burst) : *configured,
                  now);
  }
}

std::optional<RateLimiter::ApiBucket> RateLimiter::api_bucket(const Config& config, std::string_view account,
                                                              std::string_view region, std::string_view service,
                                                              std::string_view operation, std::string_view variant,
                                                              std::string_view resource) const {
  const ResolvedBucket bucket = resolve_api_bucket(config, service, operation, variant, account, region);
  if (!bucket.enabled) return std::nullopt;
  const std::string name = bucket.per_resource ? per_resource_bucket_name(bucket.name, resource) : bucket.name;
  return ApiBucket{key_for(account, region, service, name), limit_for(config, bucket, account, region, service)};
}

Admission RateLimiter::admit_call(const Config& config, std::string_view account, std::string_view region,
                                  std::string_view service, std::string_view operation, std::string_view variant,
                                  TimePoint now, std::string_view resource) {
  auto bucket = api_bucket(config, account, region, service, operation, variant, resource);
  if (!bucket) return Admission{true, {}};
  const bool ok = store_->try_take(bucket->key, bucket->limit, now, 1.0);
  return Admission{ok, std::move(bucket->key.bucket)};
}

void RateLimiter::admit_call_async(const Config& config, std::string_view account, std::string_view region,
                                   std::string_view service, std::string_view operation, std::string_view variant,
                                   TimePoint now, std::string_view resource,
                                   std::function<void(const Admission&)> done) {
  auto bucket = api_bucket(config, account, region, service, operation, variant, resource);
  if (!bucket) return done(Admission{true, {}});
  std::string name = bucket->key.bucket;
  store_->take_async(bucket->key, bucket->limit, now, 1.0, [name = std::move(name), done = std::move(done)](bool ok) {
    done(Admission{ok, name});
  });
}

Admission RateLimiter::take_resource(const Config& config, std::string_view account, std::string_view region,
                                     std::string_view service, std::string_view resource, double tokens,
                                     TimePoint now) {
  const auto bucket = resolve_resource_bucket(config, service, resource, account, region);
  if (!bucket || !bucket->enabled) return Admission{true, {}};
  const bool ok = store_->try_take(key_for(account, region, service, bucket->name),
                                  limit_for(config, *bucket, account, region, service), now, tokens);
  return Admission{ok, bucket->name};
}

}  // namespace chokepoint
