#include "services/autoscaling/scaling_requests.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "services/autoscaling/autoscaling_errors.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

const json* index_of(const json& table, const std::string& name) {
  if (!table.contains("GlobalSecondaryIndexes")) return nullptr;
  for (const auto& index : table["GlobalSecondaryIndexes"]) {
    if (index.value("IndexName", "") == name) return &index;
  }
  return nullptr;
}

}  // namespace

Result<ScalableResource> parse_scalable_resource(const std::string& resource_id, const std::string& dimension) {
  ScalableResource r;
  r.resource_id = resource_id;
  r.dimension = dimension;
  static const std::string kPrefix = "dynamodb:";
  const bool table_dimension =
      dimension == "dynamodb:table:ReadCapacityUnits" || dimension == "dynamodb:table:WriteCapacityUnits";
  const bool index_dimension =
      dimension == "dynamodb:index:ReadCapacityUnits" || dimension == "dynamodb:index:WriteCapacityUnits";
  if (!table_dimension && !index_dimension) {
    return autoscaling_validation("Unsupported scalable dimension '" + dimension +
                                  "': this emulator scales dynamodb:table:ReadCapacityUnits, "
                                  "dynamodb:table:WriteCapacityUnits, dynamodb:index:ReadCapacityUnits and "
                                  "dynamodb:index:WriteCapacityUnits");
  }
  r.write = dimension.ends_with("WriteCapacityUnits");
  const std::string_view id = resource_id;
  const auto index_at = id.find("/index/");
  if (!id.starts_with("table/") || id.size() == 6) {
    return autoscaling_validation("Unsupported resource ID '" + resource_id + "' for " + dimension +
                                  ": expected table/TABLE_NAME or table/TABLE_NAME/index/INDEX_NAME");
  }
  r.table = std::string(id.substr(6, index_at == std::string_view::npos ? std::string_view::npos : index_at - 6));
  if (index_at != std::string_view::npos) r.index = std::string(id.substr(index_at + 7));
  if (r.table.empty() || (index_at != std::string_view::npos && r.index.empty()) ||
      index_dimension != !r.index.empty()) {
    return autoscaling_validation("Unsupported resource ID '" + resource_id + "' for " + dimension +
                                  ": the table dimensions take table/TABLE_NAME, the index dimensions "
                                  "table/TABLE_NAME/index/INDEX_NAME");
  }
  return r;
}

std::optional<std::pair<long long, bool>> provisioned_capacity(const json& describe_table,
                                                               const ScalableResource& resource) {
  if (!describe_table.contains("Table")) return std::nullopt;
  const json& table = describe_table["Table"];
  const json* owner = &table;
  bool active = table.value("TableStatus", "") == "ACTIVE";
  if (!resource.index.empty()) {
    owner = index_of(table, resource.index);
    if (!owner) return std::nullopt;
    active = active && owner->value("IndexStatus", "") == "ACTIVE";
  }
  if (!owner->contains("ProvisionedThroughput")) return std::nullopt;
  const long long units = (*owner)["ProvisionedThroughput"].value(resource.units(), 0LL);
  if (units <= 0) return std::nullopt;  // on-demand tables show zeros
  return std::make_pair(units, active);
}

json update_capacity_request(const json& describe_table, const ScalableResource& resource, long long capacity) {
  const json& table = describe_table["Table"];
  const json* owner = resource.index.empty() ? &table : index_of(table, resource.index);
  json throughput = {{"ReadCapacityUnits", 1}, {"WriteCapacityUnits", 1}};
  if (owner && owner->contains("ProvisionedThroughput")) {
    for (const char* units : {"ReadCapacityUnits", "WriteCapacityUnits"}) {
      throughput[units] = (*owner)["ProvisionedThroughput"].value(units, 1LL);
    }
  }
  throughput[resource.units()] = capacity;
  if (resource.index.empty()) return {{"TableName", resource.table}, {"ProvisionedThroughput", throughput}};
  return {{"TableName", resource.table},
          {"GlobalSecondaryIndexUpdates",
           json::array({{{"Update", {{"IndexName", resource.index}, {"ProvisionedThroughput", throughput}}}}})}};
}

namespace {

const char* const kMetricStatistics[] = {"Average", "Minimum", "Maximum", "SampleCount", "Sum"};

std::optional<ApiError> check_metric_stat(const json& stat, const std::string& where) {
  const json* metric = stat.is_object() && stat.contains("Metric") ? &stat["Metric"] : nullptr;
  if (!metric || !metric->is_object() || !metric->contains("MetricName") || !metric->contains("Namespace") ||
      !stat.contains("Stat")) {
    return autoscaling_validation(where + ".MetricStat needs Metric (MetricName, Namespace) and Stat");
  }
  return std::nullopt;
}

std::optional<ApiError> check_dimensions(const json& spec, const std::string& where) {
  if (!spec.contains("Dimensions")) return std::nullopt;
  if (!spec["Dimensions"].is_array()) return autoscaling_validation(where + ".Dimensions must be a list");
  for (const auto& d : spec["Dimensions"]) {
    if (!d.is_object() || !d.contains("Name") || !d.contains("Value") || !d["Name"].is_string() ||
        !d["Value"].is_string()) {
      return autoscaling_validation(where + ".Dimensions: each dimension needs a Name and a Value");
    }
  }
  return std::nullopt;
}

}  // namespace

Result<json> read_customized_metric(const json& spec) {
  const std::string where = "CustomizedMetricSpecification";
  if (!spec.is_object()) return autoscaling_validation(where + " must be a structure");
  if (spec.contains("Metrics")) {
    const json& metrics = spec["Metrics"];
    if (!metrics.is_array() || metrics.empty()) return autoscaling_validation(where + ".Metrics must not be empty");
    if (spec.contains("MetricName") || spec.contains("Namespace") || spec.contains("Statistic")) {
      return autoscaling_validation(where + " takes either Metrics or MetricName, Namespace and Statistic");
    }
    int returning = 0;
    for (const auto& q : metrics) {
      if (!q.is_object() || !q.contains("Id") || (q.contains("Expression") == q.contains("MetricStat"))) {
        return autoscaling_validation(where + ".Metrics: each query needs an Id and either Expression or MetricStat");
      }
      if (q.contains("MetricStat")) {
        if (auto e = check_metric_stat(q["MetricStat"], where + ".Metrics")) return *e;
        if (auto e = check_dimensions(q["MetricStat"]["Metric"], where + ".Metrics")) return *e;
      }
      returning += q.value("ReturnData", metrics.size() == 1) ? 1 : 0;
    }
    if (returning != 1) {
      return autoscaling_validation(where + ".Metrics: exactly one query must return data (ReturnData true)");
    }
    return spec;
  }
  for (const char* member : {"MetricName", "Namespace", "Statistic"}) {
    if (!spec.contains(member) || !spec[member].is_string() || spec[member].get<std::string>().empty()) {
      return autoscaling_validation(std::string("1 validation error detected: Value null at "
                                                "'targetTrackingScalingPolicyConfiguration.customizedMetricSpecification.") +
                                    char(std::tolower(member[0])) + (member + 1) +
                                    "' failed to satisfy constraint: Member must not be null");
    }
  }
  const std::string statistic = spec["Statistic"].get<std::string>();
  if (std::find(std::begin(kMetricStatistics), std::end(kMetricStatistics), statistic) == std::end(kMetricStatistics)) {
    return autoscaling_validation("1 validation error detected: Value '" + statistic +
                                  "' at 'targetTrackingScalingPolicyConfiguration.customizedMetricSpecification."
                                  "statistic' failed to satisfy constraint: Member must satisfy enum value set: "
                                  "[Average, Minimum, Maximum, SampleCount, Sum]");
  }
  if (auto e = check_dimensions(spec, where)) return *e;
  return spec;
}

namespace {

// The alarm's metric members for a customized metric: its one metric, or its queries (each MetricStat with the
// alarm's one-minute period).
json customized_alarm_metric(const json& spec) {
  if (!spec.contains("Metrics")) {
    json out = {{"Namespace", spec["Namespace"]},
                {"MetricName", spec["MetricName"]},
                {"Dimensions", spec.value("Dimensions", json::array())},
                {"Statistic", spec["Statistic"]},
                {"Period", 60}};
    if (spec.contains("Unit")) out["Unit"] = spec["Unit"];
    return out;
  }
  json queries = json::array();
  for (json q : spec["Metrics"]) {
    if (q.contains("MetricStat")) q["MetricStat"]["Period"] = 60;
    if (!q.contains("ReturnData")) q["ReturnData"] = spec["Metrics"].size() == 1;
    queries.push_back(std::move(q));
  }
  return {{"Metrics", std::move(queries)}};
}

}  // namespace

json alarm_request(const ScalableResource& resource, const TargetTrackingPolicy& policy, bool high,
                   long long capacity) {
  if (!policy.customized_metric.is_null()) {
    json out = customized_alarm_metric(policy.customized_metric);
    out["AlarmName"] = high ? policy.alarm_high : policy.alarm_low;
    out["AlarmDescription"] = "DO NOT EDIT OR DELETE. For TargetTrackingScaling policy " + policy.arn + ".";
    out["EvaluationPeriods"] = out["DatapointsToAlarm"] = high ? kHighAlarmMinutes : kLowAlarmMinutes;
    out["Threshold"] = high ? policy.target_value : policy.target_value * kCustomLowAlarmRatio;
    out["ComparisonOperator"] = high ? "GreaterThanThreshold" : "LessThanThreshold";
    out["AlarmActions"] = json::array({policy.arn});
    return out;
  }
  json dimensions = json::array({{{"Name", "TableName"}, {"Value", resource.table}}});
  if (!resource.index.empty()) dimensions.push_back({{"Name", "GlobalSecondaryIndexName"}, {"Value", resource.index}});
  const double percent = high ? policy.target_value : std::max(0.0, policy.target_value - kLowAlarmMargin);
  const long long minutes = high ? kHighAlarmMinutes : kLowAlarmMinutes;
  return {
      {"AlarmName", high ? policy.alarm_high : policy.alarm_low},
      {"AlarmDescription", std::string("DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ") + policy.arn + "."},
      {"Namespace", "AWS/DynamoDB"},
      {"MetricName", "Consumed" + resource.units()},
      {"Dimensions", dimensions},
      {"Statistic", "Sum"},
      {"Period", 60},
      {"EvaluationPeriods", minutes},
      {"DatapointsToAlarm", minutes},
      {"Threshold", percent * static_cast<double>(capacity) * 60.0 / 100.0},
      {"ComparisonOperator", high ? "GreaterThanThreshold" : "LessThanThreshold"},
      {"AlarmActions", json::array({policy.arn})}};
}

json alarm_metric_queries(const json& alarm) {
  if (alarm.contains("Metrics") && alarm["Metrics"].is_array() && !alarm["Metrics"].empty()) return alarm["Metrics"];
  json stat = {{"Metric",
                {{"Namespace", alarm.value("Namespace", "")},
                 {"MetricName", alarm.value("MetricName", "")},
                 {"Dimensions", alarm.value("Dimensions", json::array())}}},
               {"Period", alarm.value("Period", 60)},
               {"Stat", alarm.contains("ExtendedStatistic") ? alarm.value("ExtendedStatistic", "")
                                                            : alarm.value("Statistic", "Average")}};
  if (alarm.contains("Unit")) stat["Unit"] = alarm["Unit"];
  return json::array({{{"Id", "m1"}, {"MetricStat", stat}, {"ReturnData", true}}});
}

std::optional<double> newest_metric_value(const json& answer) {
  if (!answer.contains("MetricDataResults")) return std::nullopt;
  for (const auto& series : answer["MetricDataResults"]) {
    const auto& times = series.value("Timestamps", json::array());
    const auto& values = series.value("Values", json::array());
    std::optional<double> newest;
    double newest_time = 0;
    for (size_t i = 0; i < times.size() && i < values.size(); ++i) {
      const double t = times[i].is_number() ? times[i].get<double>() : 0;
      if (!newest || t > newest_time) {
        newest = values[i].get<double>();
        newest_time = t;
      }
    }
    return newest;
  }
  return std::nullopt;
}

long long tracked_capacity(double metric, double target, long long current, long long min, long long max) {
  const double wanted = std::ceil(static_cast<double>(current) * metric / target - 1e-9);
  return std::clamp(static_cast<long long>(std::max(1.0, wanted)), min, max);
}

long long desired_capacity(double consumed_per_second, double target_percent, long long min, long long max) {
  const double wanted = std::ceil(consumed_per_second / (target_percent / 100.0) - 1e-9);
  return std::clamp(static_cast<long long>(std::max(1.0, wanted)), min, max);
}

}  // namespace chokepoint
