#pragma once
// The quotas Service Quotas reports, derived from the configuration's throttling sections so that no limit is
// listed twice: every sized bucket group, each service's default bucket and each resource-token bucket is one
// quota of that service (service code = the `throttling.<service>` key), with an emulator code (CP-<key>; AWS
// publishes none for these API rates). Unlimited groups are not quotas. After the rates come the service's count
// quotas under AWS's codes (config/count_quotas.hpp). Pure functions of the configuration.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "config/quota_codes.hpp"

namespace chokepoint {

struct QuotaDefinition {
  std::string service_code;  // "ssm"
  std::string quota_code;    // "CP-ParameterReads"
  std::string quota_key;     // what the limiter knows it by (throttle/limit_resolver.hpp quota_key)
  std::string quota_name;    // says which operations it covers
  std::string description;
  BucketLimit default_limit;  // the built-in or configured size, before any account override or increase
  bool rate = true;           // false: a count (config/count_quotas.hpp), whose value default_limit's rate holds

  double default_value() const { return default_limit.rate_per_sec; }
};

// The service codes that have quotas, in code order.
std::vector<std::string> quota_service_codes(const Config& config);
// A service's quotas in configuration order; empty for a service without any.
std::vector<QuotaDefinition> service_quota_definitions(const Config& config, std::string_view service_code);
std::optional<QuotaDefinition> find_quota_definition(const Config& config, std::string_view service_code,
                                                     std::string_view quota_code);

// AWS's name for a service code ("ssm" -> "AWS Systems Manager"); the code itself when unknown.
std::string service_display_name(std::string_view service_code);

}  // namespace chokepoint
