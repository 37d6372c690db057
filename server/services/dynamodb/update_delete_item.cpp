// UpdateItem and DeleteItem.
#include <algorithm>
#include <mutex>

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
#include "services/dynamodb/update_eval.hpp"

namespace chokepoint {

namespace {

using dynamodb_errors::validation;

Problem check_attribute_updates(const nlohmann::json& updates) {
  if (!updates.is_object()) return {};
  for (const auto& [key, update] : updates.items()) {
    const std::string action = param_str(update, "Action");
    const bool has_value = param_present(update, "Value");
    AttrValue value;
    if (has_value) {
      if (auto e = attr_from_json(update["Value"], value); !e.empty()) return e;
    }
    if (!has_value && action != "DELETE") {
      return std::string(kInvalidParameterValues) +
             "Only DELETE action is allowed when no attribute value is specified";
    }
    if (has_value && action == "DELETE" && !is_set_type(value.type())) {
      return std::string(kInvalidParameterValues) + "DELETE action with value is not supported for the type " +
             std::string(attr_type_name(value.type()));
    }
    if (has_value && action == "ADD" && !is_set_type(value.type()) && value.type() != AttrType::kN &&
        value.type() != AttrType::kL) {
      return std::string(kInvalidParameterValues) + "ADD action is not supported for the type " +
             std::string(attr_type_name(value.type()));
    }
  }
  return {};
}

Problem check_update_request(const nlohmann::json& params, AttrMap& key, CompiledExpressions& compiled) {
  if (auto e = check_expression_style(params, {"UpdateExpression", "ConditionExpression"},
                                      {"AttributeUpdates", "Expected", "ConditionalOperator"})) {
    return e;
  }
  if (auto e = check_conditional_operator(params, "Expected")) return e;
  if (auto e = attrs_from_json(param_json(params, "Key"), key); !e.empty()) return e;
  if (auto e = check_attribute_updates(param_json(params, "AttributeUpdates"))) return e;
  if (param_present(params, "Expected")) {
    if (auto e = validate_expected(param_json(params, "Expected"))) return e;
  }
  return compile_expressions(params, {"UpdateExpression", "ConditionExpression"}, compiled);
}

// The type a SET gives a top-level attribute when it is known without the item.
std::optional<AttrType> static_type(const Operand& value) {
  if (value.kind == Operand::Kind::kValue && value.value) return value.value->type();
  if (value.kind == Operand::Kind::kPlus || value.kind == Operand::Kind::kMinus) return AttrType::kN;
  if (value.kind == Operand::Kind::kFunction && value.function == "list_append") return AttrType::kL;
  if (value.kind == Operand::Kind::kFunction && value.function == "if_not_exists" && value.args.size() == 2) {
    return static_type(value.args[1]);
  }
  return std::nullopt;
}

// The type an action gives a top-level attribute when it is known without the item.
std::optional<AttrType> action_type(const UpdateAction& a) {
  if (a.kind == UpdateAction::Kind::kRemove) return std::nullopt;
  return static_type(a.value);
}

Problem check_update_against_schema(const UpdateExpression& update, const CompiledExpressions& compiled,
                                    const TableSchema& schema) {
  for (const auto& a : update.actions) {
    if (schema.key.has(a.path.head())) {
      return std::string(kInvalidParameterValues) + "Cannot update attribute " + a.path.head() +
             ". This attribute is part of the key";
    }
  }
  for (bool global : {true, false}) {
    for (const auto& index : schema.indexes) {
      if (index.global != global) continue;
      for (const KeyAttribute* attr : index.key.parts()) {
        if (!attr || (!global && attr == &index.key.hash)) continue;
        for (const auto& a : update.actions) {
          if (a.path.elements.size() != 1 || a.path.head() != attr->name) continue;
          const auto t = action_type(a);
          if (t && *t != attr->type) {
            return std::string(kInvalidParameterValues) + "Type mismatch for Index Key " + attr->name +
                   " Expected: " + std::string(attr_type_name(attr->type)) +
                   " Actual: " + std::string(attr_type_name(*t)) + " IndexName: " + index.name;
          }
        }
      }
    }
  }
  return nested_key_problem(compiled.nested_heads, schema);
}

// After an update, index key attributes must still have their declared types.
bool index_keys_typed(const AttrMap& item, const TableSchema& schema) {
  for (const auto& index : schema.indexes) {
    for (const KeyAttribute* attr : index.key.parts()) {
      if (!attr) continue;
      const AttrValue* v = item.find(attr->name);
      if (v && v->type() != attr->type) return false;
    }
  }
  return true;
}

AttrMap returned_attributes(ReturnValues rv, const AttrMap& old_item, const AttrMap& new_item, bool existed,
                            const UpdateExpression& update) {
  switch (rv) {
    case ReturnValues::kAllOld:
      return existed ? old_item : AttrMap{};
    case ReturnValues::kUpdatedOld:
      return existed ? project_item(old_item, updated_paths(update)) : AttrMap{};
    case ReturnValues::kAllNew:
      return new_item;
    case ReturnValues::kUpdatedNew:
      return project_item(new_item, updated_paths(update));
    case ReturnValues::kNone:
      break;
  }
  return {};
}

}  // namespace

ApiResult update_item(DynamoCall& call) {
  AttrMap key;
  CompiledExpressions compiled;
  if (auto e = check_update_request(call.params, key, compiled)) return validation(*e);
  const UpdateExpression update =
      compiled.update ? *compiled.update : attribute_updates(param_json(call.params, "AttributeUpdates"));
  std::optional<Condition> condition =
      compiled.condition ? std::move(compiled.condition) : expected_condition(call.params);
  auto found = data_table(call, param_str(call.params, "TableName"));
  if (!found) return found.error();
  Table& table = **found;

  AttrMap attributes;
  {
    std::unique_lock lock(table.mutex);
    if (!table_usable(table, call.now)) return dynamodb_errors::not_found();
    const TableSchema& schema = table.meta.schema;
    if (auto e = validate_key(key, schema.key)) return validation(*e);
    if (auto e = check_update_against_schema(update, compiled, schema)) return validation(*e);
    const StoreKey store = store_key(key, schema.key);
    const PackedItem* existing = table.items.find(store);
    if (auto e = admit_write(call, table, store, write_units(0), write_units(0), existing, nullptr)) return *e;
    const AttrMap old_item = existing ? existing->unpack() : AttrMap{};
    TableUsage& usage = call.capacity.table(table.meta.name, true);
    if (condition && !evaluate_condition(*condition, old_item)) {
      usage.add_table(store.token, write_units(existing ? existing->size_bytes() : 0));
      return condition_failed(call.params, existing ? *existing : PackedItem{});
    }
    if (!existing && only_takes_away(update)) {
      // Nothing to remove from an item that does not exist: DynamoDB writes nothing and returns no attributes.
      usage.add_table(store.token, write_units(0));
      return json_text_response(write_response(&attributes, nullptr, call));
    }
    AttrMap new_item = existing ? old_item : key;
    if (auto e = apply_update(update, new_item); !e.empty()) return validation(e);
    if (item_size(new_item) > kMaxItemBytes)
      return validation("Item size to update has exceeded the maximum allowed size");
    if (!index_keys_typed(new_item, schema)) {
      return validation("The update expression attempted to update the secondary index key to unsupported type");
    }
    attributes = returned_attributes(parse_return_values(call.params), old_item, new_item, existing != nullptr, update);
    PackedItem packed = table.pack(new_item);
    std::vector<IndexWrite> index_writes;
    const PackedItem old = table.write(store, packed, call.now, &index_writes);
    record_write(usage, table, store.token, old.size_bytes(), packed.size_bytes(), index_writes);
  }
  return json_text_response(write_response(&attributes, nullptr, call));
}

ApiResult delete_item(DynamoCall& call) {
  AttrMap key;
  CompiledExpressions compiled;
  {
    Problem e = check_expression_style(call.params, {"ConditionExpression"}, {"Expected", "ConditionalOperator"});
    if (!e) e = check_conditional_operator(call.params, "Expected");
    if (!e) {
      if (std::string key_problem = attrs_from_json(param_json(call.params, "Key"), key); !key_problem.empty()) {
        e = std::move(key_problem);
      }
    }
    if (!e) e = check_all_old_or_none(call.params);
    if (!e && param_present(call.params, "Expected")) e = validate_expected(param_json(call.params, "Expected"));
    if (!e) e = compile_expressions(call.params, {"ConditionExpression"}, compiled);
    if (e) return validation(*e);
  }
  auto prepared = item_write(call, compiled);
  if (!prepared) return std::move(prepared).error();
  auto& [table_ptr, condition, return_old] = *prepared;
  Table& table = *table_ptr;

  PackedItem old;
  {
    std::unique_lock lock(table.mutex);
    if (!table_usable(table, call.now)) return dynamodb_errors::not_found();
    const TableSchema& schema = table.meta.schema;
    if (auto e = validate_key(key, schema.key)) return validation(*e);
    const StoreKey store = store_key(key, schema.key);
    const PackedItem* existing = table.items.find(store);
    if (auto e = admit_write(call, table, store, write_units(0), write_units(0), existing, nullptr)) return *e;
    TableUsage& usage = call.capacity.table(table.meta.name, true);
    if (condition) {
      std::vector<std::string> heads;
      collect_condition_heads(*condition, heads);
      if (!evaluate_condition(*condition, existing ? existing->unpack_some(heads) : AttrMap{})) {
        usage.add_table(store.token, write_units(existing ? existing->size_bytes() : 0));
        return condition_failed(call.params, existing ? *existing : PackedItem{});
      }
    }
    std::vector<IndexWrite> index_writes;
    old = existing ? table.write(store, PackedItem{}, call.now, &index_writes) : PackedItem{};
    record_write(usage, table, store.token, old.size_bytes(), 0, index_writes);
  }
  return json_text_response(write_response(nullptr, return_old ? &old : nullptr, call));
}

}  // namespace chokepoint
