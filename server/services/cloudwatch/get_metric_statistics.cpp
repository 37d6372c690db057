// GetMetricStatistics: one metric's datapoints per period, with the requested statistics.
#include "services/cloudwatch/cloudwatch_call.hpp"
#include "services/cloudwatch/cloudwatch_errors.hpp"
#include "services/cloudwatch/cloudwatch_params.hpp"
#include "services/cloudwatch/metric_query.hpp"

namespace chokepoint {

namespace {

constexpr long long kMaxDatapoints = 1440;

struct StatisticsRequest {
  MetricId metric;
  TimePoint start, end;
  long long period = 60;
  std::vector<std::pair<std::string, Statistic>> statistics, extended;
  std::optional<UnitIndex> unit;
};

MaybeError read_statistic_names(const nlohmann::json& params, std::string_view key, bool extended, size_t max,
                                std::vector<std::pair<std::string, Statistic>>& out) {
  const nlohmann::json* list = nullptr;
  if (auto e = read_list(params, key, "", list)) return e;
  if (!list) return std::nullopt;
  if (list->empty() || list->size() > max) {
    return cw_invalid_parameter_value("The collection " + std::string(key) + " must have between 1 and " +
                                      std::to_string(max) + " members.");
  }
  for (size_t i = 0; i < list->size(); ++i) {
    const auto& v = (*list)[i];
    const std::string name = v.is_string() ? v.get<std::string>() : v.dump();
    const auto stat = extended ? Statistic::parse_extended(name) : Statistic::parse(name);
    if (!stat || (!extended && stat->kind == Statistic::Kind::kPercentile)) {
      return cw_invalid_value(member_path("", key, i), name);
    }
    out.emplace_back(name, *stat);
  }
  return std::nullopt;
}

MaybeError read_request(const nlohmann::json& p, StatisticsRequest& r) {
  if (auto e = read_metric(p, "", r.metric)) return e;
  std::optional<TimePoint> start, end;
  if (auto e = read_timestamp(p, "StartTime", "", start)) return e;
  if (!start) return cw_missing_parameter("StartTime");
  if (auto e = read_timestamp(p, "EndTime", "", end)) return e;
  if (!end) return cw_missing_parameter("EndTime");
  if (auto e = read_period(p, "Period", "", r.period, true)) return e;
  if (auto e = read_statistic_names(p, "Statistics", false, 5, r.statistics)) return e;
  if (auto e = read_statistic_names(p, "ExtendedStatistics", true, 10, r.extended)) return e;
  if (r.statistics.empty() == r.extended.empty()) {
    return cw_invalid_parameter_combination("Must specify either Statistics or ExtendedStatistics, but not both.");
  }
  if (auto e = read_unit(p, "Unit", "", r.unit)) return e;
  r.start = round_start(*start, r.period);
  r.end = *end;
  if (r.end <= r.start)
    return cw_invalid_parameter_value("The parameter StartTime must be less than the parameter EndTime.");
  const long long seconds = std::chrono::duration_cast<std::chrono::seconds>(r.end - r.start).count();
  const long long datapoints = (seconds + r.period - 1) / r.period;
  if (datapoints > kMaxDatapoints) {
    return cw_invalid_parameter_combination(
        "You have requested up to " + std::to_string(datapoints) +
        " datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, "
        "or decreasing the time range.");
  }
  return std::nullopt;
}

nlohmann::json datapoint_json(const PeriodPoint& point, const StatisticsRequest& r, Protocol protocol) {
  nlohmann::json d{{"Timestamp", time_json(point.start, protocol)}};
  for (const auto& [name, stat] : r.statistics) {
    if (auto v = stat.of(point.stats)) d[name] = *v;
  }
  if (!r.extended.empty()) {
    // A map: JSON object; in query XML a list of key/value entries.
    nlohmann::json map = is_json(protocol) ? nlohmann::json::object() : nlohmann::json::array();
    for (const auto& [name, stat] : r.extended) {
      const auto v = stat.of(point.stats);
      if (!v) continue;
      if (is_json(protocol)) {
        map[name] = *v;
      } else {
        map.push_back({{"key", name}, {"value", *v}});
      }
    }
    if (!map.empty()) d["ExtendedStatistics"] = std::move(map);
  }
  d["Unit"] = std::string(unit_name(point.unit));
  return d;
}

}  // namespace

ApiResult get_metric_statistics(CloudWatchCall& call) {
  StatisticsRequest r;
  if (auto e = read_request(call.params(), r)) return *e;
  const MetricQuery query{call.account(), call.region(), &r.metric, r.start, r.end, r.period, r.unit};
  ApiResponse out;
  out.body["Label"] = r.metric.metric_name;
  out.body["Datapoints"] = nlohmann::json::array();
  for (const auto& point : query_periods(call.metrics, query, call.ctx.now)) {
    out.body["Datapoints"].push_back(datapoint_json(point, r, call.protocol()));
  }
  return out;
}

}  // namespace chokepoint
