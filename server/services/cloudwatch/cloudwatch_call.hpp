#pragma once
// What every CloudWatch handler works on: the request, the call context, the metric store and the alarms of
// the caller's account and region (locked by CloudWatchService), plus the handlers.
#include <string>

#include "metrics/insight_rules.hpp"
#include "metrics/metric_store.hpp"
#include "services/cloudwatch/alarm_book.hpp"
#include "services/cloudwatch/cloudwatch_params.hpp"
#include "services/cloudwatch/dashboards.hpp"
#include "services/service.hpp"

namespace chokepoint {

struct CloudWatchCall {
  const ApiRequest& request;
  CallContext& ctx;
  MetricStore& metrics;
  AlarmBook& alarms;
  Dashboards& dashboards;  // the account's, in every region
  const InsightRuleSource* insights = nullptr;  // the rules other services keep (DynamoDB's Contributor Insights)

  const nlohmann::json& params() const { return request.params; }
  const std::string& account() const { return request.identity.account_id; }
  const std::string& region() const { return request.identity.region; }
  Protocol protocol() const { return request.protocol; }
};

using CloudWatchHandler = ApiResult (*)(CloudWatchCall& call);

// Metric data (metric_data_handlers.cpp, get_metric_statistics.cpp, get_metric_data.cpp).
ApiResult put_metric_data(CloudWatchCall& call);
ApiResult list_metrics(CloudWatchCall& call);
ApiResult get_metric_statistics(CloudWatchCall& call);
ApiResult get_metric_data(CloudWatchCall& call);
// Alarms (alarm_handlers.cpp, alarm_queries.cpp).
ApiResult put_metric_alarm(CloudWatchCall& call);
ApiResult put_composite_alarm(CloudWatchCall& call);  // composite_alarms.cpp
ApiResult delete_alarms(CloudWatchCall& call);
ApiResult set_alarm_state(CloudWatchCall& call);
ApiResult enable_alarm_actions(CloudWatchCall& call);
ApiResult disable_alarm_actions(CloudWatchCall& call);
ApiResult describe_alarms(CloudWatchCall& call);
ApiResult describe_alarms_for_metric(CloudWatchCall& call);
ApiResult describe_alarm_history(CloudWatchCall& call);
// Dashboards (dashboard_handlers.cpp).
ApiResult put_dashboard(CloudWatchCall& call);
ApiResult get_dashboard(CloudWatchCall& call);
ApiResult list_dashboards(CloudWatchCall& call);
ApiResult delete_dashboards(CloudWatchCall& call);
// Contributor Insights rules kept by other services (insight_rule_handlers.cpp).
ApiResult describe_insight_rules(CloudWatchCall& call);
ApiResult get_insight_rule_report(CloudWatchCall& call);
// Tags of alarms (alarm_tags.cpp).
ApiResult tag_resource(CloudWatchCall& call);
ApiResult untag_resource(CloudWatchCall& call);
ApiResult list_tags_for_resource(CloudWatchCall& call);
// What PutMetricAlarm and PutCompositeAlarm share: AlarmName, AlarmDescription, ActionsEnabled and the actions...
MaybeError read_alarm_basics(const nlohmann::json& params, MetricAlarm& alarm);
// ...and storing the alarm: created (with its Tags), or updated keeping its state and tags, with history.
ApiResult store_alarm(CloudWatchCall& call, MetricAlarm alarm);
// A new alarm's Tags (PutMetricAlarm), with TagResource's checks.
MaybeError read_alarm_tags(const nlohmann::json& params, std::vector<std::pair<std::string, std::string>>& tags);

}  // namespace chokepoint
