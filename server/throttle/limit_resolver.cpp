#include "throttle/limit_resolver.hpp"

#include "common/strings.hpp"

namespace chokepoint {

namespace {

bool group_matches(const LimitGroup& group, std::string_view operation, std::string_view variant) {
  if (group.variant != variant && !group.variant.empty()) return false;
  for (const auto& pattern : group.operations) {
    if (glob_match(pattern, operation)) return true;
  }
  return false;
}

const LimitGroup* find_group(const ServiceThrottling& throttling, std::string_view operation,
                             std::string_view variant) {
  // Groups for the call's variant take precedence over plain groups.
  if (!variant.empty()) {
    for (const auto& g : throttling.groups) {
      if (g.variant == variant && group_matches(g, operation, variant)) return &g;
    }
  }
  for (const auto& g : throttling.groups) {
    if (g.variant.empty() && group_matches(g, operation, variant)) return &g;
  }
  return nullptr;
}

bool override_matches(const LimitOverride& o, std::string_view service, std::string_view account,
                      std::string_view region) {
  return (!o.service || *o.service == service) && (!o.account || *o.account == account) &&
         (!o.region || *o.region == region);
}

void apply(const LimitOverrideSpec& spec, ResolvedBucket& bucket) {
  if (spec.rate_per_sec) bucket.limit.rate_per_sec = *spec.rate_per_sec;
  if (spec.burst) bucket.limit.burst = *spec.burst;
  if (spec.enabled) bucket.enabled = *spec.enabled;
  // An explicit size re-enables a bucket that a group declared unlimited.
  if ((spec.rate_per_sec || spec.burst) && !spec.enabled) bucket.enabled = true;
}

// Applies every matching override; within one entry the more specific key wins (group, then
// operation, then the bucket's own name).
void apply_overrides(const Config& config, std::string_view service, std::string_view account,
                     std::string_view region, std::initializer_list<std::string_view> keys, ResolvedBucket& bucket) {
  for (const auto& o : config.limits) {
    if (!override_matches(o, service, account, region)) continue;
    for (const auto key : keys) {
      if (key.empty()) continue;
      const auto it = o.buckets.find(std::string(key));
      if (it != o.buckets.end()) apply(it->second, bucket);
    }
  }
}

// A shared bucket's size, whichever of its operations is called: an override keyed by the group or by any of its
// operations sizes the one bucket they share (README: `GetParameter` sizes the bucket GetParameters draws from too),
// so that the size never depends on which operation came last.
void apply_shared_overrides(const Config& config, std::string_view service, std::string_view account,
                            std::string_view region, const LimitGroup& group, ResolvedBucket& bucket) {
  apply_overrides(config, service, account, region, {group.name}, bucket);
  for (const std::string& operation : group.operations) {
    apply_overrides(config, service, account, region, {operation}, bucket);
  }
}

}  // namespace

ResolvedBucket resolve_api_bucket(const Config& config, std::string_view service, std::string_view operation,
                                  std::string_view variant, std::string_view account, std::string_view region) {
  ResolvedBucket bucket;
  const auto svc = config.throttling.find(std::string(service));
  const LimitGroup* group = svc == config.throttling.end() ? nullptr : find_group(svc->second, operation, variant);
  if (group) {
    bucket.group = group->name;
    bucket.limit = group->limit;
    bucket.enabled = !group->unlimited;
    bucket.name = group->shared ? group->name : std::string(operation);
    if (!group->shared && !group->variant.empty()) bucket.name += "@" + group->variant;
    bucket.per_resource = group->per_resource;
  } else {
    bucket.name = std::string(operation);
    if (svc != config.throttling.end()) {
      bucket.limit = svc->second.default_limit;
      bucket.enabled = !svc->second.default_unlimited;
    } else {
      bucket.enabled = false;  // a service without throttling defaults is not rate limited
    }
  }
  if (group && group->shared) {
    apply_shared_overrides(config, service, account, region, *group, bucket);
  } else {
    apply_overrides(config, service, account, region, {bucket.group, operation, bucket.name}, bucket);
  }
  return bucket;
}

std::string per_resource_bucket_name(std::string_view bucket, std::string_view resource) {
  std::string name(bucket);
  name += '/';
  name += resource;
  return name;
}

std::optional<BucketLimit> resolve_bucket_by_name(const Config& config, std::string_view service,
                                                  std::string_view bucket, std::string_view account,
                                                  std::string_view region) {
  bucket = bucket.substr(0, bucket.find('/'));  // a per-resource bucket is sized as its group
  constexpr std::string_view kResourcePrefix = "resource:";
  if (bucket.substr(0, kResourcePrefix.size()) == kResourcePrefix) {
    const auto resolved =
        resolve_resource_bucket(config, service, bucket.substr(kResourcePrefix.size()), account, region);
    return resolved ? std::optional<BucketLimit>(resolved->limit) : std::nullopt;
  }
  const auto svc = config.throttling.find(std::string(service));
  const std::vector<LimitGroup> no_groups;
  for (const LimitGroup& group : svc == config.throttling.end() ? no_groups : svc->second.groups) {
    if (!group.shared || group.name != bucket) continue;
    ResolvedBucket shared{group.name, group.name, group.limit, !group.unlimited};
    apply_shared_overrides(config, service, account, region, group, shared);
    return shared.limit;
  }
  const auto at = bucket.find('@');
  const std::string_view operation = bucket.substr(0, at);
  const std::string_view variant = at == std::string_view::npos ? std::string_view() : bucket.substr(at + 1);
  const ResolvedBucket resolved = resolve_api_bucket(config, service, operation, variant, account, region);
  if (resolved.name != bucket) return std::nullopt;  // the operation now draws from another bucket
  // A service without limits of its own has buckets only where an override sizes them.
  if (svc == config.throttling.end() && !resolved.enabled) return std::nullopt;
  return resolved.limit;
}

std::string_view quota_key(const ResolvedBucket& bucket) {
  if (!bucket.group.empty()) return bucket.group;
  if (bucket.name.rfind("resource:", 0) == 0) return bucket.name;
  return kDefaultQuotaKey;
}

std::optional<ResolvedBucket> resolve_quota(const Config& config, std::string_view service, std::string_view key,
                                            std::string_view account, std::string_view region) {
  constexpr std::string_view kResourcePrefix = "resource:";
  if (key.substr(0, kResourcePrefix.size()) == kResourcePrefix) {
    return resolve_resource_bucket(config, service, key.substr(kResourcePrefix.size()), account, region);
  }
  const auto svc = config.throttling.find(std::string(service));
  if (svc == config.throttling.end()) return std::nullopt;
  if (key == kDefaultQuotaKey) {
    if (svc->second.default_unlimited) return std::nullopt;
    return ResolvedBucket{std::string(key), {}, svc->second.default_limit, true};
  }
  for (const LimitGroup& group : svc->second.groups) {
    if (group.name != key) continue;
    ResolvedBucket bucket{group.name, group.name, group.limit, !group.unlimited};
    if (group.shared) {
      apply_shared_overrides(config, service, account, region, group, bucket);
    } else {
      apply_overrides(config, service, account, region, {group.name}, bucket);
    }
    return bucket;
  }
  return std::nullopt;
}

std::optional<std::string> quota_key_of_bucket(const Config& config, std::string_view service,
                                               std::string_view bucket, std::string_view account,
                                               std::string_view region) {
  bucket = bucket.substr(0, bucket.find('/'));  // a per-resource bucket belongs to its group's quota
  if (bucket.rfind("resource:", 0) == 0) return std::string(bucket);
  const auto svc = config.throttling.find(std::string(service));
  if (svc == config.throttling.end()) return std::nullopt;
  for (const LimitGroup& group : svc->second.groups) {
    if (group.shared && group.name == bucket) return group.name;
  }
  const auto at = bucket.find('@');
  const std::string_view operation = bucket.substr(0, at);
  const std::string_view variant = at == std::string_view::npos ? std::string_view() : bucket.substr(at + 1);
  const ResolvedBucket resolved = resolve_api_bucket(config, service, operation, variant, account, region);
  if (resolved.name != bucket) return std::nullopt;
  return std::string(quota_key(resolved));
}

std::optional<ResolvedBucket> resolve_resource_bucket(const Config& config, std::string_view service,
                                                      std::string_view resource, std::string_view account,
                                                      std::string_view region) {
  const auto svc = config.throttling.find(std::string(service));
  if (svc == config.throttling.end()) return std::nullopt;
  const auto it = svc->second.resources.find(std::string(resource));
  if (it == svc->second.resources.end()) return std::nullopt;
  ResolvedBucket bucket;
  bucket.name = "resource:" + std::string(resource);
  bucket.limit = it->second;
  apply_overrides(config, service, account, region, {bucket.name}, bucket);
  return bucket;
}

}  // namespace chokepoint
