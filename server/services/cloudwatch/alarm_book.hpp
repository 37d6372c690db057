#pragma once
// Metric alarms of one account and region, and their history. An alarm watches one metric (a statistic
// over Period seconds) or a metric-math expression (Metrics); its state is brought up to date from the
// metric store whenever the alarm is read (evaluate_alarm, which catches up period by period), not by a timer. Actions
// are recorded and reported; CloudWatch executes none itself (Application Auto Scaling reads the alarms that name
// its policies and runs them: services/autoscaling/step_policy_runs.cpp). Not thread-safe (CloudWatchService locks).
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "metrics/metric_store.hpp"
#include "services/cloudwatch/alarm_rule.hpp"
#include "services/cloudwatch/data_queries.hpp"

namespace chokepoint {

struct MetricAlarm {
  std::string name, arn, description;
  bool actions_enabled = true;
  std::vector<std::string> ok_actions, alarm_actions, insufficient_data_actions;
  // A single-metric alarm...
  std::optional<MetricId> metric;
  std::string statistic;           // "Average", or empty when extended_statistic is set
  std::string extended_statistic;  // "p99"
  long long period = 0;
  std::optional<UnitIndex> unit;
  // ...or a metric-math alarm.
  std::vector<DataQuery> metrics;
  long long evaluation_periods = 1;
  long long datapoints_to_alarm = 0;  // 0: not set (= evaluation_periods)
  double threshold = 0;
  std::string comparison;
  std::string treat_missing_data;  // empty: not set (= missing)
  std::string evaluate_low_sample_count_percentile;
  std::vector<std::pair<std::string, std::string>> tags;  // TagResource's, in the order first given
  // A composite alarm (PutCompositeAlarm) has a rule instead of a metric; its state follows its children's.
  std::optional<AlarmRule> rule;
  std::string rule_text;
  std::string actions_suppressor;  // an alarm name or ARN; empty: none
  long long suppressor_wait_period = 0, suppressor_extension_period = 0;

  std::string state = "INSUFFICIENT_DATA";
  std::string state_reason = "Unchecked: Initial alarm creation";
  std::string state_reason_data;
  TimePoint configuration_updated, state_updated, state_transitioned;
  std::optional<TimePoint> manual_until;  // SetAlarmState's state holds until then
  // When the alarm was last brought up to date: the next evaluation first evaluates each period that ended since,
  // in order, so that a clock moved forward by ten minutes sees ten periods' transitions at their own times.
  std::optional<TimePoint> evaluated_at;

  bool composite() const { return rule.has_value(); }
};

struct AlarmHistoryItem {
  std::string alarm_name;
  std::string type;  // ConfigurationUpdate, StateUpdate
  std::string summary;
  std::string data;  // JSON text
  TimePoint time;
  bool composite = false;  // the alarm's type: CompositeAlarm or MetricAlarm
};

struct AlarmBook {
  static constexpr size_t kMaxHistory = 10'000;  // per account and region; the oldest items go first

  std::map<std::string, MetricAlarm> alarms;  // by name: DescribeAlarms lists them in name order
  std::deque<AlarmHistoryItem> history;       // oldest first

  void record(AlarmHistoryItem item);
};

// Brings every alarm of the book up to date at `now`: metric alarms from the store, then composite alarms from
// their children (composite_alarms.cpp), so that a composite sees its children as they stand at `now`.
void evaluate_alarms(AlarmBook& book, const MetricStore& store, std::string_view account, std::string_view region,
                     TimePoint now, bool partial_period);

// Brings the alarm's state up to date at `now`: first as each period that ended since the last evaluation stood
// when it ended (at most a day's worth of periods), then at `now`. Changes are recorded in the book's history at
// the times they happened. `partial_period`: whether the still-filling period counts as the newest one at `now`
// (metrics.alarms).
void evaluate_alarm(MetricAlarm& alarm, AlarmBook& book, const MetricStore& store, std::string_view account,
                    std::string_view region, TimePoint now, bool partial_period);

// Sets a state by hand (SetAlarmState, or evaluation), with history. No-op history when unchanged.
void change_alarm_state(MetricAlarm& alarm, AlarmBook& book, std::string state, std::string reason,
                        std::string reason_data, TimePoint now);

// The alarm as DescribeAlarms reports it: under MetricAlarms, or (composite_alarms.cpp) under CompositeAlarms.
nlohmann::json metric_alarm_json(const MetricAlarm& alarm, Protocol protocol);
nlohmann::json composite_alarm_json(const MetricAlarm& alarm, Protocol protocol);
// The composite alarms whose rules name `name`, by name.
std::vector<const MetricAlarm*> parents_of(const AlarmBook& book, const std::string& name);
nlohmann::json history_item_json(const AlarmHistoryItem& item, Protocol protocol);

}  // namespace chokepoint
