#include "services/servicequotas/servicequotas_service.hpp"

#include "persistence/change_record.hpp"
#include "protocol/params.hpp"
#include "services/servicequotas/quota_errors.hpp"

namespace chokepoint {

namespace {

ServiceDescriptor servicequotas_descriptor() {
  ServiceDescriptor d;
  d.name = "servicequotas";
  d.protocol = Protocol::kJson11;
  d.json_target_prefix = "ServiceQuotasV20190624";
  d.signing_name = "servicequotas";
  d.json_error_prefix = "";
  d.json_frontend_prefix = "";
  // The model's throttling error; its status is not documented (unconfirmed), 400 as the other JSON services.
  d.throttle_error = quotas_error("TooManyRequestsException", "Rate exceeded");
  return d;
}

// The quota a tagging call addresses, for fault rules' `resource` match.
std::string quota_arn_param(const nlohmann::json& params) {
  return param_string(params, "ResourceARN").value_or("");
}

}  // namespace

std::vector<OperationTable<QuotaHandler>::Entry> servicequotas_operations() {
  // No group of `throttling.servicequotas` in config/default.yaml: every operation has its own default bucket.
  constexpr std::string_view kBucket = kDefaultBucket;
  constexpr Plane kControl = Plane::kControl;
  constexpr bool kJournaled = true;  // the service journals its own changes (quota_desk_records.cpp, quota_tags.cpp)
  return {
      // name, bucket, plane, changes durable state, resource; handler
      {{"ListServices", "Lists", kControl, false, nullptr}, list_services},
      {{"ListServiceQuotas", "Lists", kControl, false, nullptr}, list_service_quotas},
      {{"ListAWSDefaultServiceQuotas", "Lists", kControl, false, nullptr}, list_aws_default_service_quotas},
      {{"GetServiceQuota", "Reads", kControl, false, nullptr}, get_service_quota},
      {{"GetAWSDefaultServiceQuota", "Reads", kControl, false, nullptr}, get_aws_default_service_quota},
      {{"RequestServiceQuotaIncrease", "RequestServiceQuotaIncrease", kControl, kJournaled, nullptr}, request_service_quota_increase},
      {{"GetRequestedServiceQuotaChange", "Reads", kControl, false, nullptr}, get_requested_service_quota_change},
      {{"ListRequestedServiceQuotaChangeHistory", "Reads", kControl, false, nullptr},
       list_requested_service_quota_change_history},
      {{"ListRequestedServiceQuotaChangeHistoryByQuota", "Reads", kControl, false, nullptr},
       list_requested_service_quota_change_history_by_quota},
      {{"StartQuotaUtilizationReport", kBucket, kControl, false, nullptr}, start_quota_utilization_report},
      {{"GetQuotaUtilizationReport", kBucket, kControl, false, nullptr}, get_quota_utilization_report},
      {{"CreateSupportCase", kBucket, kControl, kJournaled, nullptr}, create_support_case},
      {{"AssociateServiceQuotaTemplate", "Templates", kControl, false, nullptr}, associate_service_quota_template},
      {{"DisassociateServiceQuotaTemplate", "Templates", kControl, false, nullptr}, disassociate_service_quota_template},
      {{"GetAssociationForServiceQuotaTemplate", "Templates", kControl, false, nullptr},
       get_association_for_service_quota_template},
      {{"PutServiceQuotaIncreaseRequestIntoTemplate", "Templates", kControl, false, nullptr},
       put_service_quota_increase_request_into_template},
      {{"GetServiceQuotaIncreaseRequestFromTemplate", "Templates", kControl, false, nullptr},
       get_service_quota_increase_request_from_template},
      {{"DeleteServiceQuotaIncreaseRequestFromTemplate", "Templates", kControl, false, nullptr},
       delete_service_quota_increase_request_from_template},
      {{"ListServiceQuotaIncreaseRequestsInTemplate", "Templates", kControl, false, nullptr},
       list_service_quota_increase_requests_in_template},
      {{"TagResource", "Lists", kControl, kJournaled, quota_arn_param}, tag_resource},
      {{"UntagResource", "Lists", kControl, kJournaled, quota_arn_param}, untag_resource},
      {{"ListTagsForResource", "Lists", kControl, false, quota_arn_param}, list_tags_for_resource},
      {{"StartAutoManagement", kBucket, kControl, false, nullptr}, start_auto_management},
      {{"GetAutoManagementConfiguration", kBucket, kControl, false, nullptr}, get_auto_management_configuration},
      {{"UpdateAutoManagement", kBucket, kControl, false, nullptr}, update_auto_management},
      {{"StopAutoManagement", kBucket, kControl, false, nullptr}, stop_auto_management},
  };
}

ServiceQuotasService::ServiceQuotasService(Scheduler& scheduler, AppliedQuotas& applied, QuotaAppliedHook on_applied)
    : descriptor_(servicequotas_descriptor()),
      operations_(servicequotas_operations()),
      applied_(applied),
      desk_(scheduler, applied, std::move(on_applied)),
      reports_(scheduler) {
  list_operations(descriptor_, operations_);
}

void ServiceQuotasService::restore(const ChangeRecord& record, const RestoreContext&) {
  const auto key = split_regional_key(record.key);
  if (!key) return;
  try {
    if (record.kind == "request") desk_.restore(key->rest, record.state);
    if (record.kind == "tags") tags_.restore(record.key, record.state);
  } catch (const std::exception&) {
    // A record this version cannot read is skipped; the rest of the state is still worth having.
  }
}

ApiResult ServiceQuotasService::handle(const ApiRequest& request, CallContext& ctx) {
  const auto* operation = operations_.find(request.operation);
  if (!operation) return unknown_operation(request.operation);
  QuotaCall call{request, ctx, desk_, applied_, reports_, tags_, auto_management_};
  return operation->handler(call);
}

}  // namespace chokepoint
