#include "services/cloudwatch/cloudwatch_service.hpp"

#include "protocol/params.hpp"
#include "services/cloudwatch/cloudwatch_errors.hpp"

namespace chokepoint {

namespace {

ServiceDescriptor cloudwatch_descriptor() {
  ServiceDescriptor d;
  d.name = "monitoring";
  d.protocol = Protocol::kJson10;
  d.json_target_prefix = "GraniteServiceVersion20100801";
  d.api_version = "2010-08-01";
  d.signing_name = "monitoring";
  d.xml_namespace = "http://monitoring.amazonaws.com/doc/2010-08-01/";
  // Errors carry the shape name as __type (set per error); clients read the query code from
  // x-amzn-query-error.
  d.json_error_prefix = "";
  d.json_frontend_prefix = "com.amazon.coral.service#";
  d.query_compatible = true;
  ApiError throttle = make_error("Throttling", "Rate exceeded", 400);
  throttle.json_type = "ThrottlingException";
  throttle.fault_type = "Sender";
  d.throttle_error = throttle;
  return d;
}

// Fault rules match alarm operations by alarm name and metric operations by namespace.
std::string alarm_or_namespace(const nlohmann::json& params) {
  if (auto name = param_string(params, "AlarmName")) return *name;
  if (const auto* names = param_list(params, "AlarmNames"); names && !names->empty() && (*names)[0].is_string()) {
    return (*names)[0].get<std::string>();
  }
  if (auto ns = param_string(params, "Namespace")) return *ns;
  return {};
}

}  // namespace

// Durable mode does not keep CloudWatch's metrics and alarms, so no entry changes durable state.
std::vector<OperationTable<CloudWatchHandler>::Entry> cloudwatch_operations() {
  constexpr Plane kControl = Plane::kControl;
  const ResourceLocator resource = alarm_or_namespace;
  return {
      // name, bucket (a group of `throttling.monitoring` in config/default.yaml), plane, changes durable state,
      // resource; handler
      {{"PutMetricData", "PutMetricData", kControl, false, resource}, put_metric_data},
      {{"GetMetricStatistics", "GetMetricStatistics", kControl, false, resource}, get_metric_statistics},
      {{"GetMetricData", "GetMetricData", kControl, false, nullptr}, get_metric_data},
      {{"ListMetrics", "ListMetrics", kControl, false, resource}, list_metrics},
      {{"PutMetricAlarm", "AlarmWrites", kControl, false, resource}, put_metric_alarm},
      {{"PutCompositeAlarm", kDefaultBucket, kControl, false, resource}, put_composite_alarm},
      {{"DescribeAlarms", "AlarmReads", kControl, false, resource}, describe_alarms},
      {{"DescribeAlarmsForMetric", "AlarmReads", kControl, false, resource}, describe_alarms_for_metric},
      {{"DescribeAlarmHistory", "AlarmWrites", kControl, false, resource}, describe_alarm_history},
      {{"DeleteAlarms", "AlarmWrites", kControl, false, resource}, delete_alarms},
      {{"SetAlarmState", "AlarmWrites", kControl, false, resource}, set_alarm_state},
      {{"EnableAlarmActions", "AlarmWrites", kControl, false, resource}, enable_alarm_actions},
      {{"DisableAlarmActions", "AlarmWrites", kControl, false, resource}, disable_alarm_actions},
      {{"PutDashboard", "Dashboards", kControl, false, nullptr}, put_dashboard},
      {{"GetDashboard", "Dashboards", kControl, false, nullptr}, get_dashboard},
      {{"ListDashboards", "Dashboards", kControl, false, nullptr}, list_dashboards},
      {{"DeleteDashboards", "Dashboards", kControl, false, nullptr}, delete_dashboards},
      {{"DescribeInsightRules", kDefaultBucket, kControl, false, nullptr}, describe_insight_rules},
      {{"GetInsightRuleReport", "GetInsightRuleReport", kControl, false, nullptr}, get_insight_rule_report},
      {{"TagResource", kDefaultBucket, kControl, false, nullptr}, tag_resource},
      {{"UntagResource", kDefaultBucket, kControl, false, nullptr}, untag_resource},
      {{"ListTagsForResource", kDefaultBucket, kControl, false, nullptr}, list_tags_for_resource},
  };
}

CloudWatchService::CloudWatchService(MetricStore& metrics, const InsightRuleSource* insights)
    : descriptor_(cloudwatch_descriptor()), operations_(cloudwatch_operations()), metrics_(metrics), insights_(insights) {
  list_operations(descriptor_, operations_);
}

ApiResult CloudWatchService::handle(const ApiRequest& request, CallContext& ctx) {
  const auto* operation = operations_.find(request.operation);
  if (!operation) {
    // The decoder only routes operations the descriptor lists; this guards direct callers.
    return cw_invalid_parameter_value("Unknown operation " + request.operation);
  }
  std::lock_guard lock(mutex_);
  AlarmBook& alarms = alarms_[request.identity.account_id + "/" + request.identity.region];
  CloudWatchCall call{request, ctx, metrics_, alarms, dashboards_[request.identity.account_id], insights_};
  return operation->handler(call);
}

void CloudWatchService::reset() {
  std::lock_guard lock(mutex_);
  alarms_.clear();
  dashboards_.clear();
}

}  // namespace chokepoint
