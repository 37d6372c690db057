// ListServices, ListServiceQuotas, ListAWSDefaultServiceQuotas, GetServiceQuota, GetAWSDefaultServiceQuota.
#include <algorithm>

#include "services/servicequotas/quota_call.hpp"
#include "services/servicequotas/quota_catalog.hpp"
#include "services/servicequotas/quota_errors.hpp"
#include "services/servicequotas/quota_input.hpp"
#include "services/servicequotas/quota_view.hpp"

namespace chokepoint {

namespace {

// The service named by ServiceCode (required), with its quotas; NoSuchResourceException for one without any.
Result<std::vector<QuotaDefinition>> quotas_of_named_service(const QuotaCall& call) {
  auto code = required_quota_id(call.request.params, "ServiceCode", QuotaIdKind::kServiceCode);
  if (!code) return code.error();
  std::vector<QuotaDefinition> quotas = service_quota_definitions(call.ctx.config, *code);
  if (quotas.empty()) return no_such_service(*code);
  return quotas;
}

// One page of `quotas`, each with its applied value (or its default one).
ApiResult quota_list_page(QuotaCall& call, const std::vector<QuotaDefinition>& quotas, bool defaults) {
  auto page = quota_page(call.request.params, quotas.size());
  if (!page) return page.error();
  ApiResponse response;
  nlohmann::json& list = response.body["Quotas"] = nlohmann::json::array();
  for (std::size_t i = page->begin; i < page->end; ++i) {
    const QuotaDefinition& q = quotas[i];
    const double value = defaults
                             ? q.default_value()
                             : applied_quota_value(call.ctx.config, call.applied, q, call.account(), call.region());
    list.push_back(quota_json(q, value, call.account(), call.region()));
  }
  if (!page->next_token.empty()) response.body["NextToken"] = page->next_token;
  return response;
}

}  // namespace

Result<QuotaDefinition> named_quota(const QuotaCall& call) {
  auto service = required_quota_id(call.request.params, "ServiceCode", QuotaIdKind::kServiceCode);
  if (!service) return service.error();
  auto code = required_quota_id(call.request.params, "QuotaCode", QuotaIdKind::kQuotaCode);
  if (!code) return code.error();
  if (service_quota_definitions(call.ctx.config, *service).empty()) return no_such_service(*service);
  auto quota = find_quota_definition(call.ctx.config, *service, *code);
  if (!quota) return no_such_quota(*service, *code);
  return std::move(*quota);
}

ApiResult list_services(QuotaCall& call) {
  const std::vector<std::string> codes = quota_service_codes(call.ctx.config);
  auto page = quota_page(call.request.params, codes.size());
  if (!page) return page.error();
  ApiResponse response;
  nlohmann::json& list = response.body["Services"] = nlohmann::json::array();
  for (std::size_t i = page->begin; i < page->end; ++i) {
    list.push_back({{"ServiceCode", codes[i]}, {"ServiceName", service_display_name(codes[i])}});
  }
  if (!page->next_token.empty()) response.body["NextToken"] = page->next_token;
  return response;
}

ApiResult list_service_quotas(QuotaCall& call) {
  auto quotas = quotas_of_named_service(call);
  if (!quotas) return quotas.error();
  auto code = optional_quota_id(call.request.params, "QuotaCode", QuotaIdKind::kQuotaCode);
  if (!code) return code.error();
  auto level = optional_quota_enum(call.request.params, "QuotaAppliedAtLevel", {"ACCOUNT", "RESOURCE", "ALL"});
  if (!level) return level.error();
  std::erase_if(*quotas, [&](const QuotaDefinition& q) {
    // Every quota here is an account-level one: a RESOURCE filter leaves none.
    return (*code && q.quota_code != **code) || (*level && **level == "RESOURCE");
  });
  return quota_list_page(call, *quotas, false);
}

ApiResult list_aws_default_service_quotas(QuotaCall& call) {
  auto quotas = quotas_of_named_service(call);
  if (!quotas) return quotas.error();
  return quota_list_page(call, *quotas, true);
}

ApiResult get_service_quota(QuotaCall& call) {
  auto quota = named_quota(call);
  if (!quota) return quota.error();
  const double value = applied_quota_value(call.ctx.config, call.applied, *quota, call.account(), call.region());
  ApiResponse response;
  response.body["Quota"] = quota_json(*quota, value, call.account(), call.region());
  return response;
}

ApiResult get_aws_default_service_quota(QuotaCall& call) {
  auto quota = named_quota(call);
  if (!quota) return quota.error();
  ApiResponse response;
  response.body["Quota"] = quota_json(*quota, quota->default_value(), call.account(), call.region());
  return response;
}

}  // namespace chokepoint
