#include "services/cloudformation/dynamodb_table_requests.hpp"

#include <set>

#include "services/cloudformation/intrinsic_functions.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

// Template values arrive as text when they come from parameters; DynamoDB wants numbers and booleans.
void normalize(json& value) {
  static const std::set<std::string> kNumbers = {"ReadCapacityUnits",    "WriteCapacityUnits", "MaxReadRequestUnits",
                                                 "MaxWriteRequestUnits", "ReadUnitsPerSecond", "WriteUnitsPerSecond"};
  static const std::set<std::string> kBooleans = {"DeletionProtectionEnabled", "SSEEnabled", "Enabled",
                                                  "PointInTimeRecoveryEnabled", "StreamEnabled"};
  if (value.is_array()) {
    for (auto& item : value) normalize(item);
    return;
  }
  if (!value.is_object()) return;
  for (auto& [key, v] : value.items()) {
    if (kNumbers.count(key) && v.is_string()) {
      try {
        v = std::stoll(v.get<std::string>());
      } catch (const std::exception&) {
      }  // left as is: DynamoDB answers with its own validation error
    } else if (kBooleans.count(key) && v.is_string()) {
      if (v == "true" || v == "false") v = v == "true";
    } else {
      normalize(v);
    }
  }
}

json stream_specification(const json& props) {
  if (!props.contains("StreamSpecification")) return json();
  json spec = props["StreamSpecification"];
  spec["StreamEnabled"] = true;
  spec.erase("ResourcePolicy");
  return spec;
}

json field(const json& props, const std::string& key) {
  return props.is_object() && props.contains(key) ? props[key] : json();
}

bool flag(const json& object, const std::string& key) {
  return field(object, key) == true;
}

std::map<std::string, json> indexes_by_name(const json& props) {
  std::map<std::string, json> out;
  for (const auto& gsi :
       field(props, "GlobalSecondaryIndexes").is_array() ? props["GlobalSecondaryIndexes"] : json::array()) {
    out[scalar_string(field(gsi, "IndexName")).value_or("")] = gsi;
  }
  return out;
}

void add_index_updates(const std::string& table, const json& before, const json& after, std::vector<json>& out) {
  const auto old_indexes = indexes_by_name(before), new_indexes = indexes_by_name(after);
  for (const auto& [name, gsi] : old_indexes) {
    if (!new_indexes.count(name)) {
      out.push_back({{"TableName", table}, {"GlobalSecondaryIndexUpdates", {{{"Delete", {{"IndexName", name}}}}}}});
    }
  }
  for (const auto& [name, gsi] : new_indexes) {
    const auto old = old_indexes.find(name);
    json entry;
    if (old == old_indexes.end()) {
      entry = {{"Create", gsi}};
    } else if (field(old->second, "ProvisionedThroughput") != field(gsi, "ProvisionedThroughput") &&
               gsi.contains("ProvisionedThroughput")) {
      entry = {{"Update", {{"IndexName", name}, {"ProvisionedThroughput", gsi["ProvisionedThroughput"]}}}};
    } else {
      continue;
    }
    json request = {{"TableName", table}, {"GlobalSecondaryIndexUpdates", json::array({entry})}};
    if (entry.contains("Create")) request["AttributeDefinitions"] = field(after, "AttributeDefinitions");
    out.push_back(std::move(request));
  }
}

}  // namespace

json create_table_request(const std::string& table_name, const json& props) {
  json request = json::object();
  for (const char* key : {"AttributeDefinitions", "KeySchema", "BillingMode", "ProvisionedThroughput",
                          "GlobalSecondaryIndexes", "LocalSecondaryIndexes", "SSESpecification", "Tags", "TableClass",
                          "DeletionProtectionEnabled", "OnDemandThroughput", "WarmThroughput"}) {
    if (props.contains(key)) request[key] = props[key];
  }
  if (auto stream = stream_specification(props); !stream.is_null()) request["StreamSpecification"] = stream;
  request["TableName"] = table_name;
  normalize(request);
  return request;
}

std::vector<json> update_table_requests(const std::string& table, const json& before, const json& after) {
  std::vector<json> out;
  json table_update = {{"TableName", table}};
  for (const char* key : {"BillingMode", "ProvisionedThroughput", "SSESpecification", "TableClass",
                          "DeletionProtectionEnabled", "OnDemandThroughput", "WarmThroughput"}) {
    if (field(before, key) != field(after, key) && after.contains(key)) table_update[key] = after[key];
  }
  if (field(before, "StreamSpecification") != field(after, "StreamSpecification")) {
    json stream = stream_specification(after);
    table_update["StreamSpecification"] = stream.is_null() ? json{{"StreamEnabled", false}} : stream;
  }
  if (table_update.size() > 1) out.push_back(table_update);
  add_index_updates(table, before, after, out);
  for (auto& request : out) normalize(request);
  return out;
}

json time_to_live_request(const std::string& table, const json& before, const json& after) {
  json spec = field(after, "TimeToLiveSpecification"), old = field(before, "TimeToLiveSpecification");
  normalize(spec);
  normalize(old);
  if (spec == old) return json();
  if (spec.is_null()) {
    if (!flag(old, "Enabled")) return json();
    spec = {{"AttributeName", field(old, "AttributeName")}, {"Enabled", false}};
  }
  if (!flag(spec, "Enabled") && !flag(old, "Enabled")) return json();
  return {{"TableName", table}, {"TimeToLiveSpecification", spec}};
}

json point_in_time_request(const std::string& table, const json& before, const json& after) {
  json spec = field(after, "PointInTimeRecoverySpecification"), old = field(before, "PointInTimeRecoverySpecification");
  normalize(spec);
  normalize(old);
  const bool want = flag(spec, "PointInTimeRecoveryEnabled");
  const bool had = flag(old, "PointInTimeRecoveryEnabled");
  if (want == had) return json();
  return {{"TableName", table}, {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", want}}}};
}

bool table_is_active(const json& response) {
  const json table = field(response, "Table");
  if (field(table, "TableStatus") != "ACTIVE") return false;
  for (const auto& gsi :
       field(table, "GlobalSecondaryIndexes").is_array() ? table["GlobalSecondaryIndexes"] : json::array()) {
    if (gsi.contains("IndexStatus") && gsi["IndexStatus"] != "ACTIVE") return false;
  }
  return true;
}

}  // namespace chokepoint
