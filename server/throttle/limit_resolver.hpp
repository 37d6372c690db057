#pragma once
// Which bucket an API call draws from and how large it is: the service's groups from the defaults
// (first match wins; shared groups give one bucket for all their operations, other groups one bucket per
// operation), then the user's `limits:` overrides in order (later wins). Pure function of the config.
#include <string>
#include <string_view>

#include "config/config.hpp"

namespace chokepoint {

struct ResolvedBucket {
  std::string name;   // bucket key: group name (shared), or operation (with "@variant" for variant groups)
  std::string group;  // the group that sized it, empty for the service default
  BucketLimit limit;
  bool enabled = true;  // false: never throttles (unlimited group, or switched off by an override)
};

ResolvedBucket resolve_api_bucket(const Config& config, std::string_view service, std::string_view operation,
                                  std::string_view variant, std::string_view account, std::string_view region);

// Resource-token buckets (e.g. EC2 instances per RunInstances); nullopt when the service defines none.
std::optional<ResolvedBucket> resolve_resource_bucket(const Config& config, std::string_view service,
                                                      std::string_view resource, std::string_view account,
                                                      std::string_view region);

}  // namespace chokepoint
