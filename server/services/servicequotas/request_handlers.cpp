// RequestServiceQuotaIncrease, GetRequestedServiceQuotaChange, ListRequestedServiceQuotaChangeHistory and
// ListRequestedServiceQuotaChangeHistoryByQuota.
#include <algorithm>

#include "protocol/params.hpp"
#include "services/servicequotas/quota_call.hpp"
#include "services/servicequotas/quota_errors.hpp"
#include "services/servicequotas/quota_input.hpp"
#include "services/servicequotas/quota_view.hpp"

namespace chokepoint {

namespace {

// The IAM identity of the caller, as the Requester member reports it.
std::string quota_requester(const QuotaCall& call) {
  const AccountEntry* entry = call.ctx.config.find_account(call.request.identity.access_key);
  const std::string arn = entry && !entry->user_name.empty()
                              ? "arn:aws:iam::" + call.account() + ":user/" + entry->user_name
                              : "arn:aws:iam::" + call.account() + ":root";
  return nlohmann::json{{"accountId", call.account()}, {"callerArn", arn}}.dump();
}

// The history page shared by both listing operations: the caller's requests that `keep` accepts, newest first,
// filtered by Status and QuotaRequestedAtLevel.
template <class Keep>
ApiResult quota_history_page(QuotaCall& call, Keep keep) {
  auto status = optional_quota_enum(
      call.request.params, "Status",
      {"PENDING", "CASE_OPENED", "APPROVED", "DENIED", "CASE_CLOSED", "NOT_APPROVED", "INVALID_REQUEST"});
  if (!status) return status.error();
  auto level = optional_quota_enum(call.request.params, "QuotaRequestedAtLevel", {"ACCOUNT", "RESOURCE", "ALL"});
  if (!level) return level.error();
  std::vector<QuotaRequest> requests = call.desk.list(call.account(), call.region());
  std::erase_if(requests, [&](const QuotaRequest& r) {
    return !keep(r) || (*status && r.status != **status) || (*level && **level == "RESOURCE");
  });
  auto page = quota_page(call.request.params, requests.size());
  if (!page) return page.error();
  ApiResponse response;
  nlohmann::json& list = response.body["RequestedQuotas"] = nlohmann::json::array();
  for (std::size_t i = page->begin; i < page->end; ++i) list.push_back(quota_request_json(requests[i]));
  if (!page->next_token.empty()) response.body["NextToken"] = page->next_token;
  return response;
}

}  // namespace

ApiResult request_service_quota_increase(QuotaCall& call) {
  const nlohmann::json& params = call.request.params;
  auto quota = named_quota(call);
  if (!quota) return quota.error();
  auto desired = required_quota_value(params, "DesiredValue");
  if (!desired) return desired.error();
  bool bad = false;
  const auto support_case = param_bool(params, "SupportCaseAllowed", &bad);
  if (bad) return quotas_serialization_error("SupportCaseAllowed");
  (void)param_string(params, "ContextId", &bad);  // every quota here is account-level: a context is not used
  if (bad) return quotas_serialization_error("ContextId");

  const double current = applied_quota_value(call.ctx.config, call.applied, *quota, call.account(), call.region());
  if (*desired <= current) {
    return quotas_error("IllegalArgumentException", "The desired value must be greater than the current quota value (" +
                                                        nlohmann::json(current).dump() + ").");
  }
  const ServiceQuotasSettings& settings = call.ctx.config.service_quotas;
  QuotaRequest request;
  request.id = call.ctx.ids.lower_hex(32);
  request.case_id = std::to_string(1'000'000'000 + call.ctx.ids.next64() % 9'000'000'000ULL);
  request.account = call.account();
  request.region = call.region();
  request.requester = quota_requester(call);
  request.quota = std::move(*quota);
  request.desired_value = *desired;
  request.created = call.ctx.now;
  // A count is judged by the larger of its default and its current value; one still at 0 (EC2's GPU vCPU groups,
  // which AWS starts at 0 and raises case by case) has no ceiling, so its first increase can be approved at all.
  const double base = request.quota.rate ? request.quota.default_value()
                                         : std::max(request.quota.default_value(), current);
  request.approve = base <= 0 || *desired <= base * settings.deny_above_factor;
  request.support_case = support_case.value_or(true);
  auto opened = call.desk.open(std::move(request), settings.approval_delay);
  if (!opened) return opened.error();
  ApiResponse response;
  response.body["RequestedQuota"] = quota_request_json(*opened);
  return response;
}

ApiResult get_requested_service_quota_change(QuotaCall& call) {
  auto id = required_quota_id(call.request.params, "RequestId", QuotaIdKind::kRequestId);
  if (!id) return id.error();
  const auto request = call.desk.find(call.account(), call.region(), *id);
  if (!request) return no_such_request(*id);
  ApiResponse response;
  response.body["RequestedQuota"] = quota_request_json(*request);
  return response;
}

ApiResult list_requested_service_quota_change_history(QuotaCall& call) {
  auto service = optional_quota_id(call.request.params, "ServiceCode", QuotaIdKind::kServiceCode);
  if (!service) return service.error();
  if (*service && service_quota_definitions(call.ctx.config, **service).empty()) return no_such_service(**service);
  return quota_history_page(call,
                            [&](const QuotaRequest& r) { return !*service || r.quota.service_code == **service; });
}

ApiResult list_requested_service_quota_change_history_by_quota(QuotaCall& call) {
  auto quota = named_quota(call);
  if (!quota) return quota.error();
  return quota_history_page(call, [&](const QuotaRequest& r) {
    return r.quota.service_code == quota->service_code && r.quota.quota_code == quota->quota_code;
  });
}

}  // namespace chokepoint
