#include "services/servicequotas/quota_view.hpp"

#include "common/time_format.hpp"
#include "throttle/limit_resolver.hpp"

namespace chokepoint {

namespace {

std::string quota_arn(const std::string& service_code, const std::string& quota_code, const std::string& account,
                      const std::string& region) {
  return "arn:aws:servicequotas:" + region + ":" + account + ":" + service_code + "/" + quota_code;
}

}  // namespace

double applied_quota_value(const Config& config, const AppliedQuotas& applied, const QuotaDefinition& quota,
                           const std::string& account, const std::string& region) {
  if (auto value = quota_value_in_force(&applied, config.service_quotas, account, region, quota.service_code,
                                        quota.quota_key)) {
    return *value;
  }
  if (!quota.rate) return quota.default_value();
  const auto resolved = resolve_quota(config, quota.service_code, quota.quota_key, account, region);
  return resolved ? resolved->limit.rate_per_sec : quota.default_limit.rate_per_sec;
}

nlohmann::json quota_json(const QuotaDefinition& quota, double value, const std::string& account,
                          const std::string& region) {
  nlohmann::json out = {
      {"ServiceCode", quota.service_code},
      {"ServiceName", service_display_name(quota.service_code)},
      {"QuotaArn", quota_arn(quota.service_code, quota.quota_code, account, region)},
      {"QuotaCode", quota.quota_code},
      {"QuotaName", quota.quota_name},
      {"Value", value},
      {"Unit", "None"},
      {"Adjustable", true},
      {"GlobalQuota", false},
      {"QuotaAppliedAtLevel", "ACCOUNT"},
      {"Description", quota.description},
  };
  // A count has no period: AWS reports Period only for rate quotas.
  if (quota.rate) out["Period"] = {{"PeriodValue", 1}, {"PeriodUnit", "SECOND"}};
  return out;
}

nlohmann::json quota_request_json(const QuotaRequest& request) {
  const QuotaDefinition& quota = request.quota;
  nlohmann::json out = {
      {"Id", request.id},
      {"ServiceCode", quota.service_code},
      {"ServiceName", service_display_name(quota.service_code)},
      {"QuotaCode", quota.quota_code},
      {"QuotaName", quota.quota_name},
      {"DesiredValue", request.desired_value},
      {"Status", request.status},
      {"Created", epoch_seconds(request.created)},
      {"LastUpdated", epoch_seconds(request.last_updated)},
      {"Requester", request.requester},
      {"QuotaArn", quota_arn(quota.service_code, quota.quota_code, request.account, request.region)},
      {"GlobalQuota", false},
      {"Unit", "None"},
      {"QuotaRequestedAtLevel", "ACCOUNT"},
  };
  if (request.support_case && request.status != "PENDING") out["CaseId"] = request.case_id;
  return out;
}

}  // namespace chokepoint
