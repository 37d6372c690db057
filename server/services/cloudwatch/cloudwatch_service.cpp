#include "services/cloudwatch/cloudwatch_service.hpp"

#include "protocol/params.hpp"
#include "services/cloudwatch/cloudwatch_errors.hpp"

namespace chokepoint {

namespace {

ServiceDescriptor make_descriptor() {
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

}  // namespace

CloudWatchService::CloudWatchService(MetricStore& metrics) : descriptor_(make_descriptor()), metrics_(metrics) {
  handlers_ = {
      {"PutMetricData", put_metric_data},
      {"GetMetricStatistics", get_metric_statistics},
      {"GetMetricData", get_metric_data},
      {"ListMetrics", list_metrics},
      {"PutMetricAlarm", put_metric_alarm},
      {"DescribeAlarms", describe_alarms},
      {"DescribeAlarmsForMetric", describe_alarms_for_metric},
      {"DescribeAlarmHistory", describe_alarm_history},
      {"DeleteAlarms", delete_alarms},
      {"SetAlarmState", set_alarm_state},
      {"EnableAlarmActions", enable_alarm_actions},
      {"DisableAlarmActions", disable_alarm_actions},
  };
  for (const auto& [name, _] : handlers_) descriptor_.operations.insert(name);
}

ApiResult CloudWatchService::handle(const ApiRequest& request, CallContext& ctx) {
  const auto handler = handlers_.find(request.operation);
  if (handler == handlers_.end()) {
    // The decoder only routes operations the descriptor lists; this guards direct callers.
    return cw_invalid_parameter_value("Unknown operation " + request.operation);
  }
  std::lock_guard lock(mutex_);
  AlarmBook& alarms = alarms_[request.identity.account_id + "/" + request.identity.region];
  CloudWatchCall call{request, ctx, metrics_, alarms};
  return handler->second(call);
}

// Fault rules match alarm operations by alarm name and metric operations by namespace.
std::string CloudWatchService::resource_of(const ApiRequest& request) const {
  if (auto name = param_string(request.params, "AlarmName")) return *name;
  if (const auto* names = param_list(request.params, "AlarmNames");
      names && !names->empty() && (*names)[0].is_string()) {
    return (*names)[0].get<std::string>();
  }
  if (auto ns = param_string(request.params, "Namespace")) return *ns;
  return {};
}

void CloudWatchService::reset() {
  std::lock_guard lock(mutex_);
  alarms_.clear();
}

}  // namespace chokepoint
