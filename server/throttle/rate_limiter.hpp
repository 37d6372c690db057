#pragma once
// API-rate admission: per (account, region, service, bucket) token buckets sized by the config, or by a quota
// value applied to the account and region (an approved Service Quotas increase) when there is one.
// Thread-safe; the store does the locking.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "config/config.hpp"
#include "throttle/applied_quotas.hpp"
#include "throttle/bucket_store.hpp"
#include "throttle/limit_resolver.hpp"

namespace chokepoint {

struct Admission {
  bool admitted = true;
  std::string bucket;  // the bucket that decided; empty when none applied
};

class RateLimiter {
 public:
  explicit RateLimiter(BucketStore& store, const AppliedQuotas* applied = nullptr) : store_(&store), applied_(applied) {}

  // Puts another store in force (a shared one, built once the I/O loops exist); set once at start-up, before the
  // first request.
  void use_store(BucketStore& store) { store_ = &store; }
  // True: admit_call_async answers later, from a store several replicas share (BucketStore::remote).
  bool remote() const { return store_->remote(); }

  // One token from the call's API bucket. A rejection consumes nothing. `resource`: what the call addresses,
  // for groups that keep a bucket per resource (S3's buckets).
  Admission admit_call(const Config& config, std::string_view account, std::string_view region,
                       std::string_view service, std::string_view operation, std::string_view variant,
                       TimePoint now, std::string_view resource = {});
  // admit_call, answered through `done` (at once, or later from a remote store; on any thread). The arguments are
  // read before it returns.
  void admit_call_async(const Config& config, std::string_view account, std::string_view region,
                        std::string_view service, std::string_view operation, std::string_view variant,
                        TimePoint now, std::string_view resource, std::function<void(const Admission&)> done);

  // `tokens` from a resource bucket (EC2: one per instance). Admitted when the service defines no such bucket.
  Admission take_resource(const Config& config, std::string_view account, std::string_view region,
                          std::string_view service, std::string_view resource, double tokens, TimePoint now);

  // A quota that sizes no bucket (a count, such as EC2's running vCPUs; config/count_quotas.hpp) for this account
  // and region: the value in force (an approved increase, a pre-applied one), else `configured`.
  double quota_value(const Config& config, std::string_view account, std::string_view region,
                     std::string_view service, std::string_view key, double configured) const;

  // Gives the account-region's existing buckets of quota `key` (limit_resolver.hpp quota_key) the size the value now
  // in force sets, at once: called when a quota increase is approved, so that the next burst already has the new
  // size instead of draining the old level first.
  void resize_quota(const Config& config, std::string_view account, std::string_view region,
                    std::string_view service, std::string_view key, TimePoint now);

  BucketStore& store() { return *store_; }

 private:
  // The bucket's size for this account and region: the configuration's, or that of the quota value applied to
  // it: an approved increase, else one the configuration pre-applies (service_quotas.applied).
  BucketLimit limit_for(const Config& config, const ResolvedBucket& bucket, std::string_view account,
                        std::string_view region, std::string_view service) const;

  // The bucket a call draws from and its size; nullopt when the call is not rate limited.
  struct ApiBucket {
    BucketKey key;
    BucketLimit limit;
  };
  std::optional<ApiBucket> api_bucket(const Config& config, std::string_view account, std::string_view region,
                                      std::string_view service, std::string_view operation, std::string_view variant,
                                      std::string_view resource) const;

  BucketStore* store_;
  const AppliedQuotas* applied_;  // null: only the configuration sizes buckets
};

}  // namespace chokepoint
