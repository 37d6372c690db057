#include "services/cloudwatch/cloudwatch_params.hpp"

#include <algorithm>
#include <cmath>

#include "common/time_format.hpp"
#include "protocol/params.hpp"
#include "services/cloudwatch/cloudwatch_errors.hpp"

namespace chokepoint {

namespace {

constexpr size_t kMaxDimensions = 30;

std::string joined(std::string_view path, std::string_view key) {
  return path.empty() ? std::string(key) : std::string(path) + "." + std::string(key);
}

}  // namespace

std::string member_path(std::string_view parent, std::string_view key, size_t index) {
  return joined(parent, key) + ".member." + std::to_string(index + 1);
}

MaybeError read_optional_name(const nlohmann::json& params, std::string_view key, std::string_view path,
                              std::string& out, size_t max_length) {
  bool bad = false;
  auto value = param_string(params, key, &bad);
  if (bad) return cw_invalid_parameter_value("The parameter " + joined(path, key) + " must be a string.");
  if (!value) return std::nullopt;
  if (value->empty() || value->size() > max_length) {
    return cw_invalid_parameter_value("The parameter " + joined(path, key) + " must be between 1 and " +
                                      std::to_string(max_length) + " characters long.");
  }
  out = std::move(*value);
  return std::nullopt;
}

MaybeError read_name(const nlohmann::json& params, std::string_view key, std::string_view path, std::string& out,
                     size_t max_length) {
  if (!param(params, key)) return cw_missing_parameter(joined(path, key));
  return read_optional_name(params, key, path, out, max_length);
}

MaybeError read_timestamp(const nlohmann::json& params, std::string_view key, std::string_view path,
                          std::optional<TimePoint>& out) {
  const nlohmann::json* v = param(params, key);
  if (!v) return std::nullopt;
  std::optional<TimePoint> t;
  if (v->is_number()) {
    t = from_epoch_seconds(v->get<double>());
  } else if (v->is_string()) {
    t = parse_timestamp(v->get_ref<const std::string&>());
  }
  if (!t) return cw_invalid_parameter_value("The parameter " + joined(path, key) + " must be a valid timestamp.");
  out = *t;
  return std::nullopt;
}

MaybeError read_unit(const nlohmann::json& params, std::string_view key, std::string_view path,
                     std::optional<UnitIndex>& out) {
  bool bad = false;
  const auto name = param_string(params, key, &bad);
  if (bad) return cw_invalid_value(joined(path, key), "(not a string)");
  if (!name) return std::nullopt;
  out = unit_index(*name);
  if (!out) return cw_invalid_value(joined(path, key), *name);
  return std::nullopt;
}

MaybeError read_list(const nlohmann::json& params, std::string_view key, std::string_view path,
                     const nlohmann::json*& out) {
  out = nullptr;
  const nlohmann::json* v = param(params, key);
  if (!v) return std::nullopt;
  if (!v->is_array()) return cw_invalid_parameter_value("The parameter " + joined(path, key) + " must be a list.");
  out = v;
  return std::nullopt;
}

MaybeError read_dimensions(const nlohmann::json& params, std::string_view key, std::string_view path,
                           MetricDimensions& out) {
  const nlohmann::json* list = nullptr;
  if (auto e = read_list(params, key, path, list)) return e;
  out.clear();
  if (!list) return std::nullopt;
  if (list->size() > kMaxDimensions) {
    return cw_invalid_parameter_value("The collection " + joined(path, key) + " must not have a size greater than " +
                                      std::to_string(kMaxDimensions) + ".");
  }
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string where = member_path(path, key, i);
    std::string name, value;
    if (auto e = read_name((*list)[i], "Name", where, name)) return e;
    if (auto e = read_name((*list)[i], "Value", where, value, 1024)) return e;
    out.emplace_back(std::move(name), std::move(value));
  }
  std::sort(out.begin(), out.end());
  for (size_t i = 1; i < out.size(); ++i) {
    if (out[i].first == out[i - 1].first) {
      return cw_invalid_parameter_value("No metric name or dimension name may appear more than once: " + out[i].first);
    }
  }
  return std::nullopt;
}

MaybeError read_metric(const nlohmann::json& params, std::string_view path, MetricId& out) {
  if (auto e = read_name(params, "Namespace", path, out.namespace_name)) return e;
  if (auto e = read_name(params, "MetricName", path, out.metric_name)) return e;
  return read_dimensions(params, "Dimensions", path, out.dimensions);
}

MaybeError read_period(const nlohmann::json& params, std::string_view key, std::string_view path, long long& out,
                       bool required) {
  bool bad = false;
  const auto period = param_int(params, key, &bad);
  if (!period && !bad) return required ? MaybeError(cw_missing_parameter(joined(path, key))) : std::nullopt;
  const bool valid =
      period && *period > 0 &&
      (*period % 60 == 0 || *period == 1 || *period == 5 || *period == 10 || *period == 20 || *period == 30);
  if (!valid) {
    return cw_invalid_parameter_value("The parameter " + joined(path, key) +
                                      " must be 1, 5, 10, 20, 30, or any multiple of 60.");
  }
  out = *period;
  return std::nullopt;
}

nlohmann::json time_json(TimePoint t, Protocol protocol) {
  if (is_json(protocol)) return epoch_seconds(t);
  return iso8601_seconds(t);
}

nlohmann::json dimensions_json(const MetricDimensions& dimensions) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [name, value] : dimensions) out.push_back({{"Name", name}, {"Value", value}});
  return out;
}

nlohmann::json metric_json(const MetricId& metric) {
  return nlohmann::json{{"Namespace", metric.namespace_name},
                        {"MetricName", metric.metric_name},
                        {"Dimensions", dimensions_json(metric.dimensions)}};
}

}  // namespace chokepoint
