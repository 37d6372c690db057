#include "services/dynamodb/item_operations.hpp"

#include "common/json_text.hpp"
#include "services/dynamodb/attribute_json.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/legacy_parameters.hpp"

namespace chokepoint {

ReturnValues parse_return_values(const nlohmann::json& params) {
  const std::string v = param_str(params, "ReturnValues");
  if (v == "ALL_OLD") return ReturnValues::kAllOld;
  if (v == "UPDATED_OLD") return ReturnValues::kUpdatedOld;
  if (v == "ALL_NEW") return ReturnValues::kAllNew;
  if (v == "UPDATED_NEW") return ReturnValues::kUpdatedNew;
  return ReturnValues::kNone;
}

std::string param_str(const nlohmann::json& params, const char* key) {
  const auto it = params.find(key);
  return it != params.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const nlohmann::json& param_json(const nlohmann::json& params, const char* key) {
  static const nlohmann::json kNull;
  const auto it = params.find(key);
  return it == params.end() ? kNull : *it;
}

bool param_present(const nlohmann::json& params, const char* key) {
  const auto it = params.find(key);
  return it != params.end() && !it->is_null();
}

Result<std::shared_ptr<Table>> data_table(DynamoCall& call, const std::string& name) {
  auto table = call.tables.find(name, call.now);
  if (!table) return dynamodb_errors::not_found();
  return table;
}

Problem check_all_old_or_none(const nlohmann::json& params) {
  const std::string rv = param_str(params, "ReturnValues");
  if (!rv.empty() && rv != "ALL_OLD" && rv != "NONE") return "ReturnValues can only be ALL_OLD or NONE";
  return {};
}

Result<ItemWrite> item_write(DynamoCall& call, CompiledExpressions& compiled) {
  auto found = data_table(call, param_str(call.params, "TableName"));
  if (!found) return std::move(found).error();
  ItemWrite write;
  write.table = std::move(*found);
  write.condition = compiled.condition ? std::move(compiled.condition) : expected_condition(call.params);
  write.return_old = parse_return_values(call.params) == ReturnValues::kAllOld;
  return write;
}

bool table_usable(const Table& table, TimePoint now) {
  const TableStatus status = table.meta.lifecycle.at(now);
  return status != TableStatus::kCreating && status != TableStatus::kDeleting;
}

Problem nested_key_problem(const std::set<std::string>& nested_heads, const TableSchema& schema) {
  const std::string prefix = "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: ";
  if (nested_heads.count(schema.key.hash.name)) return prefix + "Key: " + schema.key.hash.name;
  if (schema.key.range && nested_heads.count(schema.key.range->name)) return prefix + "Key: " + schema.key.range->name;
  for (const auto& index : schema.indexes) {
    for (const KeyAttribute* attr : index.key.parts()) {
      if ((index.global || attr != &index.key.hash) && nested_heads.count(attr->name)) return prefix + "IndexKey: " + attr->name;
    }
  }
  return {};
}

void record_write(TableUsage& usage, const Table& table, uint64_t token, uint64_t old_bytes, uint64_t new_bytes,
                  const std::vector<IndexWrite>& index_writes, bool transactional) {
  usage.add_table(token, write_units(std::max(old_bytes, new_bytes), transactional));
  for (std::size_t i = 0; i < index_writes.size() && i < table.indexes.size(); ++i) {
    const IndexWrite& w = index_writes[i];
    if (w.operations == 0) continue;
    const IndexSchema& schema = table.indexes[i].schema();
    // A local index shares the table's partitions (its partition key is the table's).
    usage.add_index(schema.global, schema.name, static_cast<int>(i), schema.global ? w.token : token,
                    write_units(w.entry_bytes, transactional) * w.operations);
  }
}

ApiError condition_failed(const nlohmann::json& params, const PackedItem& old_item) {
  ApiError e = dynamodb_errors::conditional_failed();
  if (param_str(params, "ReturnValuesOnConditionCheckFailure") == "ALL_OLD" && !old_item.empty()) {
    e.extra["Item"] = attrs_to_json(old_item.unpack());
  }
  return e;
}

std::string write_response(const AttrMap* attributes, const PackedItem* packed_attributes, const DynamoCall& call) {
  std::string body;
  JsonObjectWriter response(body);
  if (packed_attributes && !packed_attributes->empty()) packed_attributes->append_json(response.key("Attributes"));
  if (attributes && !attributes->empty()) append_attrs_json(response.key("Attributes"), *attributes);
  append_consumed_capacity(response, call.capacity, parse_return_capacity(param_str(call.params, "ReturnConsumedCapacity")));
  response.close();
  return body;
}

}  // namespace chokepoint
