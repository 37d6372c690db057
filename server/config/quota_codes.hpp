#pragma once
// Service Quotas codes of the throttling configuration's buckets, shared by the config reader (service_quotas.
// applied names quotas by code) and the Service Quotas service: a sized group is quota CP-<group>, the service
// default CP-default, a resource-token bucket CP-resource-<action> (the quota keys "<group>", "default",
// "resource:<action>" with every character outside [A-Za-z0-9-] turned into '-'). Pure functions.
#include <optional>
#include <string>
#include <string_view>

#include "config/config.hpp"

namespace chokepoint {

std::string quota_code_for(std::string_view quota_key);
// The quota key a code names among `throttling`'s quotas (unlimited groups are none); nullopt when none.
std::optional<std::string> quota_key_for_code(const ServiceThrottling& throttling, std::string_view quota_code);

}  // namespace chokepoint
