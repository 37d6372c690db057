#pragma once
// Which bucket an API call draws from and how large it is: the service's groups from the defaults
// (first match wins; shared groups give one bucket for all their operations, other groups one bucket per
// operation), then the user's `limits:` overrides in order (later wins). Pure function of the config.
#include <optional>
#include <string>
#include <string_view>

#include "config/config.hpp"

namespace chokepoint {

struct ResolvedBucket {
  std::string name;   // bucket key: group name (shared), or operation (with "@variant" for variant groups)
  std::string group;  // the group that sized it, empty for the service default
  BucketLimit limit;
  bool enabled = true;  // false: never throttles (unlimited group, or switched off by an override)
  bool per_resource = false;  // one bucket of this size per resource the call addresses (see LimitGroup)
};

// The key of a per-resource bucket: the bucket's name, '/', the resource. Operation and group names hold no '/',
// so the name part can always be read back (resolve_bucket_by_name).
std::string per_resource_bucket_name(std::string_view bucket, std::string_view resource);

ResolvedBucket resolve_api_bucket(const Config& config, std::string_view service, std::string_view operation,
                                  std::string_view variant, std::string_view account, std::string_view region);

// The size the configuration gives a bucket known by its key's name ("resource:RunInstances",
// "DescribeInstances@unfiltered", a shared group's name, or an operation's): what its next use would set, so that
// a view after a reload shows the new size. A shared group's bucket gets its group's size with the overrides
// naming the group; one naming an operation of the group applies from that operation's next call. Nullopt for a
// name the configuration no longer sizes.
std::optional<BucketLimit> resolve_bucket_by_name(const Config& config, std::string_view service,
                                                  std::string_view bucket, std::string_view account,
                                                  std::string_view region);

// The quota a bucket belongs to, as Service Quotas names it: its group, "resource:X" for a resource bucket, or
// kDefaultQuotaKey for an operation no group lists (each such operation's bucket is sized by the service default).
inline constexpr std::string_view kDefaultQuotaKey = "default";
std::string_view quota_key(const ResolvedBucket& bucket);

// The size a quota key gives an account's buckets: a group's size with the overrides naming the group, the service
// default, or a resource bucket's size. Nullopt for a key the configuration does not define.
std::optional<ResolvedBucket> resolve_quota(const Config& config, std::string_view service, std::string_view key,
                                            std::string_view account, std::string_view region);

// The quota key of a bucket known by its key's name (as resolve_bucket_by_name reads names); nullopt for a name
// the configuration no longer gives any bucket.
std::optional<std::string> quota_key_of_bucket(const Config& config, std::string_view service,
                                               std::string_view bucket, std::string_view account,
                                               std::string_view region);

// Resource-token buckets (e.g. EC2 instances per RunInstances); nullopt when the service defines none.
std::optional<ResolvedBucket> resolve_resource_bucket(const Config& config, std::string_view service,
                                                      std::string_view resource, std::string_view account,
                                                      std::string_view region);

}  // namespace chokepoint
