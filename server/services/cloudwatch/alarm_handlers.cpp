// PutMetricAlarm, DeleteAlarms, SetAlarmState, EnableAlarmActions, DisableAlarmActions.
#include <algorithm>
#include <array>

#include "common/strings.hpp"
#include "protocol/params.hpp"
#include "services/cloudwatch/cloudwatch_call.hpp"
#include "services/cloudwatch/cloudwatch_errors.hpp"

namespace chokepoint {

namespace {

constexpr long long kMaxEvaluationSeconds = 86'400;  // CloudWatch evaluates at most one day back
constexpr size_t kMaxActions = 5;
constexpr size_t kMaxMetricQueries = 10;
constexpr size_t kMaxAlarmNames = 100;
constexpr std::array<std::string_view, 4> kComparisons = {"GreaterThanOrEqualToThreshold", "GreaterThanThreshold",
                                                          "LessThanThreshold", "LessThanOrEqualToThreshold"};
constexpr std::array<std::string_view, 3> kBandComparisons = {"LessThanLowerOrGreaterThanUpperThreshold",
                                                              "LessThanLowerThreshold", "GreaterThanUpperThreshold"};
constexpr std::array<std::string_view, 4> kMissingData = {"breaching", "notBreaching", "ignore", "missing"};

template <size_t N>
bool one_of(const std::string& v, const std::array<std::string_view, N>& choices) {
  return std::find(choices.begin(), choices.end(), v) != choices.end();
}

MaybeError read_actions(const nlohmann::json& p, std::string_view key, std::vector<std::string>& out) {
  const nlohmann::json* list = nullptr;
  if (auto e = read_list(p, key, "", list)) return e;
  if (!list) return std::nullopt;
  if (list->size() > kMaxActions) {
    return cw_invalid_parameter_value("The collection " + std::string(key) + " must not have a size greater than 5.");
  }
  for (size_t i = 0; i < list->size(); ++i) {
    const auto& v = (*list)[i];
    if (!v.is_string() || v.get_ref<const std::string&>().rfind("arn:", 0) != 0) {
      return cw_invalid_value(member_path("", key, i), v.is_string() ? v.get<std::string>() : v.dump());
    }
    out.push_back(v.get<std::string>());
  }
  return std::nullopt;
}

// The single-metric part: Namespace, MetricName, Dimensions, Statistic or ExtendedStatistic, Period, Unit.
MaybeError read_single_metric(const nlohmann::json& p, MetricAlarm& a) {
  MetricId metric;
  if (auto e = read_metric(p, "", metric)) return e;
  a.metric = std::move(metric);
  if (auto e = read_optional_name(p, "Statistic", "", a.statistic)) return e;
  if (auto e = read_optional_name(p, "ExtendedStatistic", "", a.extended_statistic)) return e;
  if (a.statistic.empty() == a.extended_statistic.empty()) {
    return cw_invalid_parameter_combination("Exactly one of Statistic and ExtendedStatistic must be specified.");
  }
  if (!a.statistic.empty() && (!Statistic::parse(a.statistic) || a.statistic[0] == 'p')) {
    return cw_invalid_value("Statistic", a.statistic);
  }
  if (!a.extended_statistic.empty() && !Statistic::parse_extended(a.extended_statistic)) {
    return cw_invalid_value("ExtendedStatistic", a.extended_statistic);
  }
  if (auto e = read_period(p, "Period", "", a.period, true)) return e;
  return read_unit(p, "Unit", "", a.unit);
}

MaybeError read_metric_source(const nlohmann::json& p, MetricAlarm& a) {
  const nlohmann::json* metrics = param(p, "Metrics");
  if (!metrics) return read_single_metric(p, a);
  for (const char* key :
       {"MetricName", "Namespace", "Statistic", "ExtendedStatistic", "Period", "Dimensions", "Unit"}) {
    if (param(p, key)) {
      return cw_invalid_parameter_combination("The parameters Metrics and " + std::string(key) +
                                              " are mutually exclusive.");
    }
  }
  if (auto e = read_data_queries(metrics->is_array() ? metrics : nullptr, "Metrics", kMaxMetricQueries, a.metrics)) {
    return e;
  }
  if (std::count_if(a.metrics.begin(), a.metrics.end(), [](const DataQuery& q) { return q.return_data; }) != 1) {
    return cw_invalid_parameter_value("Exactly one element of the Metrics list must have ReturnData set to true.");
  }
  return std::nullopt;
}

MaybeError read_evaluation(const nlohmann::json& p, MetricAlarm& a) {
  bool bad = false;
  const auto periods = param_int(p, "EvaluationPeriods", &bad);
  if (!periods && !bad) return cw_missing_parameter("EvaluationPeriods");
  if (!periods || *periods < 1)
    return cw_invalid_parameter_value("The parameter EvaluationPeriods must be at least 1.");
  a.evaluation_periods = *periods;
  const auto datapoints = param_int(p, "DatapointsToAlarm", &bad);
  if (bad || (datapoints && (*datapoints < 1 || *datapoints > a.evaluation_periods))) {
    return cw_invalid_parameter_value("DatapointsToAlarm must be between 1 and EvaluationPeriods.");
  }
  a.datapoints_to_alarm = datapoints.value_or(0);
  if (auto e = read_name(p, "ComparisonOperator", "", a.comparison)) return e;
  if (one_of(a.comparison, kBandComparisons)) {
    return cw_invalid_parameter_value("Comparison operator " + a.comparison +
                                      " needs an ANOMALY_DETECTION_BAND threshold, which is not supported.");
  }
  if (!one_of(a.comparison, kComparisons)) return cw_invalid_value("ComparisonOperator", a.comparison);
  const auto threshold = param_double(p, "Threshold", &bad);
  if (bad) return cw_invalid_parameter_value("The parameter Threshold must be a number.");
  if (!threshold) return cw_missing_parameter("Threshold");
  a.threshold = *threshold;
  if (auto e = read_optional_name(p, "TreatMissingData", "", a.treat_missing_data)) return e;
  if (!a.treat_missing_data.empty() && !one_of(a.treat_missing_data, kMissingData)) {
    return cw_invalid_value("TreatMissingData", a.treat_missing_data);
  }
  auto& low = a.evaluate_low_sample_count_percentile;
  if (auto e = read_optional_name(p, "EvaluateLowSampleCountPercentile", "", low)) return e;
  if (!low.empty() && low != "evaluate" && low != "ignore")
    return cw_invalid_value("EvaluateLowSampleCountPercentile", low);
  return std::nullopt;
}

long long evaluation_seconds(const MetricAlarm& a) {
  long long period = a.period;
  for (const auto& q : a.metrics) {
    if (q.return_data) period = q.stat ? q.stat->period : (q.period > 0 ? q.period : 60);
  }
  return period * a.evaluation_periods;
}

MaybeError read_alarm(const nlohmann::json& p, MetricAlarm& a) {
  if (auto e = read_alarm_basics(p, a)) return e;
  if (auto e = read_metric_source(p, a)) return e;
  if (auto e = read_evaluation(p, a)) return e;
  if (evaluation_seconds(a) > kMaxEvaluationSeconds) {
    return cw_invalid_parameter_value(
        "Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be <= 86400).");
  }
  return std::nullopt;
}

// AlarmNames, checked for shape only.
MaybeError read_alarm_name_list(CloudWatchCall& call, std::vector<std::string>& names) {
  const nlohmann::json* list = nullptr;
  if (auto e = read_list(call.params(), "AlarmNames", "", list)) return e;
  if (!list) return cw_missing_parameter("AlarmNames");
  if (list->size() > kMaxAlarmNames) {
    return cw_invalid_parameter_value("The collection AlarmNames must not have a size greater than 100.");
  }
  for (const auto& v : *list) {
    if (!v.is_string() || v.get_ref<const std::string&>().empty()) return cw_invalid_value("AlarmNames", v.dump());
    names.push_back(v.get<std::string>());
  }
  return std::nullopt;
}

// The error naming the alarms of `names` that do not exist; none when all do.
MaybeError missing_alarms(const CloudWatchCall& call, const std::vector<std::string>& names) {
  std::string missing;
  for (const auto& name : names) {
    if (!call.alarms.alarms.count(name)) missing += (missing.empty() ? "" : ", ") + name;
  }
  if (!missing.empty()) return cw_resource_not_found("The following alarms were not found: " + missing);
  return std::nullopt;
}

// AlarmNames, every one of which must exist.
MaybeError read_alarm_names(CloudWatchCall& call, std::vector<std::string>& names) {
  if (auto e = read_alarm_name_list(call, names)) return e;
  return missing_alarms(call, names);
}

ApiResult set_actions_enabled(CloudWatchCall& call, bool enabled) {
  std::vector<std::string> names;
  if (auto e = read_alarm_names(call, names)) return *e;
  for (const auto& name : names) call.alarms.alarms.at(name).actions_enabled = enabled;
  return ApiResponse{};
}

}  // namespace

MaybeError read_alarm_basics(const nlohmann::json& p, MetricAlarm& a) {
  if (auto e = read_name(p, "AlarmName", "", a.name)) return e;
  if (auto e = read_optional_name(p, "AlarmDescription", "", a.description, 1024)) return e;
  a.actions_enabled = param_bool(p, "ActionsEnabled").value_or(true);
  if (auto e = read_actions(p, "OKActions", a.ok_actions)) return e;
  if (auto e = read_actions(p, "AlarmActions", a.alarm_actions)) return e;
  return read_actions(p, "InsufficientDataActions", a.insufficient_data_actions);
}

ApiResult store_alarm(CloudWatchCall& call, MetricAlarm a) {
  auto& alarms = call.alarms.alarms;
  const auto existing = alarms.find(a.name);
  if (existing == alarms.end() && alarms.size() >= static_cast<size_t>(call.ctx.config.metrics.alarms.max_alarms)) {
    return cw_limit_exceeded("The maximum number of alarms (" +
                             std::to_string(call.ctx.config.metrics.alarms.max_alarms) + ") has been reached.");
  }
  // One name, one alarm: a metric alarm and a composite alarm cannot share it.
  if (existing != alarms.end() && existing->second.composite() != a.composite()) {
    return cw_validation_error("The alarm " + a.name + " already exists as a " +
                               (existing->second.composite() ? "composite" : "metric") + " alarm.");
  }
  const TimePoint now = call.ctx.now;
  a.arn = "arn:aws:cloudwatch:" + call.region() + ":" + call.account() + ":alarm:" + a.name;
  // [CWAPI] API_PutMetricAlarm.html: tags given when updating an existing alarm are ignored.
  if (existing == alarms.end()) {
    if (auto e = read_alarm_tags(call.params(), a.tags)) return *e;
  } else {
    a.tags = existing->second.tags;
  }
  a.configuration_updated = now;
  a.evaluated_at = now;  // periods from here on are evaluated, even if the alarm is first read much later
  if (existing != alarms.end()) {
    // An update replaces the configuration and keeps the state.
    const MetricAlarm& old = existing->second;
    a.state = old.state;
    a.state_reason = old.state_reason;
    a.state_reason_data = old.state_reason_data;
    a.state_updated = old.state_updated;
    a.state_transitioned = old.state_transitioned;
  } else {
    a.state_updated = a.state_transitioned = now;
  }
  const std::string verb = existing == alarms.end() ? "created" : "updated";
  call.alarms.record(
      AlarmHistoryItem{a.name, "ConfigurationUpdate", "Alarm \"" + a.name + "\" " + verb,
                       nlohmann::json{{"version", "1.0"}, {"type", verb == "created" ? "Create" : "Update"}}.dump(),
                       now, a.composite()});
  alarms[a.name] = std::move(a);
  return ApiResponse{};
}

ApiResult put_metric_alarm(CloudWatchCall& call) {
  MetricAlarm a;
  if (auto e = read_alarm(call.params(), a)) return *e;
  return store_alarm(call, std::move(a));
}

// [CWAPI] https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DeleteAlarms.html: "If you
// specify any incorrect alarm names, the alarms you specify with correct names are still deleted", and the call
// succeeds (a name that does not exist is no error: the CloudFormation resource contract, issue
// aws-cloudformation/cloudformation-cli#456, notes that the API does not fail for one). At most one composite
// alarm per call, and none that a composite alarm still depends on: those refuse the whole call.
ApiResult delete_alarms(CloudWatchCall& call) {
  std::vector<std::string> names;
  if (auto e = read_alarm_name_list(call, names)) return *e;  // a malformed list deletes nothing
  const auto& alarms = call.alarms.alarms;
  const auto deleted = [&](const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  size_t composites = 0;
  std::vector<std::string> depended_on;
  for (const auto& name : names) {
    const auto it = alarms.find(name);
    if (it == alarms.end()) continue;
    composites += it->second.composite() ? 1 : 0;
    for (const auto* parent : parents_of(call.alarms, name)) {
      if (!deleted(parent->name)) {
        depended_on.push_back(name);
        break;
      }
    }
  }
  if (composites > 1) {
    return cw_validation_error("A DeleteAlarms call can delete at most one composite alarm.");
  }
  if (!depended_on.empty()) {
    // The wording of CloudWatch's own answer: "Cannot delete a,b as there are composite alarm(s) depending on them."
    return cw_validation_error("Cannot delete " + join(depended_on, ",") +
                               " as there are composite alarm(s) depending on " +
                               (depended_on.size() == 1 ? "it." : "them."));
  }
  for (const auto& name : names) {
    const auto it = call.alarms.alarms.find(name);
    if (it == call.alarms.alarms.end()) continue;
    const bool composite = it->second.composite();
    call.alarms.alarms.erase(it);
    call.alarms.record(AlarmHistoryItem{name, "ConfigurationUpdate", "Alarm \"" + name + "\" deleted",
                                        nlohmann::json{{"version", "1.0"}, {"type", "Delete"}}.dump(), call.ctx.now,
                                        composite});
  }
  return ApiResponse{};
}

ApiResult set_alarm_state(CloudWatchCall& call) {
  const auto& p = call.params();
  std::string name, state, reason, data;
  if (auto e = read_name(p, "AlarmName", "", name)) return *e;
  if (auto e = read_name(p, "StateValue", "", state)) return *e;
  if (state != "OK" && state != "ALARM" && state != "INSUFFICIENT_DATA") return cw_invalid_value("StateValue", state);
  if (auto e = read_name(p, "StateReason", "", reason, 1023)) return *e;
  if (auto e = read_optional_name(p, "StateReasonData", "", data, 4000)) return *e;
  if (!data.empty() && nlohmann::json::parse(data, nullptr, false).is_discarded()) {
    return cw_invalid_format("StateReasonData must be valid JSON.");
  }
  const auto it = call.alarms.alarms.find(name);
  if (it == call.alarms.alarms.end()) return cw_resource_not_found("Alarm " + name + " does not exist.");
  // The state holds until the next evaluation, a minute later (CloudWatch evaluates every minute).
  it->second.manual_until = call.ctx.now + std::chrono::minutes(1);
  change_alarm_state(it->second, call.alarms, state, reason, data, call.ctx.now);
  return ApiResponse{};
}

ApiResult enable_alarm_actions(CloudWatchCall& call) {
  return set_actions_enabled(call, true);
}
ApiResult disable_alarm_actions(CloudWatchCall& call) {
  return set_actions_enabled(call, false);
}

}  // namespace chokepoint
