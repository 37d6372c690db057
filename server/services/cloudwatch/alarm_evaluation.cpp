// Alarm evaluation: the last EvaluationPeriods periods of the alarm's metric, compared with the threshold;
// ALARM when at least DatapointsToAlarm of them breach, missing datapoints treated as TreatMissingData says.
#include <cmath>
#include <cstdio>

#include "common/time_format.hpp"
#include "services/cloudwatch/alarm_book.hpp"
#include "services/cloudwatch/metric_query.hpp"

namespace chokepoint {

namespace {

struct Evaluated {
  TimePoint start;
  std::optional<double> value;
  double sample_count = 0;
};

bool breaches(const std::string& op, double v, double threshold) {
  if (op == "GreaterThanThreshold") return v > threshold;
  if (op == "GreaterThanOrEqualToThreshold") return v >= threshold;
  if (op == "LessThanThreshold") return v < threshold;
  if (op == "LessThanOrEqualToThreshold") return v <= threshold;
  return false;
}

std::string comparison_words(const std::string& op) {
  if (op == "GreaterThanThreshold") return "greater than";
  if (op == "GreaterThanOrEqualToThreshold") return "greater than or equal to";
  if (op == "LessThanThreshold") return "less than";
  return "less than or equal to";
}

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  if (v != std::round(v * 10) / 10) std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// "21/11/26 20:29:00", the date format CloudWatch's state reasons use.
std::string reason_time(TimePoint t) {
  const std::string iso = iso8601_seconds(t);  // 2026-11-21T20:29:00Z
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(2, 2) + " " + iso.substr(11, 8);
}

long long alarm_period(const MetricAlarm& a) {
  if (a.metric) return a.period;
  for (const auto& q : a.metrics) {
    if (q.return_data) return q.stat ? q.stat->period : (q.period > 0 ? q.period : 60);
  }
  return 60;
}

// The values of the last N periods, oldest first, over [start, end).
std::vector<Evaluated> read_periods(const MetricAlarm& a, const MetricStore& store, std::string_view account,
                                    std::string_view region, TimePoint start, TimePoint end, long long period,
                                    TimePoint now) {
  std::vector<Evaluated> out;
  for (TimePoint t = start; t < end; t += std::chrono::seconds(period)) out.push_back(Evaluated{t, {}, 0});
  auto slot = [&](TimePoint t) -> Evaluated* {
    const auto i = std::chrono::duration_cast<std::chrono::seconds>(t - start).count() / period;
    return i >= 0 && static_cast<size_t>(i) < out.size() ? &out[static_cast<size_t>(i)] : nullptr;
  };
  if (a.metric) {
    const auto stat = Statistic::parse(a.statistic.empty() ? a.extended_statistic : a.statistic);
    const MetricQuery query{account, region, &*a.metric, start, end, period, a.unit};
    for (const auto& p : query_periods(store, query, now)) {
      if (Evaluated* e = slot(p.start)) {
        e->value = stat ? stat->of(p.stats) : std::nullopt;
        e->sample_count = p.stats.sample_count();
      }
    }
    return out;
  }
  auto run = run_data_queries(store, account, region, a.metrics, start, end, now);
  if (!run) return out;
  for (const auto& q : a.metrics) {
    if (!q.return_data) continue;
    for (const auto& [t, v] : run->at(q.id)) {
      if (Evaluated* e = slot(t)) e->value = v;
    }
  }
  return out;
}

nlohmann::json reason_data(const MetricAlarm& a, const std::vector<Evaluated>& periods, TimePoint now, TimePoint start,
                           long long period) {
  nlohmann::json recent = nlohmann::json::array(), evaluated = nlohmann::json::array();
  for (auto it = periods.rbegin(); it != periods.rend(); ++it) {
    if (!it->value) continue;
    recent.push_back(*it->value);
    nlohmann::json point{{"timestamp", iso8601_millis(it->start)}, {"value", *it->value}};
    if (it->sample_count > 0) point["sampleCount"] = it->sample_count;
    evaluated.push_back(std::move(point));
  }
  nlohmann::json out{{"version", "1.0"}, {"queryDate", iso8601_millis(now)}, {"startDate", iso8601_millis(start)}};
  if (!a.statistic.empty()) out["statistic"] = a.statistic;
  if (!a.extended_statistic.empty()) out["statistic"] = a.extended_statistic;
  out["period"] = period;
  out["recentDatapoints"] = std::move(recent);
  out["threshold"] = a.threshold;
  if (!evaluated.empty()) out["evaluatedDatapoints"] = std::move(evaluated);
  return out;
}

std::string reason_text(const MetricAlarm& a, const std::vector<Evaluated>& periods, const std::string& state,
                        const std::string& missing_as) {
  const bool alarm = state == "ALARM";
  std::string values;
  size_t shown = 0, missing = 0;
  for (auto it = periods.rbegin(); it != periods.rend(); ++it) {
    if (!it->value) {
      ++missing;
      continue;
    }
    if (breaches(a.comparison, *it->value, a.threshold) != alarm) continue;
    values += (shown++ ? ", " : "") + number_text(*it->value) + " (" + reason_time(it->start) + ")";
  }
  const std::string missing_text = std::to_string(missing) + (missing == 1 ? " datapoint" : " datapoints");
  if (shown == 0 && state == "INSUFFICIENT_DATA") {
    return "Insufficient Data: " + missing_text + (missing == 1 ? " was" : " were") + " unknown.";
  }
  if (shown == 0) {
    return "Threshold Crossed: no datapoints were received for " + std::to_string(missing) +
           (missing == 1 ? " period and " : " periods and ") + missing_text + (missing == 1 ? " was" : " were") +
           " treated as [" + (missing_as == "breaching" ? "Breaching" : "NonBreaching") + "].";
  }
  const std::string count = std::to_string(shown) + (shown == 1 ? " datapoint" : " datapoints");
  const std::string verb = shown == 1 ? " was " : " were ";
  return "Threshold Crossed: " + count + " [" + values + "]" + verb + (alarm ? "" : "not ") +
         comparison_words(a.comparison) + " the threshold (" + number_text(a.threshold) + ").";
}

// Periods a catch-up evaluates at most: a day of one-minute periods. Older ones are skipped; their transitions
// would long since have been superseded.
constexpr long long kMaxCatchUpPeriods = 1440;

// The alarm as it stands at `now`, over the periods that end at `end`.
void evaluate_window(MetricAlarm& a, AlarmBook& book, const MetricStore& store, std::string_view account,
                     std::string_view region, TimePoint end, TimePoint now) {
  if (a.manual_until && now < *a.manual_until) return;
  a.manual_until.reset();
  const long long period = alarm_period(a);
  const TimePoint start = end - std::chrono::seconds(period * a.evaluation_periods);
  const auto periods = read_periods(a, store, account, region, start, end, period, now);

  const std::string missing_as = a.treat_missing_data.empty() ? "missing" : a.treat_missing_data;
  const long long needed = a.datapoints_to_alarm > 0 ? a.datapoints_to_alarm : a.evaluation_periods;
  long long breaching = 0, present = 0;
  for (const auto& p : periods) {
    if (p.value) {
      ++present;
      breaching += breaches(a.comparison, *p.value, a.threshold) ? 1 : 0;
    } else if (missing_as == "breaching") {
      ++breaching;
    }
  }
  std::string state;
  if (breaching >= needed) {
    state = "ALARM";
  } else if (present > 0 || missing_as == "notBreaching" || missing_as == "breaching") {
    state = "OK";
  } else if (missing_as == "ignore") {
    return;  // no data: the alarm keeps its state
  } else {
    state = "INSUFFICIENT_DATA";
  }
  if (state == a.state) return;
  change_alarm_state(a, book, state, reason_text(a, periods, state, missing_as),
                     reason_data(a, periods, now, start, period).dump(), now);
}

}  // namespace

void evaluate_alarm(MetricAlarm& a, AlarmBook& book, const MetricStore& store, std::string_view account,
                    std::string_view region, TimePoint now, bool partial_period) {
  const auto period = std::chrono::seconds(alarm_period(a));
  const auto period_start = [&](TimePoint t) {
    return TimePoint{std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()) / period * period};
  };
  if (a.evaluated_at && *a.evaluated_at < now) {
    // Each period boundary after the last evaluation, up to now: the period that just ended, as it stood.
    TimePoint boundary = period_start(*a.evaluated_at) + period;
    boundary = std::max<TimePoint>(boundary, period_start(now) - period * (kMaxCatchUpPeriods - 1));
    for (; boundary <= now; boundary += period) evaluate_window(a, book, store, account, region, boundary, boundary);
  }
  const TimePoint end = period_start(now) + (partial_period ? period : Duration::zero());
  evaluate_window(a, book, store, account, region, end, now);
  a.evaluated_at = std::max(now, a.evaluated_at.value_or(now));
}

}  // namespace chokepoint
