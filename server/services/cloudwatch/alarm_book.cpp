#include "services/cloudwatch/alarm_book.hpp"

#include "common/time_format.hpp"

namespace chokepoint {

namespace {

nlohmann::json state_json(const std::string& value, const std::string& reason, const std::string& data) {
  nlohmann::json out{{"stateValue", value}, {"stateReason", reason}};
  if (!data.empty()) {
    auto parsed = nlohmann::json::parse(data, nullptr, false);
    if (!parsed.is_discarded()) out["stateReasonData"] = std::move(parsed);
  }
  return out;
}

nlohmann::json actions_json(const std::vector<std::string>& actions) {
  return nlohmann::json(actions);
}

}  // namespace

void AlarmBook::record(AlarmHistoryItem item) {
  history.push_back(std::move(item));
  while (history.size() > kMaxHistory) history.pop_front();
}

void change_alarm_state(MetricAlarm& a, AlarmBook& book, std::string state, std::string reason, std::string reason_data,
                        TimePoint now) {
  const nlohmann::json data{{"version", "1.0"},
                            {"oldState", state_json(a.state, a.state_reason, a.state_reason_data)},
                            {"newState", state_json(state, reason, reason_data)}};
  const bool changed = state != a.state;
  const std::string summary = "Alarm updated from " + a.state + " to " + state;
  a.state = std::move(state);
  a.state_reason = std::move(reason);
  a.state_reason_data = std::move(reason_data);
  a.state_updated = now;
  if (!changed) return;
  a.state_transitioned = now;
  book.record(AlarmHistoryItem{a.name, "StateUpdate", summary, data.dump(), now, a.composite()});
}

nlohmann::json metric_alarm_json(const MetricAlarm& a, Protocol protocol) {
  nlohmann::json j{{"AlarmName", a.name},
                   {"AlarmArn", a.arn},
                   {"AlarmConfigurationUpdatedTimestamp", time_json(a.configuration_updated, protocol)},
                   {"ActionsEnabled", a.actions_enabled},
                   {"OKActions", actions_json(a.ok_actions)},
                   {"AlarmActions", actions_json(a.alarm_actions)},
                   {"InsufficientDataActions", actions_json(a.insufficient_data_actions)},
                   {"StateValue", a.state},
                   {"StateReason", a.state_reason},
                   {"StateUpdatedTimestamp", time_json(a.state_updated, protocol)},
                   {"StateTransitionedTimestamp", time_json(a.state_transitioned, protocol)},
                   {"EvaluationPeriods", a.evaluation_periods},
                   {"Threshold", a.threshold},
                   {"ComparisonOperator", a.comparison}};
  if (!a.description.empty()) j["AlarmDescription"] = a.description;
  if (!a.state_reason_data.empty()) j["StateReasonData"] = a.state_reason_data;
  if (a.metric) {
    j["MetricName"] = a.metric->metric_name;
    j["Namespace"] = a.metric->namespace_name;
    j["Dimensions"] = dimensions_json(a.metric->dimensions);
    j["Period"] = a.period;
    if (!a.statistic.empty()) j["Statistic"] = a.statistic;
    if (!a.extended_statistic.empty()) j["ExtendedStatistic"] = a.extended_statistic;
  } else {
    j["Dimensions"] = nlohmann::json::array();
    j["Metrics"] = data_queries_json(a.metrics);
  }
  if (a.unit) j["Unit"] = std::string(unit_name(*a.unit));
  if (a.datapoints_to_alarm > 0) j["DatapointsToAlarm"] = a.datapoints_to_alarm;
  if (!a.treat_missing_data.empty()) j["TreatMissingData"] = a.treat_missing_data;
  if (!a.evaluate_low_sample_count_percentile.empty()) {
    j["EvaluateLowSampleCountPercentile"] = a.evaluate_low_sample_count_percentile;
  }
  return j;
}

nlohmann::json history_item_json(const AlarmHistoryItem& item, Protocol protocol) {
  return nlohmann::json{{"AlarmName", item.alarm_name},
                        {"AlarmType", item.composite ? "CompositeAlarm" : "MetricAlarm"},
                        {"Timestamp", time_json(item.time, protocol)},
                        {"HistoryItemType", item.type},
                        {"HistorySummary", item.summary},
                        {"HistoryData", item.data}};
}

}  // namespace chokepoint
