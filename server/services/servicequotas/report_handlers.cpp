// StartQuotaUtilizationReport and GetQuotaUtilizationReport.
#include "common/time_format.hpp"
#include "services/servicequotas/quota_call.hpp"
#include "services/servicequotas/quota_errors.hpp"
#include "services/servicequotas/quota_input.hpp"

namespace chokepoint {

namespace {

nlohmann::json utilization_json(const UtilizationRow& row) {
  const QuotaDefinition& q = row.quota;
  return {{"QuotaCode", q.quota_code},
          {"ServiceCode", q.service_code},
          {"QuotaName", q.quota_name},
          {"Namespace", "AWS/Usage"},
          {"Utilization", row.utilization_pct},
          {"DefaultValue", q.default_value()},
          {"AppliedValue", row.applied_value},
          {"ServiceName", service_display_name(q.service_code)},
          {"Adjustable", true}};
}

}  // namespace

ApiResult start_quota_utilization_report(QuotaCall& call) {
  UtilizationReport report;
  report.id = call.ctx.ids.lower_hex(32);
  report.account = call.account();
  report.region = call.region();
  report.generated_at = call.ctx.now;
  report.rows = measure_utilization(call.ctx.config, call.applied, call.ctx.limiter.store(), call.account(),
                                    call.region(), call.ctx.now);
  ApiResponse response;
  response.body["ReportId"] = report.id;
  response.body["Status"] = "PENDING";
  response.body["Message"] = "The quota utilization report is being generated.";
  call.reports.start(std::move(report));
  return response;
}

ApiResult get_quota_utilization_report(QuotaCall& call) {
  auto id = required_quota_id(call.request.params, "ReportId", QuotaIdKind::kRequestId);
  if (!id) return id.error();
  const auto report = call.reports.find(call.account(), call.region(), *id, call.ctx.now);
  if (!report) {
    return quotas_error("NoSuchResourceException",
                        "The quota utilization report " + *id + " does not exist or has expired.");
  }
  auto page = quota_page(call.request.params, report->rows.size(), 1000);
  if (!page) return page.error();
  ApiResponse response;
  response.body["ReportId"] = report->id;
  response.body["Status"] = report->status;
  if (report->status != "COMPLETED") return response;
  response.body["GeneratedAt"] = epoch_seconds(report->generated_at);
  response.body["TotalCount"] = report->rows.size();
  nlohmann::json& list = response.body["Quotas"] = nlohmann::json::array();
  for (std::size_t i = page->begin; i < page->end; ++i) list.push_back(utilization_json(report->rows[i]));
  if (!page->next_token.empty()) response.body["NextToken"] = page->next_token;
  return response;
}

}  // namespace chokepoint
