// The quota request template operations, and CreateSupportCase. Templates belong to an AWS Organizations
// management account; Chokepoint emulates no organizations, so every account is a standalone one and gets what AWS
// answers such an account: NoAvailableOrganizationException, once the input has passed the model's checks.
#include "services/servicequotas/quota_call.hpp"
#include "services/servicequotas/quota_errors.hpp"
#include "services/servicequotas/quota_input.hpp"
#include "services/servicequotas/quota_view.hpp"

namespace chokepoint {

namespace {

ApiError no_available_organization() {
  return quotas_error("NoAvailableOrganizationException",
                      "The Amazon Web Services account making this call is not a member of an organization.");
}

// ServiceCode, QuotaCode and AwsRegion, all required, as the template's entry operations name a request.
Result<bool> template_entry_checked(const nlohmann::json& params) {
  for (const auto& [member, kind] :
       {std::pair{"ServiceCode", QuotaIdKind::kServiceCode}, std::pair{"QuotaCode", QuotaIdKind::kQuotaCode},
        std::pair{"AwsRegion", QuotaIdKind::kRegion}}) {
    auto value = required_quota_id(params, member, kind);
    if (!value) return value.error();
  }
  return true;
}

}  // namespace

ApiResult associate_service_quota_template(QuotaCall&) {
  return no_available_organization();
}
ApiResult disassociate_service_quota_template(QuotaCall&) {
  return no_available_organization();
}
ApiResult get_association_for_service_quota_template(QuotaCall&) {
  return no_available_organization();
}

ApiResult put_service_quota_increase_request_into_template(QuotaCall& call) {
  auto checked = template_entry_checked(call.request.params);
  if (!checked) return checked.error();
  auto value = required_quota_value(call.request.params, "DesiredValue");
  if (!value) return value.error();
  return no_available_organization();
}

ApiResult get_service_quota_increase_request_from_template(QuotaCall& call) {
  auto checked = template_entry_checked(call.request.params);
  if (!checked) return checked.error();
  return no_available_organization();
}

ApiResult delete_service_quota_increase_request_from_template(QuotaCall& call) {
  auto checked = template_entry_checked(call.request.params);
  if (!checked) return checked.error();
  return no_available_organization();
}

ApiResult list_service_quota_increase_requests_in_template(QuotaCall& call) {
  const nlohmann::json& params = call.request.params;
  auto service = optional_quota_id(params, "ServiceCode", QuotaIdKind::kServiceCode);
  if (!service) return service.error();
  auto region = optional_quota_id(params, "AwsRegion", QuotaIdKind::kRegion);
  if (!region) return region.error();
  auto page = quota_page(params, 0);
  if (!page) return page.error();
  return no_available_organization();
}

ApiResult create_support_case(QuotaCall& call) {
  auto id = required_quota_id(call.request.params, "RequestId", QuotaIdKind::kRequestId);
  if (!id) return id.error();
  auto request = call.desk.create_support_case(call.account(), call.region(), *id, call.ctx.now);
  if (!request) return request.error();
  return ApiResponse{};
}

}  // namespace chokepoint
