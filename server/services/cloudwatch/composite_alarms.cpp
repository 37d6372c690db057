// Composite alarms: PutCompositeAlarm, their evaluation from their children's states, and how DescribeAlarms
// shows them. [CWAPI] https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutCompositeAlarm.html
#include <algorithm>
#include <set>

#include "common/strings.hpp"
#include "common/time_format.hpp"
#include "protocol/params.hpp"
#include "services/cloudwatch/cloudwatch_call.hpp"
#include "services/cloudwatch/cloudwatch_errors.hpp"

namespace chokepoint {

namespace {

std::string own_alarm_arn_prefix(std::string_view region, std::string_view account) {
  return "arn:aws:cloudwatch:" + std::string(region) + ":" + std::string(account) + ":alarm:";
}

// "Sunday 30 October, 2022 20:47:35 UTC", how a composite alarm's StateReason dates its child's transition.
std::string long_utc_time(TimePoint t) {
  return utc_strftime(t, "%A %d %B, %Y %H:%M:%S UTC");
}

// "2022-10-30T20:47:35.671+0000", the timestamps of a composite alarm's StateReasonData.
std::string offset_millis(TimePoint t) {
  std::string text = iso8601_millis(t);
  if (!text.empty() && text.back() == 'Z') text.replace(text.size() - 1, 1, "+0000");
  return text;
}

MaybeError read_suppressor(const nlohmann::json& p, MetricAlarm& a) {
  if (auto e = read_optional_name(p, "ActionsSuppressor", "", a.actions_suppressor, 1600)) return e;
  bool bad = false;
  const auto wait = param_int(p, "ActionsSuppressorWaitPeriod", &bad);
  const auto extension = param_int(p, "ActionsSuppressorExtensionPeriod", &bad);
  if (bad) return cw_invalid_parameter_value("The suppressor periods must be integers.");
  // [CWAPI]: WaitPeriod and ExtensionPeriod are required only when ActionsSuppressor is specified.
  if (!a.actions_suppressor.empty() && (!wait || !extension)) {
    return cw_validation_error(
        "ActionsSuppressorWaitPeriod and ActionsSuppressorExtensionPeriod are required when ActionsSuppressor is "
        "specified.");
  }
  if (a.actions_suppressor.empty() && (wait || extension)) {
    return cw_validation_error("ActionsSuppressor is required when a suppressor period is specified.");
  }
  if ((wait && *wait < 0) || (extension && *extension < 0)) {
    return cw_invalid_parameter_value("The suppressor periods must not be negative.");
  }
  a.suppressor_wait_period = wait.value_or(0);
  a.suppressor_extension_period = extension.value_or(0);
  return std::nullopt;
}

// The children a rule names that do not exist ("Could not save the composite alarm as alarms [a, b] in the alarm
// rule do not exist", CloudWatch's answer), and the alarm itself among its own children.
MaybeError check_children(const AlarmBook& book, const MetricAlarm& a) {
  std::vector<std::string> missing;
  for (const auto& child : a.rule->children()) {
    if (child == a.name) return cw_validation_error("A composite alarm cannot reference itself in its AlarmRule.");
    if (!book.alarms.count(child)) missing.push_back(child);
  }
  if (missing.empty()) return std::nullopt;
  return cw_validation_error("Could not save the composite alarm as alarms [" + join(missing, ", ") +
                             "] in the alarm rule do not exist");
}

const MetricAlarm* find_alarm(const AlarmBook& book, const std::string& name) {
  const auto it = book.alarms.find(name);
  return it == book.alarms.end() ? nullptr : &it->second;
}

// Brings one composite alarm up to date after its composite children: the rule over the children's states.
// `visiting` guards against cycles, where CloudWatch stops evaluating ([CWAPI] API_DeleteAlarms.html).
void evaluate_composite(MetricAlarm& a, AlarmBook& book, TimePoint now, std::set<std::string>& visiting,
                        std::set<std::string>& done) {
  if (done.count(a.name) || visiting.count(a.name)) return;
  visiting.insert(a.name);
  for (const auto& child : a.rule->children()) {
    const auto it = book.alarms.find(child);
    if (it != book.alarms.end() && it->second.composite()) evaluate_composite(it->second, book, now, visiting, done);
  }
  visiting.erase(a.name);
  done.insert(a.name);

  // The child that changed last: what a transition now is reported as caused by.
  const MetricAlarm* latest = nullptr;
  for (const auto& child : a.rule->children()) {
    const MetricAlarm* c = find_alarm(book, child);
    if (c && (!latest || c->state_transitioned > latest->state_transitioned)) latest = c;
  }
  // A state set by hand (SetAlarmState) holds until a child changes after it.
  if (a.manual_until) {
    if (!latest || latest->state_transitioned <= a.state_updated) return;
    a.manual_until.reset();
  }
  const AlarmRule::StateOf state_of = [&book](const std::string& name) {
    const MetricAlarm* c = find_alarm(book, name);
    return c ? c->state : std::string();
  };
  const bool alarm = a.rule->holds(state_of);
  const std::string state = alarm ? "ALARM" : "OK";
  if (state == a.state) return;
  // Reported as caused by the last child to change among those whose terms hold (for ALARM), or overall.
  const MetricAlarm* cause = latest;
  if (alarm) {
    cause = nullptr;
    for (const auto& name : a.rule->satisfied(state_of)) {
      const MetricAlarm* c = find_alarm(book, name);
      if (c && (!cause || c->state_transitioned > cause->state_transitioned)) cause = c;
    }
  }
  std::string reason = "The alarm rule evaluates to " + std::string(alarm ? "TRUE" : "FALSE") + ".";
  nlohmann::json data{{"triggeringAlarms", nlohmann::json::array()}};
  TimePoint at = std::max(a.configuration_updated, a.state_updated);
  if (cause) {
    reason = cause->arn + " transitioned to " + cause->state + " at " + long_utc_time(cause->state_transitioned);
    data["triggeringAlarms"].push_back(
        {{"arn", cause->arn},
         {"state", {{"value", cause->state}, {"timestamp", offset_millis(cause->state_transitioned)}}}});
    at = std::max(at, cause->state_transitioned);
  }
  change_alarm_state(a, book, state, std::move(reason), data.dump(), std::min(at, now));
}

}  // namespace

ApiResult put_composite_alarm(CloudWatchCall& call) {
  const auto& p = call.params();
  MetricAlarm a;
  if (auto e = read_alarm_basics(p, a)) return *e;
  if (auto e = read_name(p, "AlarmRule", "", a.rule_text, 10240)) return *e;
  auto rule = AlarmRule::parse(a.rule_text, own_alarm_arn_prefix(call.region(), call.account()));
  if (!rule) return std::move(rule).error();
  a.rule = std::move(*rule);
  if (auto e = read_suppressor(p, a)) return *e;
  if (auto e = check_children(call.alarms, a)) return *e;
  const std::string name = a.name;
  auto stored = store_alarm(call, std::move(a));
  if (is_error(stored)) return stored;
  // [CWAPI]: a new composite alarm starts in INSUFFICIENT_DATA and is then evaluated at once.
  std::set<std::string> visiting, done;
  evaluate_composite(call.alarms.alarms.at(name), call.alarms, call.ctx.now, visiting, done);
  return stored;
}

void evaluate_alarms(AlarmBook& book, const MetricStore& store, std::string_view account, std::string_view region,
                     TimePoint now, bool partial_period) {
  for (auto& [name, alarm] : book.alarms) {
    if (!alarm.composite()) evaluate_alarm(alarm, book, store, account, region, now, partial_period);
  }
  std::set<std::string> visiting, done;
  for (auto& [name, alarm] : book.alarms) {
    if (alarm.composite()) evaluate_composite(alarm, book, now, visiting, done);
  }
}

std::vector<const MetricAlarm*> parents_of(const AlarmBook& book, const std::string& name) {
  std::vector<const MetricAlarm*> parents;
  for (const auto& [parent_name, alarm] : book.alarms) {
    if (!alarm.composite()) continue;
    const auto& children = alarm.rule->children();
    if (std::find(children.begin(), children.end(), name) != children.end()) parents.push_back(&alarm);
  }
  return parents;
}

nlohmann::json composite_alarm_json(const MetricAlarm& a, Protocol protocol) {
  nlohmann::json j{{"AlarmName", a.name},
                   {"AlarmArn", a.arn},
                   {"AlarmRule", a.rule_text},
                   {"AlarmConfigurationUpdatedTimestamp", time_json(a.configuration_updated, protocol)},
                   {"ActionsEnabled", a.actions_enabled},
                   {"OKActions", a.ok_actions},
                   {"AlarmActions", a.alarm_actions},
                   {"InsufficientDataActions", a.insufficient_data_actions},
                   {"StateValue", a.state},
                   {"StateReason", a.state_reason},
                   {"StateUpdatedTimestamp", time_json(a.state_updated, protocol)},
                   {"StateTransitionedTimestamp", time_json(a.state_transitioned, protocol)}};
  if (!a.description.empty()) j["AlarmDescription"] = a.description;
  if (!a.state_reason_data.empty()) j["StateReasonData"] = a.state_reason_data;
  if (!a.actions_suppressor.empty()) {
    j["ActionsSuppressor"] = a.actions_suppressor;
    j["ActionsSuppressorWaitPeriod"] = a.suppressor_wait_period;
    j["ActionsSuppressorExtensionPeriod"] = a.suppressor_extension_period;
  }
  return j;
}

}  // namespace chokepoint
