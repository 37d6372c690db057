#pragma once
// The wire form of a quota (ServiceQuota) and of an increase request (RequestedServiceQuotaChange), and the value a
// quota has for one account and region.
#include <string>

#include <nlohmann/json.hpp>

#include "config/config.hpp"
#include "services/servicequotas/quota_desk.hpp"
#include "throttle/applied_quotas.hpp"

namespace chokepoint {

// The applied value: an approved increase, else a value `service_quotas.applied` gives the account, else the
// configuration's size for the account and region (`limits:` overrides naming the quota's group included).
double applied_quota_value(const Config& config, const AppliedQuotas& applied, const QuotaDefinition& quota,
                           const std::string& account, const std::string& region);

nlohmann::json quota_json(const QuotaDefinition& quota, double value, const std::string& account,
                          const std::string& region);
nlohmann::json quota_request_json(const QuotaRequest& request);

}  // namespace chokepoint
