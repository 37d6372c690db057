#include "services/dynamodb/table_restore.hpp"

#include <mutex>
#include <set>
#include <string>

#include "services/dynamodb/capacity_quotas.hpp"
#include "services/dynamodb/control_handlers.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/key_codec.hpp"
#include "services/dynamodb/table_capacity.hpp"
#include "services/dynamodb/table_changes.hpp"
#include "services/dynamodb/table_description.hpp"

namespace chokepoint {

namespace {

// ProvisionedThroughput as CreateTable takes it, from a description's (which adds NumberOfDecreasesToday...).
nlohmann::json requested_throughput(const nlohmann::json& described) {
  return {{"ReadCapacityUnits", described.value("ReadCapacityUnits", 0)},
          {"WriteCapacityUnits", described.value("WriteCapacityUnits", 0)}};
}

// An index of the description as CreateTable takes it.
nlohmann::json requested_index(const nlohmann::json& described, bool provisioned) {
  nlohmann::json index = {{"IndexName", described.at("IndexName")},
                          {"KeySchema", described.at("KeySchema")},
                          {"Projection", described.at("Projection")}};
  if (provisioned && described.contains("ProvisionedThroughput")) {
    index["ProvisionedThroughput"] = requested_throughput(described["ProvisionedThroughput"]);
  }
  if (described.contains("OnDemandThroughput")) index["OnDemandThroughput"] = described["OnDemandThroughput"];
  return index;
}

nlohmann::json requested_indexes(const nlohmann::json& described, bool provisioned) {
  nlohmann::json out = nlohmann::json::array();
  if (described.is_array()) {
    for (const auto& index : described) out.push_back(requested_index(index, provisioned));
  }
  return out;
}

// CreateTable refuses attribute definitions no key uses: keep those of the keys the new table has.
nlohmann::json restored_definitions(const nlohmann::json& params, const nlohmann::json& definitions) {
  std::set<std::string> used;
  auto note = [&used](const nlohmann::json& key_schema) {
    for (const auto& element : key_schema) used.insert(element.value("AttributeName", ""));
  };
  note(params["KeySchema"]);
  for (const char* list : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
    if (params.contains(list)) {
      for (const auto& index : params[list]) note(index.value("KeySchema", nlohmann::json::array()));
    }
  }
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : definitions) {
    if (used.count(d.value("AttributeName", ""))) out.push_back(d);
  }
  return out;
}

}  // namespace

nlohmann::json restore_create_params(const nlohmann::json& request, const nlohmann::json& description) {
  nlohmann::json params = {{"TableName", param_str(request, "TargetTableName")},
                           {"KeySchema", description.at("KeySchema")}};
  std::string billing = "PROVISIONED";
  if (description.contains("BillingModeSummary")) billing = description["BillingModeSummary"].value("BillingMode", billing);
  if (param_present(request, "BillingModeOverride")) billing = param_str(request, "BillingModeOverride");
  const bool provisioned = billing == "PROVISIONED";
  params["BillingMode"] = billing;
  if (provisioned) {
    params["ProvisionedThroughput"] = param_present(request, "ProvisionedThroughputOverride")
                                          ? param_json(request, "ProvisionedThroughputOverride")
                                          : requested_throughput(description.value("ProvisionedThroughput", nlohmann::json::object()));
  }
  if (param_present(request, "OnDemandThroughputOverride")) {
    params["OnDemandThroughput"] = param_json(request, "OnDemandThroughputOverride");
  } else if (description.contains("OnDemandThroughput")) {
    params["OnDemandThroughput"] = description["OnDemandThroughput"];
  }
  const nlohmann::json globals = param_present(request, "GlobalSecondaryIndexOverride")
                                     ? param_json(request, "GlobalSecondaryIndexOverride")
                                     : requested_indexes(description.value("GlobalSecondaryIndexes", nlohmann::json()), provisioned);
  const nlohmann::json locals = param_present(request, "LocalSecondaryIndexOverride")
                                    ? param_json(request, "LocalSecondaryIndexOverride")
                                    : requested_indexes(description.value("LocalSecondaryIndexes", nlohmann::json()), false);
  if (!globals.empty()) params["GlobalSecondaryIndexes"] = globals;
  if (!locals.empty()) params["LocalSecondaryIndexes"] = locals;
  params["AttributeDefinitions"] = restored_definitions(params, description.at("AttributeDefinitions"));
  if (param_present(request, "SSESpecificationOverride")) {
    params["SSESpecification"] = param_json(request, "SSESpecificationOverride");
  } else if (description.contains("SSEDescription")) {
    params["SSESpecification"] = {{"Enabled", true}, {"SSEType", description["SSEDescription"].value("SSEType", "KMS")}};
  }
  if (description.contains("TableClassSummary")) params["TableClass"] = description["TableClassSummary"]["TableClass"];
  return params;
}

ApiResult restore_table(DynamoCall& call, const RestoreSource& source) {
  const std::string target = param_str(call.params, "TargetTableName");
  if (call.tables.find(target, call.now)) {
    return make_error("TableAlreadyExistsException", "Table already exists: " + target);
  }
  auto made = new_table(restore_create_params(call.params, source.description), call);
  if (auto* e = std::get_if<std::string>(&made)) return dynamodb_errors::validation(*e);
  auto table = std::get<std::shared_ptr<Table>>(made);
  table->meta.restore_summary = source.summary;
  const std::vector<std::string> key_names = table->meta.schema.key.names();
  for (const PackedItem& item : source.items) {
    table->replay(store_key(item.unpack_some(key_names), table->meta.schema.key), table->pack(item.unpack()));
  }
  table->capacity->sync(*table, call.config.dynamodb.capacity, call.now);
  if (auto e = check_create_quota(call, *table)) return *e;
  if (!call.tables.add(table, call.now)) return make_error("TableAlreadyExistsException", "Table already exists: " + target);
  std::unique_lock lock(table->mutex);
  // In durable mode the table was recorded as it was added; its items follow it.
  if (table->change_log) {
    for (const auto& entry : table->items.items()) table->change_log->append(item_record(*table, entry.second));
  }
  ApiResponse r;
  r.body["TableDescription"] = describe_table_json(*table, call.now, TableStatus::kCreating);
  return r;
}

}  // namespace chokepoint
