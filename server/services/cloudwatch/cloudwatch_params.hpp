#pragma once
// Reading CloudWatch parameters, from JSON (native types, timestamps as epoch seconds) or from the query form
// (strings, ISO 8601 timestamps, `.member.N` lists), with CloudWatch's errors for bad values. Each reader
// returns the error, or nothing and fills `out`. Parameter paths in messages use the query names
// ("Dimensions.member.1.Name"), as CloudWatch's messages do.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "metrics/metric_store.hpp"
#include "protocol/api_types.hpp"

namespace chokepoint {

using MaybeError = std::optional<ApiError>;

// A required string of length 1..max_length.
MaybeError read_name(const nlohmann::json& params, std::string_view key, std::string_view path, std::string& out,
                     size_t max_length = 255);
// An optional string of length 1..max_length; `out` stays empty when absent.
MaybeError read_optional_name(const nlohmann::json& params, std::string_view key, std::string_view path,
                              std::string& out, size_t max_length = 255);
MaybeError read_timestamp(const nlohmann::json& params, std::string_view key, std::string_view path,
                          std::optional<TimePoint>& out);
MaybeError read_unit(const nlohmann::json& params, std::string_view key, std::string_view path,
                     std::optional<UnitIndex>& out);
// Up to 30 {Name, Value} pairs with distinct names, sorted by name.
MaybeError read_dimensions(const nlohmann::json& params, std::string_view key, std::string_view path,
                           MetricDimensions& out);
// A Metric structure: Namespace, MetricName, Dimensions.
MaybeError read_metric(const nlohmann::json& params, std::string_view path, MetricId& out);
// 1, 5, 10, 20, 30, or a multiple of 60 seconds.
MaybeError read_period(const nlohmann::json& params, std::string_view key, std::string_view path, long long& out,
                       bool required);

// An optional list member ("Statistics"); null when absent. A present non-list is an error.
MaybeError read_list(const nlohmann::json& params, std::string_view key, std::string_view path,
                     const nlohmann::json*& out);

// "Namespace" -> "Dimensions.member.1.Name"-style path joining.
std::string member_path(std::string_view parent, std::string_view key, size_t index);

// Timestamps in responses: epoch seconds for JSON, ISO 8601 for the query form.
nlohmann::json time_json(TimePoint t, Protocol protocol);
nlohmann::json dimensions_json(const MetricDimensions& dimensions);
nlohmann::json metric_json(const MetricId& metric);

}  // namespace chokepoint
