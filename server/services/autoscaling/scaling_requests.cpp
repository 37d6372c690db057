#include "services/autoscaling/scaling_requests.hpp"

#include <algorithm>
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

json alarm_request(const ScalableResource& resource, const TargetTrackingPolicy& policy, bool high,
                   long long capacity) {
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

long long desired_capacity(double consumed_per_second, double target_percent, long long min, long long max) {
  const double wanted = std::ceil(consumed_per_second / (target_percent / 100.0) - 1e-9);
  return std::clamp(static_cast<long long>(std::max(1.0, wanted)), min, max);
}

}  // namespace chokepoint
