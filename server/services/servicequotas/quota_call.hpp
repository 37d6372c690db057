#pragma once
// What every Service Quotas handler works on, the handler table's signature, and the handlers.
#include "services/service.hpp"
#include "services/servicequotas/auto_management.hpp"
#include "services/servicequotas/quota_desk.hpp"
#include "services/servicequotas/quota_tags.hpp"
#include "services/servicequotas/utilization_report.hpp"
#include "throttle/applied_quotas.hpp"

namespace chokepoint {

struct QuotaCall {
  const ApiRequest& request;
  CallContext& ctx;
  QuotaDesk& desk;
  const AppliedQuotas& applied;
  UtilizationReports& reports;
  QuotaTags& tags;
  AutoManagement& auto_management;

  const std::string& account() const { return request.identity.account_id; }
  const std::string& region() const { return request.identity.region; }
};

using QuotaHandler = ApiResult (*)(QuotaCall& call);

// The quota named by ServiceCode and QuotaCode (both required): validation errors, or NoSuchResourceException for
// an unknown service or quota.
Result<QuotaDefinition> named_quota(const QuotaCall& call);

// Services and quotas (quota_handlers.cpp).
ApiResult list_services(QuotaCall& call);
ApiResult list_service_quotas(QuotaCall& call);
ApiResult list_aws_default_service_quotas(QuotaCall& call);
ApiResult get_service_quota(QuotaCall& call);
ApiResult get_aws_default_service_quota(QuotaCall& call);
// Increase requests (request_handlers.cpp).
ApiResult request_service_quota_increase(QuotaCall& call);
ApiResult get_requested_service_quota_change(QuotaCall& call);
ApiResult list_requested_service_quota_change_history(QuotaCall& call);
ApiResult list_requested_service_quota_change_history_by_quota(QuotaCall& call);
// Utilization reports (report_handlers.cpp).
ApiResult start_quota_utilization_report(QuotaCall& call);
ApiResult get_quota_utilization_report(QuotaCall& call);
// Quota request templates, which need an organization, and CreateSupportCase (template_handlers.cpp).
ApiResult associate_service_quota_template(QuotaCall& call);
ApiResult disassociate_service_quota_template(QuotaCall& call);
ApiResult get_association_for_service_quota_template(QuotaCall& call);
ApiResult put_service_quota_increase_request_into_template(QuotaCall& call);
ApiResult get_service_quota_increase_request_from_template(QuotaCall& call);
ApiResult delete_service_quota_increase_request_from_template(QuotaCall& call);
ApiResult list_service_quota_increase_requests_in_template(QuotaCall& call);
ApiResult create_support_case(QuotaCall& call);
// Tags on applied quotas (tag_handlers.cpp).
ApiResult tag_resource(QuotaCall& call);
ApiResult untag_resource(QuotaCall& call);
ApiResult list_tags_for_resource(QuotaCall& call);
// Automatic Management (auto_management_handlers.cpp).
ApiResult start_auto_management(QuotaCall& call);
ApiResult get_auto_management_configuration(QuotaCall& call);
ApiResult update_auto_management(QuotaCall& call);
ApiResult stop_auto_management(QuotaCall& call);

}  // namespace chokepoint
