// GetItem and PutItem.
#include <mutex>
#include <shared_mutex>

#include "common/json_text.hpp"
#include "common/problem.hpp"
#include "services/dynamodb/attribute_json.hpp"
#include "services/dynamodb/capacity_admission.hpp"
#include "services/dynamodb/condition_eval.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_handlers.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/item_size.hpp"
#include "services/dynamodb/key_codec.hpp"
#include "services/dynamodb/legacy_parameters.hpp"
#include "services/dynamodb/projection.hpp"
#include "services/dynamodb/request_expressions.hpp"

namespace chokepoint {

namespace {

using dynamodb_errors::validation;

// The paths a read returns: ProjectionExpression or AttributesToGet; nullopt for the whole item.
std::optional<std::vector<DocumentPath>> requested_paths(const nlohmann::json& params, const CompiledExpressions& compiled) {
  if (compiled.projection) return compiled.projection->paths;
  if (param_present(params, "AttributesToGet")) return attributes_to_get(param_json(params, "AttributesToGet")).paths;
  return std::nullopt;
}

void append_projected(std::string& out, const PackedItem& item, const std::optional<std::vector<DocumentPath>>& paths) {
  if (!paths) {
    item.append_json(out);
  } else if (all_top_level(*paths)) {
    item.append_json(out, path_heads(*paths));
  } else {
    append_attrs_json(out, project_item(item.unpack_some(path_heads(*paths)), *paths));
  }
}

// Checks that need no table, in DynamoDB's order. Returns the message, or none.
Problem check_get_request(const nlohmann::json& params, AttrMap& key, CompiledExpressions& compiled) {
  if (auto e = check_expression_style(params, {"ProjectionExpression"}, {"AttributesToGet"})) return e;
  if (auto e = attrs_from_json(param_json(params, "Key"), key); !e.empty()) return e;
  if (param_present(params, "AttributesToGet")) {
    if (auto e = duplicate_attribute_name(param_json(params, "AttributesToGet"))) return e;
  }
  return compile_expressions(params, {"ProjectionExpression"}, compiled);
}

Problem check_put_request(const nlohmann::json& params, AttrMap& item, CompiledExpressions& compiled) {
  if (auto e = check_expression_style(params, {"ConditionExpression"}, {"Expected", "ConditionalOperator"})) return e;
  if (auto e = check_conditional_operator(params, "Expected")) return e;
  if (auto e = attrs_from_json(param_json(params, "Item"), item); !e.empty()) return e;
  if (auto e = check_all_old_or_none(params)) return e;
  if (item_size(item) > kMaxItemBytes) return "Item size has exceeded the maximum allowed size";
  if (param_present(params, "Expected")) {
    if (auto e = validate_expected(param_json(params, "Expected"))) return e;
  }
  return compile_expressions(params, {"ConditionExpression"}, compiled);
}

}  // namespace

ApiResult get_item(DynamoCall& call) {
  AttrMap key;
  CompiledExpressions compiled;
  if (auto e = check_get_request(call.params, key, compiled)) return validation(*e);
  auto found = data_table(call, param_str(call.params, "TableName"));
  if (!found) return found.error();
  Table& table = **found;
  const auto paths = requested_paths(call.params, compiled);
  const bool consistent = param_present(call.params, "ConsistentRead") && lenient_bool(param_json(call.params, "ConsistentRead"));

  std::string body;
  JsonObjectWriter response(body);
  {
    std::shared_lock lock(table.mutex);
    if (!table_usable(table, call.now)) return dynamodb_errors::not_found();
    const TableSchema& schema = table.meta.schema;
    if (auto e = validate_key(key, schema.key)) return validation(*e);
    if (auto e = nested_key_problem(compiled.nested_heads, schema)) return validation(*e);
    const StoreKey store = store_key(key, schema.key);
    const ReadMode mode = consistent ? ReadMode::kStrong : ReadMode::kEventual;
    if (auto e = admit_read(call, table, -1, store, read_units(0, mode))) return *e;
    const PackedItem* item = table.items.find(store);
    if (item) append_projected(response.key("Item"), *item, paths);
    call.capacity.table(table.meta.name, false).add_table(store.token, read_units(item ? item->size_bytes() : 0, mode));
  }
  append_consumed_capacity(response, call.capacity, parse_return_capacity(param_str(call.params, "ReturnConsumedCapacity")));
  response.close();
  return json_text_response(std::move(body));
}

ApiResult put_item(DynamoCall& call) {
  AttrMap item;
  CompiledExpressions compiled;
  if (auto e = check_put_request(call.params, item, compiled)) return validation(*e);
  auto prepared = item_write(call, compiled);
  if (!prepared) return std::move(prepared).error();
  auto& [table_ptr, condition, return_old] = *prepared;
  Table& table = *table_ptr;

  PackedItem old;
  {
    std::unique_lock lock(table.mutex);
    if (!table_usable(table, call.now)) return dynamodb_errors::not_found();
    const TableSchema& schema = table.meta.schema;
    if (auto e = validate_item_keys(item, schema)) return validation(*e);
    const StoreKey key = store_key(item, schema.key);
    PackedItem packed = table.pack(item);
    const PackedItem* existing = table.items.find(key);
    if (auto e = admit_write(call, table, key, write_units(packed.size_bytes()), write_units(0), existing, &item)) {
      return *e;
    }
    TableUsage& usage = call.capacity.table(table.meta.name, true);
    if (condition) {
      std::vector<std::string> heads;
      collect_condition_heads(*condition, heads);
      if (!evaluate_condition(*condition, existing ? existing->unpack_some(heads) : AttrMap{})) {
        usage.add_table(key.token, write_units(existing ? packed.size_bytes() : 0));
        return condition_failed(call.params, existing ? *existing : PackedItem{});
      }
    }
    std::vector<IndexWrite> index_writes;
    old = table.write(key, packed, call.now, &index_writes);
    record_write(usage, table, key.token, old.size_bytes(), packed.size_bytes(), index_writes);
  }
  return json_text_response(write_response(nullptr, return_old ? &old : nullptr, call));
}

}  // namespace chokepoint
