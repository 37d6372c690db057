// UpdateTimeToLive, DescribeTimeToLive, TagResource, UntagResource, ListTagsOfResource.
#include <algorithm>
#include <mutex>
#include <regex>
#include <shared_mutex>

#include "services/dynamodb/attribute_json.hpp"
#include "services/dynamodb/control_handlers.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/table_arn.hpp"
#include "services/dynamodb/table_tags.hpp"

namespace chokepoint {

namespace {

using dynamodb_errors::validation;

// ResourceArn present and ARN-shaped (DynamoDB answers AccessDenied for anything else).
std::optional<ApiError> check_arn_shape(const DynamoCall& call, const char* operation) {
  if (!param_present(call.params, "ResourceArn")) return validation("Invalid TableArn");
  const std::string arn = param_str(call.params, "ResourceArn");
  static const std::regex kArnShape(R"(^.+:.+:.+:.+:.+:.+/.+$)");
  if (!std::regex_match(arn, kArnShape)) {
    return dynamodb_errors::access_denied("User: arn:aws:iam::" + call.account + ":root is not authorized to perform: dynamodb:" +
                                          operation + " on resource: " + (arn.empty() ? "*" : arn));
  }
  return std::nullopt;
}

// The table a well-formed table ARN names, in the caller's account and region; null when none.
std::optional<ApiError> table_arn_problem(const std::string& arn) {
  static const std::regex kTableArn(R"(^arn:aws:dynamodb:.+:\d+:table/[^/]{2}[^/]+$)");
  if (!std::regex_match(arn, kTableArn)) return validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
  return std::nullopt;
}

ApiError arn_not_found(const std::string& arn) {
  return dynamodb_errors::not_found("Requested resource not found: ResourcArn: " + arn + " not found");
}

nlohmann::json ttl_description(const TableMeta& m) {
  nlohmann::json d = {{"TimeToLiveStatus", m.ttl_enabled ? "ENABLED" : "DISABLED"}};
  if (m.ttl_enabled) d["AttributeName"] = m.ttl_attribute;
  return d;
}

}  // namespace

std::shared_ptr<Table> table_of_arn(DynamoCall& call, const std::string& arn) {
  const auto address = parse_table_arn(arn);
  if (!address || address->region != call.region || address->account != call.account) return nullptr;
  return call.tables.find(address->name, call.now);
}

ApiResult update_time_to_live(DynamoCall& call) {
  const std::string name = param_str(call.params, "TableName");
  const nlohmann::json& spec = param_json(call.params, "TimeToLiveSpecification");
  auto table = call.tables.find(name, call.now);
  if (!table) return dynamodb_errors::table_not_found(name);
  std::unique_lock lock(table->mutex);
  TableMeta& m = table->meta;
  const bool enable = lenient_bool(param_json(spec, "Enabled"));
  const std::string attribute = param_str(spec, "AttributeName");
  if (enable && m.ttl_enabled) return validation("TimeToLive is already enabled");
  if (!enable && !m.ttl_enabled) return validation("TimeToLive is already disabled");
  if (!enable && attribute != m.ttl_attribute) {
    return validation("TimeToLive is active on a different AttributeName: current AttributeName is " + m.ttl_attribute);
  }
  m.ttl_enabled = enable;
  m.ttl_attribute = enable ? attribute : std::string();
  m.ttl_changed = call.now;
  ApiResponse r;
  r.body["TimeToLiveSpecification"] = {{"Enabled", enable}, {"AttributeName", attribute}};
  return r;
}

ApiResult describe_time_to_live(DynamoCall& call) {
  const std::string name = param_str(call.params, "TableName");
  auto table = call.tables.find(name, call.now);
  if (!table) return dynamodb_errors::table_not_found(name);
  std::shared_lock lock(table->mutex);
  ApiResponse r;
  r.body["TimeToLiveDescription"] = ttl_description(table->meta);
  return r;
}

ApiResult tag_resource(DynamoCall& call) {
  if (auto e = check_arn_shape(call, "TagResource")) return *e;
  if (!param_present(call.params, "Tags")) {
    return validation("1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null");
  }
  const std::string arn = param_str(call.params, "ResourceArn");
  if (auto e = table_arn_problem(arn)) return *e;
  const nlohmann::json& tags = param_json(call.params, "Tags");
  if (tags.empty()) return validation("Atleast one Tag needs to be provided as Input.");
  auto table = table_of_arn(call, arn);
  if (!table) return arn_not_found(arn);
  std::unique_lock lock(table->mutex);
  if (auto e = add_table_tags(table->meta.tags, tags)) return validation(*e);
  return ApiResponse{};
}

ApiResult untag_resource(DynamoCall& call) {
  if (auto e = check_arn_shape(call, "UntagResource")) return *e;
  if (!param_present(call.params, "TagKeys")) {
    return validation("1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null");
  }
  const std::string arn = param_str(call.params, "ResourceArn");
  if (auto e = table_arn_problem(arn)) return *e;
  const nlohmann::json& keys = param_json(call.params, "TagKeys");
  if (keys.empty()) return validation("Atleast one Tag Key needs to be provided as Input.");
  auto table = table_of_arn(call, arn);
  if (!table) return dynamodb_errors::not_found();
  std::unique_lock lock(table->mutex);
  auto& existing = table->meta.tags;
  for (const auto& k : keys) {
    const std::string key = k.is_string() ? k.get<std::string>() : std::string();
    existing.erase(std::remove_if(existing.begin(), existing.end(), [&](const auto& t) { return t.first == key; }), existing.end());
  }
  return ApiResponse{};
}

ApiResult list_tags_of_resource(DynamoCall& call) {
  if (auto e = check_arn_shape(call, "ListTagsOfResource")) return *e;
  const std::string arn = param_str(call.params, "ResourceArn");
  if (auto e = table_arn_problem(arn)) return *e;
  auto table = table_of_arn(call, arn);
  if (!table) return arn_not_found(arn);
  std::shared_lock lock(table->mutex);
  ApiResponse r;
  r.body["Tags"] = nlohmann::json::array();
  for (const auto& [key, value] : table->meta.tags) r.body["Tags"].push_back({{"Key", key}, {"Value", value}});
  return r;
}

}  // namespace chokepoint
