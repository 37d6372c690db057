#include "services/dynamodb/declared_tables.hpp"

#include "services/dynamodb/control_handlers.hpp"

namespace chokepoint {

namespace {

void add_definition(nlohmann::json& definitions, const DynamoDbKeyDecl& key) {
  for (const auto& d : definitions) {
    if (d["AttributeName"] == key.name) return;
  }
  definitions.push_back({{"AttributeName", key.name}, {"AttributeType", key.type}});
}

nlohmann::json key_schema(const DynamoDbKeyDecl& hash, const std::optional<DynamoDbKeyDecl>& range) {
  nlohmann::json schema = nlohmann::json::array({{{"AttributeName", hash.name}, {"KeyType", "HASH"}}});
  if (range) schema.push_back({{"AttributeName", range->name}, {"KeyType", "RANGE"}});
  return schema;
}

nlohmann::json index_params(const DynamoDbIndexDecl& index, const DynamoDbKeyDecl& hash, bool provisioned) {
  nlohmann::json out = {{"IndexName", index.name},
                        {"KeySchema", key_schema(hash, index.range_key)},
                        {"Projection", {{"ProjectionType", index.projection}}}};
  if (!index.non_key_attributes.empty()) out["Projection"]["NonKeyAttributes"] = index.non_key_attributes;
  if (provisioned) {
    out["ProvisionedThroughput"] = {{"ReadCapacityUnits", index.read_capacity}, {"WriteCapacityUnits", index.write_capacity}};
  }
  return out;
}

}  // namespace

nlohmann::json create_table_params(const DynamoDbTableDecl& decl) {
  const bool provisioned = decl.billing_mode == "PROVISIONED";
  nlohmann::json p = {{"TableName", decl.name}, {"BillingMode", decl.billing_mode}};
  nlohmann::json definitions = nlohmann::json::array();
  add_definition(definitions, decl.hash_key);
  if (decl.range_key) add_definition(definitions, *decl.range_key);
  p["KeySchema"] = key_schema(decl.hash_key, decl.range_key);
  if (provisioned) {
    p["ProvisionedThroughput"] = {{"ReadCapacityUnits", decl.read_capacity}, {"WriteCapacityUnits", decl.write_capacity}};
  }
  if (!decl.global_secondary_indexes.empty()) {
    p["GlobalSecondaryIndexes"] = nlohmann::json::array();
    for (const auto& index : decl.global_secondary_indexes) {
      add_definition(definitions, index.hash_key);
      if (index.range_key) add_definition(definitions, *index.range_key);
      p["GlobalSecondaryIndexes"].push_back(index_params(index, index.hash_key, provisioned));
    }
  }
  if (!decl.local_secondary_indexes.empty()) {
    p["LocalSecondaryIndexes"] = nlohmann::json::array();
    for (const auto& index : decl.local_secondary_indexes) {
      if (index.range_key) add_definition(definitions, *index.range_key);
      p["LocalSecondaryIndexes"].push_back(index_params(index, decl.hash_key, false));
    }
  }
  p["AttributeDefinitions"] = definitions;
  return p;
}

std::shared_ptr<Table> declared_table(const DynamoDbTableDecl& decl, const DynamoCall& call) {
  auto made = new_table(create_table_params(decl), call);
  auto* table = std::get_if<std::shared_ptr<Table>>(&made);
  if (!table) return nullptr;
  (*table)->meta.lifecycle = Lifecycle{TableStatus::kActive, call.now};
  for (auto& g : (*table)->meta.global_indexes) g.lifecycle = Lifecycle{TableStatus::kActive, call.now};
  return *table;
}

}  // namespace chokepoint
