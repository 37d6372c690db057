#include "services/cloudwatch/data_queries.hpp"

#include <functional>
#include <set>

#include "protocol/params.hpp"
#include "services/cloudwatch/cloudwatch_errors.hpp"
#include "services/cloudwatch/metric_query.hpp"

namespace chokepoint {

namespace {

constexpr size_t kMaxExpressionLength = 2048;

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 255 || id[0] < 'a' || id[0] > 'z') return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

MaybeError read_metric_stat(const nlohmann::json& p, const std::string& where, MetricStatQuery& out) {
  const nlohmann::json* metric = param(p, "Metric");
  if (!metric) return cw_missing_parameter(where + ".Metric");
  if (auto e = read_metric(*metric, where + ".Metric", out.metric)) return e;
  if (auto e = read_period(p, "Period", where, out.period, true)) return e;
  if (auto e = read_name(p, "Stat", where, out.stat_name)) return e;
  const auto stat = Statistic::parse(out.stat_name);
  if (!stat) return cw_invalid_value(where + ".Stat", out.stat_name);
  out.stat = *stat;
  return read_unit(p, "Unit", where, out.unit);
}

MaybeError read_query(const nlohmann::json& q, const std::string& where, DataQuery& out) {
  if (auto e = read_name(q, "Id", where, out.id)) return e;
  if (!valid_id(out.id)) {
    return cw_invalid_parameter_value("The value " + out.id + " for parameter " + where +
                                      ".Id is not valid: it must start with a lower-case letter and contain only "
                                      "letters, numbers and underscores.");
  }
  if (auto e = read_optional_name(q, "Label", where, out.label, 2048)) return e;
  if (auto e = read_optional_name(q, "Expression", where, out.expression, kMaxExpressionLength)) return e;
  if (auto e = read_optional_name(q, "AccountId", where, out.account_id)) return e;
  out.return_data = param_bool(q, "ReturnData").value_or(true);
  const nlohmann::json* stat = param(q, "MetricStat");
  if (stat && !out.expression.empty()) {
    return cw_invalid_parameter_combination("The parameters " + where + ".MetricStat and " + where +
                                            ".Expression are mutually exclusive.");
  }
  if (!stat && out.expression.empty()) {
    return cw_missing_parameter(where + ".MetricStat or " + where + ".Expression");
  }
  if (stat) {
    out.stat.emplace();
    return read_metric_stat(*stat, where + ".MetricStat", *out.stat);
  }
  if (param(q, "Period")) return read_period(q, "Period", where, out.period, false);
  return std::nullopt;
}

// Every id an expression names must exist, and no expression may depend on itself.
MaybeError check_references(const std::vector<DataQuery>& queries) {
  std::map<std::string, std::vector<std::string>> refs;
  for (const auto& q : queries) {
    if (q.expression.empty()) continue;
    refs[q.id] = math_references(q.expression);
    for (const auto& r : refs[q.id]) {
      const bool known = std::any_of(queries.begin(), queries.end(), [&](const DataQuery& o) { return o.id == r; });
      if (!known) return cw_invalid_parameter_value("Error in expression " + q.id + ": Unknown id " + r);
    }
  }
  std::set<std::string> done, visiting;
  std::function<bool(const std::string&)> acyclic = [&](const std::string& id) {
    if (done.count(id)) return true;
    if (!visiting.insert(id).second) return false;
    for (const auto& r : refs[id]) {
      if (!acyclic(r)) return false;
    }
    visiting.erase(id);
    done.insert(id);
    return true;
  };
  for (const auto& q : queries) {
    if (!acyclic(q.id)) return cw_invalid_parameter_value("Error in expression " + q.id + ": circular reference");
  }
  return std::nullopt;
}

}  // namespace

MaybeError read_data_queries(const nlohmann::json* list, std::string_view path, size_t max,
                             std::vector<DataQuery>& out) {
  if (!list || list->empty()) return cw_missing_parameter(path);
  if (list->size() > max) {
    return cw_invalid_parameter_value("The collection " + std::string(path) + " must not have a size greater than " +
                                      std::to_string(max) + ".");
  }
  std::set<std::string> ids;
  for (size_t i = 0; i < list->size(); ++i) {
    DataQuery q;
    if (auto e = read_query((*list)[i], member_path("", path, i), q)) return e;
    if (!ids.insert(q.id).second) return cw_invalid_parameter_value("The Id " + q.id + " is used more than once.");
    out.push_back(std::move(q));
  }
  return check_references(out);
}

namespace {

TimeSeries stat_series(const MetricStore& store, std::string_view account, std::string_view region,
                       const MetricStatQuery& s, TimePoint start, TimePoint end, TimePoint now) {
  TimeSeries out;
  const MetricQuery query{account, region, &s.metric, start, end, s.period, s.unit};
  for (const auto& point : query_periods(store, query, now)) {
    if (auto v = s.stat.of(point.stats)) out[point.start] = *v;
  }
  return out;
}

// A constant expression ("80") is a line: its value at every period start of the range.
TimeSeries constant_series(double value, TimePoint start, TimePoint end, long long period) {
  TimeSeries out;
  for (TimePoint t = round_start(start, period); t < end; t += std::chrono::seconds(period)) out[t] = value;
  return out;
}

long long default_period(const std::vector<DataQuery>& queries) {
  long long period = 0;
  for (const auto& q : queries) {
    if (q.stat && (period == 0 || q.stat->period < period)) period = q.stat->period;
  }
  return period == 0 ? 60 : period;
}

}  // namespace

Result<std::map<std::string, TimeSeries>> run_data_queries(const MetricStore& store, std::string_view account,
                                                           std::string_view region,
                                                           const std::vector<DataQuery>& queries, TimePoint start,
                                                           TimePoint end, TimePoint now) {
  std::map<std::string, TimeSeries> results;
  std::optional<ApiError> error;
  std::function<std::optional<TimeSeries>(const std::string&)> lookup =
      [&](const std::string& id) -> std::optional<TimeSeries> {
    if (auto it = results.find(id); it != results.end()) return it->second;
    const auto q = std::find_if(queries.begin(), queries.end(), [&](const DataQuery& d) { return d.id == id; });
    if (q == queries.end()) return std::nullopt;
    if (q->stat) return results[id] = stat_series(store, account, region, *q->stat, start, end, now);
    auto r = evaluate_math(q->expression, lookup);
    if (auto* message = std::get_if<std::string>(&r)) {
      if (!error) error = cw_invalid_parameter_value("Error in expression " + id + ": " + *message);
      return TimeSeries{};
    }
    auto& math = std::get<MathResult>(r);
    const long long period = q->period > 0 ? q->period : default_period(queries);
    return results[id] = math.scalar ? constant_series(math.value, start, end, period) : std::move(math.series);
  };
  for (const auto& q : queries) {
    lookup(q.id);
    if (error) return *error;
  }
  return results;
}

std::string query_label(const DataQuery& q) {
  if (!q.label.empty()) return q.label;
  return q.stat ? q.stat->metric.metric_name : q.id;
}

nlohmann::json data_queries_json(const std::vector<DataQuery>& queries) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& q : queries) {
    nlohmann::json j{{"Id", q.id}, {"ReturnData", q.return_data}};
    if (!q.label.empty()) j["Label"] = q.label;
    if (!q.expression.empty()) j["Expression"] = q.expression;
    if (q.period > 0) j["Period"] = q.period;
    if (!q.account_id.empty()) j["AccountId"] = q.account_id;
    if (q.stat) {
      nlohmann::json stat{
          {"Metric", metric_json(q.stat->metric)}, {"Period", q.stat->period}, {"Stat", q.stat->stat_name}};
      if (q.stat->unit) stat["Unit"] = std::string(unit_name(*q.stat->unit));
      j["MetricStat"] = std::move(stat);
    }
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace chokepoint
