// DescribeAlarms, DescribeAlarmsForMetric, DescribeAlarmHistory. Alarms are evaluated before they are shown.
#include <algorithm>

#include "protocol/params.hpp"
#include "services/cloudwatch/cloudwatch_call.hpp"
#include "services/cloudwatch/cloudwatch_errors.hpp"
#include "services/cloudwatch/page_token.hpp"

namespace chokepoint {

namespace {

constexpr long long kDefaultAlarmPage = 50;
constexpr long long kDefaultHistoryPage = 100;

void evaluate_all(CloudWatchCall& call) {
  evaluate_alarms(call.alarms, call.metrics, call.account(), call.region(), call.ctx.now,
                  call.ctx.config.metrics.alarms.evaluate_partial_period);
}

MaybeError read_page(const nlohmann::json& p, long long default_size, long long& size, size_t& offset) {
  bool bad = false;
  const auto max = param_int(p, "MaxRecords", &bad);
  if (bad || (max && (*max < 1 || *max > 100))) {
    return cw_invalid_parameter_value("The parameter MaxRecords must be between 1 and 100.");
  }
  size = max.value_or(default_size);
  std::string token;
  if (auto e = read_optional_name(p, "NextToken", "", token, 4096)) return e;
  const auto parsed = parse_next_token(token);
  if (!parsed) return cw_invalid_next_token();
  offset = *parsed;
  return std::nullopt;
}

// AlarmTypes: which of MetricAlarm and CompositeAlarm to list (MetricAlarm only when absent).
MaybeError read_alarm_types(const nlohmann::json& p, bool& metric, bool& composite) {
  const nlohmann::json* types = nullptr;
  if (auto e = read_list(p, "AlarmTypes", "", types)) return e;
  metric = !types;
  composite = false;
  if (!types) return std::nullopt;
  for (size_t i = 0; i < types->size(); ++i) {
    const auto& t = (*types)[i];
    const std::string v = t.is_string() ? t.get<std::string>() : t.dump();
    if (v == "MetricAlarm") {
      metric = true;
    } else if (v == "CompositeAlarm") {
      composite = true;
    } else {
      return cw_invalid_value(member_path("", "AlarmTypes", i), v);
    }
  }
  return std::nullopt;
}

struct AlarmFilter {
  std::vector<std::string> names;
  std::string prefix, state, action_prefix, children_of, parents_of;
};

MaybeError read_alarm_filter(const nlohmann::json& p, AlarmFilter& f) {
  const nlohmann::json* names = nullptr;
  if (auto e = read_list(p, "AlarmNames", "", names)) return e;
  if (names) {
    if (names->size() > 100)
      return cw_invalid_parameter_value("The collection AlarmNames must not have a size greater than 100.");
    for (const auto& n : *names) f.names.push_back(n.is_string() ? n.get<std::string>() : n.dump());
  }
  if (auto e = read_optional_name(p, "AlarmNamePrefix", "", f.prefix)) return e;
  if (names && !f.prefix.empty()) {
    return cw_invalid_parameter_combination("The parameters AlarmNames and AlarmNamePrefix are mutually exclusive.");
  }
  if (auto e = read_optional_name(p, "StateValue", "", f.state)) return e;
  if (!f.state.empty() && f.state != "OK" && f.state != "ALARM" && f.state != "INSUFFICIENT_DATA") {
    return cw_invalid_value("StateValue", f.state);
  }
  if (auto e = read_optional_name(p, "ActionPrefix", "", f.action_prefix, 1024)) return e;
  if (auto e = read_optional_name(p, "ChildrenOfAlarmName", "", f.children_of)) return e;
  if (auto e = read_optional_name(p, "ParentsOfAlarmName", "", f.parents_of)) return e;
  // [CWAPI] API_DescribeAlarms.html: with ChildrenOfAlarmName or ParentsOfAlarmName, "you cannot specify any
  // other parameters in the request except for MaxRecords and NextToken".
  if (!f.children_of.empty() && !f.parents_of.empty()) {
    return cw_validation_error("ChildrenOfAlarmName and ParentsOfAlarmName cannot be used together.");
  }
  if (!f.children_of.empty() || !f.parents_of.empty()) {
    for (const char* other : {"AlarmNames", "AlarmNamePrefix", "AlarmTypes", "StateValue", "ActionPrefix"}) {
      if (param(p, other)) {
        return cw_validation_error(std::string(f.children_of.empty() ? "ParentsOfAlarmName" : "ChildrenOfAlarmName") +
                                   " cannot be used with other filters such as " + other + ".");
      }
    }
  }
  return std::nullopt;
}

bool has_action_prefix(const MetricAlarm& a, const std::string& prefix) {
  for (const auto* list : {&a.ok_actions, &a.alarm_actions, &a.insufficient_data_actions}) {
    for (const auto& action : *list) {
      if (action.rfind(prefix, 0) == 0) return true;
    }
  }
  return false;
}

bool matches(const MetricAlarm& a, const AlarmFilter& f) {
  if (!f.names.empty() && std::find(f.names.begin(), f.names.end(), a.name) == f.names.end()) return false;
  if (!f.prefix.empty() && a.name.rfind(f.prefix, 0) != 0) return false;
  if (!f.state.empty() && a.state != f.state) return false;
  if (!f.action_prefix.empty() && !has_action_prefix(a, f.action_prefix)) return false;
  return true;
}

// The alarms a family filter asks for: the children of the composite alarm ChildrenOfAlarmName names, or the
// composite alarms whose rules name ParentsOfAlarmName; none when the named alarm does not exist.
std::vector<const MetricAlarm*> family(const AlarmBook& book, const AlarmFilter& f) {
  if (!f.parents_of.empty()) return parents_of(book, f.parents_of);
  std::vector<const MetricAlarm*> children;
  const auto parent = book.alarms.find(f.children_of);
  if (parent == book.alarms.end() || !parent->second.composite()) return children;
  for (const auto& name : parent->second.rule->children()) {
    const auto it = book.alarms.find(name);
    if (it != book.alarms.end()) children.push_back(&it->second);
  }
  return children;
}

// [CWAPI] API_DescribeAlarms.html: a family filter's rows carry only the name and ARN, and for children also the
// state and when it was updated.
nlohmann::json family_row_json(const MetricAlarm& a, bool with_state, Protocol protocol) {
  nlohmann::json row{{"AlarmName", a.name}, {"AlarmArn", a.arn}};
  if (with_state) {
    row["StateValue"] = a.state;
    row["StateUpdatedTimestamp"] = time_json(a.state_updated, protocol);
  }
  return row;
}

}  // namespace

ApiResult describe_alarms(CloudWatchCall& call) {
  const auto& p = call.params();
  AlarmFilter filter;
  bool metric = true, composite = false;
  long long page = 0;
  size_t offset = 0;
  if (auto e = read_alarm_filter(p, filter)) return *e;
  if (auto e = read_alarm_types(p, metric, composite)) return *e;
  if (auto e = read_page(p, kDefaultAlarmPage, page, offset)) return *e;
  evaluate_all(call);
  const bool by_family = !filter.children_of.empty() || !filter.parents_of.empty();
  // Metric alarms first, then composite alarms, each in name order: the pages run over both as one list.
  std::vector<const MetricAlarm*> found;
  if (by_family) {
    found = family(call.alarms, filter);
    std::stable_partition(found.begin(), found.end(), [](const MetricAlarm* a) { return !a->composite(); });
    metric = composite = true;
  } else {
    for (const bool composites : {false, true}) {
      if (composites ? !composite : !metric) continue;
      for (const auto& [name, alarm] : call.alarms.alarms) {
        if (alarm.composite() == composites && matches(alarm, filter)) found.push_back(&alarm);
      }
    }
  }
  ApiResponse out;
  out.body["MetricAlarms"] = nlohmann::json::array();
  if (composite) out.body["CompositeAlarms"] = nlohmann::json::array();
  const size_t end = std::min(found.size(), offset + static_cast<size_t>(page));
  for (size_t i = std::min(offset, found.size()); i < end; ++i) {
    const MetricAlarm& a = *found[i];
    nlohmann::json row = by_family       ? family_row_json(a, filter.parents_of.empty(), call.protocol())
                         : a.composite() ? composite_alarm_json(a, call.protocol())
                                         : metric_alarm_json(a, call.protocol());
    out.body[a.composite() ? "CompositeAlarms" : "MetricAlarms"].push_back(std::move(row));
  }
  if (end < found.size()) out.body["NextToken"] = next_token(end);
  return out;
}

ApiResult describe_alarms_for_metric(CloudWatchCall& call) {
  const auto& p = call.params();
  MetricId metric;
  std::string statistic, extended;
  std::optional<UnitIndex> unit;
  long long period = 0;
  if (auto e = read_metric(p, "", metric)) return *e;
  if (auto e = read_optional_name(p, "Statistic", "", statistic)) return *e;
  if (auto e = read_optional_name(p, "ExtendedStatistic", "", extended)) return *e;
  if (auto e = read_period(p, "Period", "", period, false)) return *e;
  if (auto e = read_unit(p, "Unit", "", unit)) return *e;
  evaluate_all(call);
  ApiResponse out;
  out.body["MetricAlarms"] = nlohmann::json::array();
  for (const auto& [name, a] : call.alarms.alarms) {
    if (!a.metric || a.metric->namespace_name != metric.namespace_name || a.metric->metric_name != metric.metric_name ||
        a.metric->dimensions != metric.dimensions || (!statistic.empty() && a.statistic != statistic) ||
        (!extended.empty() && a.extended_statistic != extended) || (period > 0 && a.period != period) ||
        (unit && a.unit != unit)) {
      continue;
    }
    out.body["MetricAlarms"].push_back(metric_alarm_json(a, call.protocol()));
  }
  return out;
}

ApiResult describe_alarm_history(CloudWatchCall& call) {
  const auto& p = call.params();
  std::string name, type, scan_by;
  std::optional<TimePoint> start, end;
  bool metric = true, composite = false;
  long long page = 0;
  size_t offset = 0;
  if (auto e = read_optional_name(p, "AlarmName", "", name)) return *e;
  if (auto e = read_optional_name(p, "HistoryItemType", "", type)) return *e;
  if (!type.empty() && type != "ConfigurationUpdate" && type != "StateUpdate" && type != "Action") {
    return cw_invalid_value("HistoryItemType", type);
  }
  if (auto e = read_timestamp(p, "StartDate", "", start)) return *e;
  if (auto e = read_timestamp(p, "EndDate", "", end)) return *e;
  if (auto e = read_optional_name(p, "ScanBy", "", scan_by)) return *e;
  if (!scan_by.empty() && scan_by != "TimestampAscending" && scan_by != "TimestampDescending") {
    return cw_invalid_value("ScanBy", scan_by);
  }
  if (auto e = read_alarm_types(p, metric, composite)) return *e;
  if (auto e = read_page(p, kDefaultHistoryPage, page, offset)) return *e;
  evaluate_all(call);
  std::vector<const AlarmHistoryItem*> found;
  for (const auto& item : call.alarms.history) {
    if ((item.composite ? composite : metric) && (name.empty() || item.alarm_name == name) &&
        (type.empty() || item.type == type) && (!start || item.time >= *start) && (!end || item.time <= *end)) {
      found.push_back(&item);
    }
  }
  if (scan_by != "TimestampAscending") std::reverse(found.begin(), found.end());
  ApiResponse out;
  out.body["AlarmHistoryItems"] = nlohmann::json::array();
  const size_t last = std::min(found.size(), offset + static_cast<size_t>(page));
  for (size_t i = std::min(offset, found.size()); i < last; ++i) {
    out.body["AlarmHistoryItems"].push_back(history_item_json(*found[i], call.protocol()));
  }
  if (last < found.size()) out.body["NextToken"] = next_token(last);
  return out;
}

}  // namespace chokepoint
