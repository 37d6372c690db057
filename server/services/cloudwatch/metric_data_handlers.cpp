// PutMetricData and ListMetrics.
#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "protocol/params.hpp"
#include "services/cloudwatch/cloudwatch_call.hpp"
#include "services/cloudwatch/cloudwatch_errors.hpp"
#include "services/cloudwatch/cloudwatch_params.hpp"
#include "services/cloudwatch/page_token.hpp"

namespace chokepoint {

namespace {

constexpr size_t kMaxMetricData = 1000;
constexpr size_t kMaxValues = 150;
constexpr size_t kListMetricsPage = 500;
const double kMaxMagnitude = std::ldexp(1.0, 360);
constexpr auto kOldestTimestamp = std::chrono::hours(24 * 14);
constexpr auto kNewestTimestamp = std::chrono::hours(2);
constexpr auto kRecentlyActive = std::chrono::hours(3);

// One datum, validated, ready for the store.
struct Datum {
  MetricId metric;
  TimePoint time;
  std::vector<MetricValue> values;
  std::string unit = "None";
};

MaybeError check_value(double v, const std::string& where) {
  if (!std::isfinite(v) || std::fabs(v) > kMaxMagnitude || (v != 0 && std::fabs(v) < 1.0 / kMaxMagnitude)) {
    return cw_invalid_parameter_value("The value for parameter " + where +
                                      " must be a finite number between -2^360 and 2^360.");
  }
  return std::nullopt;
}

MaybeError read_number(const nlohmann::json& p, std::string_view key, const std::string& where, double& out) {
  bool bad = false;
  const auto v = param_double(p, key, &bad);
  if (bad) return cw_invalid_parameter_value("The parameter " + where + "." + std::string(key) + " must be a number.");
  if (!v) return cw_missing_parameter(where + "." + std::string(key));
  out = *v;
  return check_value(out, where + "." + std::string(key));
}

MaybeError read_statistic_set(const nlohmann::json& set, const std::string& where, MetricValue& out) {
  if (auto e = read_number(set, "SampleCount", where, out.sample_count)) return e;
  if (auto e = read_number(set, "Sum", where, out.sum)) return e;
  if (auto e = read_number(set, "Minimum", where, out.minimum)) return e;
  if (auto e = read_number(set, "Maximum", where, out.maximum)) return e;
  if (out.sample_count <= 0 || out.minimum > out.maximum) {
    return cw_invalid_parameter_value("The parameter " + where +
                                      " must have a positive SampleCount and Minimum no greater than Maximum.");
  }
  return std::nullopt;
}

// Values with optional Counts: each distinct value with its count (1 when Counts is absent).
MaybeError read_values(const nlohmann::json& d, const std::string& where, std::vector<MetricValue>& out) {
  const nlohmann::json *values = nullptr, *counts = nullptr;
  if (auto e = read_list(d, "Values", where, values)) return e;
  if (auto e = read_list(d, "Counts", where, counts)) return e;
  if (values->size() > kMaxValues) {
    return cw_invalid_parameter_value("The collection " + where + ".Values must not have a size greater than 150.");
  }
  if (counts && counts->size() != values->size()) {
    return cw_invalid_parameter_value("The parameters " + where + ".Values and " + where +
                                      ".Counts must be of the same size.");
  }
  for (size_t i = 0; i < values->size(); ++i) {
    double v = 0, c = 1;
    const std::string at = member_path(where, "Values", i);
    if (auto e = read_number(nlohmann::json{{"v", (*values)[i]}}, "v", at, v)) return e;
    if (counts) {
      if (auto e = read_number(nlohmann::json{{"c", (*counts)[i]}}, "c", member_path(where, "Counts", i), c)) return e;
    }
    if (c > 0) out.push_back(MetricValue{c, v * c, v, v});
  }
  return std::nullopt;
}

MaybeError read_datum_values(const nlohmann::json& d, const std::string& where, Datum& out) {
  const bool has_value = param(d, "Value") != nullptr, has_set = param(d, "StatisticValues") != nullptr,
             has_values = param(d, "Values") != nullptr;
  if (has_value + has_set + has_values > 1) {
    return cw_invalid_parameter_combination("The parameters " + where + ".Value, " + where + ".StatisticValues and " +
                                            where + ".Values are mutually exclusive.");
  }
  if (has_set) {
    MetricValue v;
    if (auto e = read_statistic_set(*param(d, "StatisticValues"), where + ".StatisticValues", v)) return e;
    out.values.push_back(v);
    return std::nullopt;
  }
  if (has_values) return read_values(d, where, out.values);
  double v = 0;
  if (auto e = read_number(d, "Value", where, v)) return e;
  out.values.push_back(MetricValue::of(v));
  return std::nullopt;
}

MaybeError read_datum(const nlohmann::json& d, const std::string& where, const std::string& ns, TimePoint now,
                      Datum& out) {
  out.metric.namespace_name = ns;
  if (auto e = read_name(d, "MetricName", where, out.metric.metric_name)) return e;
  if (auto e = read_dimensions(d, "Dimensions", where, out.metric.dimensions)) return e;
  std::optional<TimePoint> time;
  if (auto e = read_timestamp(d, "Timestamp", where, time)) return e;
  out.time = time.value_or(now);
  if (out.time < now - kOldestTimestamp) {
    return cw_invalid_parameter_value("The parameter " + where +
                                      ".Timestamp must specify a time within the past two weeks.");
  }
  if (out.time > now + kNewestTimestamp) {
    return cw_invalid_parameter_value("The parameter " + where +
                                      ".Timestamp must specify a time no more than two hours in the future.");
  }
  std::optional<UnitIndex> unit;
  if (auto e = read_unit(d, "Unit", where, unit)) return e;
  if (unit) out.unit = unit_name(*unit);
  bool bad = false;
  const auto resolution = param_int(d, "StorageResolution", &bad);
  if (bad || (resolution && *resolution != 1 && *resolution != 60)) {
    return cw_invalid_parameter_value("The parameter " + where + ".StorageResolution must be 1 or 60.");
  }
  return read_datum_values(d, where, out);
}

// MetricData, and the MetricData of each EntityMetricData entry (entities are accepted and not kept).
std::vector<std::pair<const nlohmann::json*, std::string>> datum_lists(const nlohmann::json& params) {
  std::vector<std::pair<const nlohmann::json*, std::string>> out;
  if (const auto* list = param_list(params, "MetricData")) out.emplace_back(list, "MetricData");
  if (const auto* entities = param_list(params, "EntityMetricData")) {
    for (size_t i = 0; i < entities->size(); ++i) {
      if (const auto* list = param_list((*entities)[i], "MetricData")) {
        out.emplace_back(list, member_path("", "EntityMetricData", i) + ".MetricData");
      }
    }
  }
  return out;
}

}  // namespace

ApiResult put_metric_data(CloudWatchCall& call) {
  std::string ns;
  if (auto e = read_name(call.params(), "Namespace", "", ns)) return *e;
  if (ns.rfind("AWS/", 0) == 0 || ns.front() == ':') return cw_invalid_value("Namespace", ns);
  const auto lists = datum_lists(call.params());
  size_t count = 0;
  for (const auto& [list, _] : lists) count += list->size();
  if (count == 0) return cw_missing_parameter("MetricData");
  if (count > kMaxMetricData) {
    return cw_invalid_parameter_value("The collection MetricData must not have a size greater than 1000.");
  }
  std::vector<Datum> data;  // all validated before any is stored: a bad datum stores nothing
  for (const auto& [list, path] : lists) {
    for (size_t i = 0; i < list->size(); ++i) {
      Datum d;
      if (auto e = read_datum((*list)[i], path + ".member." + std::to_string(i + 1), ns, call.ctx.now, d)) return *e;
      data.push_back(std::move(d));
    }
  }
  for (const auto& d : data) {
    std::vector<MetricDimensionRef> dims;
    for (const auto& [name, value] : d.metric.dimensions) dims.push_back({name, value});
    for (const auto& v : d.values) {
      call.metrics.put(MetricPoint{call.account(), call.region(), ns, d.metric.metric_name, dims, v, d.unit, d.time});
    }
  }
  return ApiResponse{};
}

namespace {

bool dimensions_match(const MetricDimensions& have,
                      const std::vector<std::pair<std::string, std::optional<std::string>>>& filters) {
  for (const auto& filter : filters) {
    const auto& [name, value] = filter;
    // Compares through `filter`: clang before 16 cannot capture a structured binding in a lambda.
    const auto it = std::find_if(have.begin(), have.end(), [&](const auto& d) { return d.first == filter.first; });
    if (it == have.end() || (value && it->second != *value)) return false;
  }
  return true;
}

MaybeError read_dimension_filters(const nlohmann::json& params,
                                  std::vector<std::pair<std::string, std::optional<std::string>>>& out) {
  const nlohmann::json* list = nullptr;
  if (auto e = read_list(params, "Dimensions", "", list)) return e;
  if (!list) return std::nullopt;
  if (list->size() > 10) {
    return cw_invalid_parameter_value("The collection Dimensions must not have a size greater than 10.");
  }
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string where = member_path("", "Dimensions", i);
    std::string name, value;
    if (auto e = read_name((*list)[i], "Name", where, name)) return e;
    if (auto e = read_optional_name((*list)[i], "Value", where, value, 1024)) return e;
    out.emplace_back(std::move(name), value.empty() ? std::nullopt : std::optional<std::string>(value));
  }
  return std::nullopt;
}

}  // namespace

ApiResult list_metrics(CloudWatchCall& call) {
  const auto& p = call.params();
  std::string ns, name, recently, owner, token;
  if (auto e = read_optional_name(p, "Namespace", "", ns)) return *e;
  if (auto e = read_optional_name(p, "MetricName", "", name)) return *e;
  if (auto e = read_optional_name(p, "RecentlyActive", "", recently)) return *e;
  if (!recently.empty() && recently != "PT3H") return cw_invalid_value("RecentlyActive", recently);
  if (auto e = read_optional_name(p, "OwningAccount", "", owner)) return *e;
  std::vector<std::pair<std::string, std::optional<std::string>>> filters;
  if (auto e = read_dimension_filters(p, filters)) return *e;
  if (auto e = read_optional_name(p, "NextToken", "", token, 4096)) return *e;
  const auto offset = parse_next_token(token);
  if (!offset) return cw_invalid_next_token();

  const TimePoint since = recently.empty() ? call.ctx.now - call.metrics.retention() : call.ctx.now - kRecentlyActive;
  std::vector<MetricId> metrics;
  if (owner.empty() || owner == call.account()) {
    for (auto& m : call.metrics.list(call.account(), call.region(), since)) {
      if ((ns.empty() || m.namespace_name == ns) && (name.empty() || m.metric_name == name) &&
          dimensions_match(m.dimensions, filters)) {
        metrics.push_back(std::move(m));
      }
    }
  }
  std::sort(metrics.begin(), metrics.end(), [](const MetricId& a, const MetricId& b) {
    return std::tie(a.namespace_name, a.metric_name, a.dimensions) <
           std::tie(b.namespace_name, b.metric_name, b.dimensions);
  });
  ApiResponse out;
  out.body["Metrics"] = nlohmann::json::array();
  const size_t end = std::min(metrics.size(), *offset + kListMetricsPage);
  for (size_t i = std::min(*offset, metrics.size()); i < end; ++i)
    out.body["Metrics"].push_back(metric_json(metrics[i]));
  if (end < metrics.size()) out.body["NextToken"] = next_token(end);
  if (param_bool(p, "IncludeLinkedAccounts").value_or(false)) {
    // One entry per metric returned: every metric here is the caller's own.
    out.body["OwningAccounts"] = nlohmann::json::array();
    for (size_t i = 0; i < out.body["Metrics"].size(); ++i) out.body["OwningAccounts"].push_back(call.account());
  }
  return out;
}

}  // namespace chokepoint
