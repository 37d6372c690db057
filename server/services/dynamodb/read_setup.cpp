#include "services/dynamodb/read_setup.hpp"


#include "services/dynamodb/attribute_json.hpp"
#include "services/dynamodb/composite_key.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/key_codec.hpp"
#include "services/dynamodb/legacy_parameters.hpp"
#include "services/dynamodb/request_shape.hpp"
#include "common/strings.hpp"

namespace chokepoint {

namespace {

bool needs_no_prefix(const std::string& message) {
  static const char* kBare[] = {"contains duplicates", "number set", "numeric value", "significant digits",
                                "number with magnitude"};
  for (const char* s : kBare) {
    if (message.find(s) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

Problem read_start_key(const nlohmann::json& params, std::optional<AttrMap>& out) {
  const nlohmann::json& esk = param_json(params, "ExclusiveStartKey");
  if (esk.is_null()) return {};
  AttrMap key;
  if (auto e = attrs_from_json(esk, key); !e.empty()) {
    return needs_no_prefix(e) ? e : "The provided starting key is invalid: " + e;
  }
  out = std::move(key);
  return {};
}

std::variant<ReadTarget, std::string> read_target(const nlohmann::json& params, const Table& table, TimePoint now) {
  ReadTarget target;
  const KeySchema& table_key = table.meta.schema.key;
  target.key = &table_key;
  append_unique(target.start_key_names, table_key.hash.name);
  if (table_key.range) append_unique(target.start_key_names, table_key.range->name);
  const std::string index_name = param_str(params, "IndexName");
  if (index_name.empty()) {
    if (param_str(params, "Select") == "ALL_PROJECTED_ATTRIBUTES") {
      return std::string("One or more parameter values were invalid: Select type ALL_PROJECTED_ATTRIBUTES is "
                         "not supported when querying a table without an index");
    }
    return target;
  }
  for (const auto& index : table.indexes) {
    if (index.schema().name != index_name) continue;
    if (index.schema().global && param_present(params, "ConsistentRead") && lenient_bool(param_json(params, "ConsistentRead"))) {
      return std::string("Consistent reads are not supported on global secondary indexes");
    }
    const GlobalIndexState* state = table.meta.global_index(index_name);
    if (state && state->backfilling && state->lifecycle.at(now) == TableStatus::kCreating) {
      return "Cannot read from backfilling global secondary index: " + index_name;
    }
    target.index = &index;
    target.key = &index.schema().key;
    for (const KeyAttribute* a : target.key->parts()) append_unique(target.start_key_names, a->name);
    return target;
  }
  return "The table does not have the specified index: " + index_name;
}

namespace {

// Select and the projection parameters must agree, as DynamoDB checks them in Query and Scan.
Problem check_select(const std::string& select, const nlohmann::json& params, bool has_projection_expression) {
  const bool has_attributes_to_get = param_present(params, "AttributesToGet");
  const char* given = has_projection_expression ? "ProjectionExpression" : "AttributesToGet";
  const bool projects = has_projection_expression || has_attributes_to_get;
  if (select == "SPECIFIC_ATTRIBUTES" && !projects) {
    return "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES";
  }
  if (!projects) return {};
  if (select == "COUNT") return std::string("Cannot specify the ") + given + " when choosing to get only the Count";
  if (select == "ALL_ATTRIBUTES" || select == "ALL_PROJECTED_ATTRIBUTES") {
    return std::string("Cannot specify the ") + given + " when choosing to get " + select;
  }
  return {};
}

}  // namespace

Problem make_read_plan(const nlohmann::json& params, const Table& table, const ReadTarget& target,
                       CompiledExpressions& compiled, ReadPlan& plan) {
  plan.index = target.index;
  plan.start_key_names = target.start_key_names;
  plan.consistent = param_present(params, "ConsistentRead") && lenient_bool(param_json(params, "ConsistentRead"));
  const std::string select = param_str(params, "Select");
  if (auto e = check_select(select, params, compiled.projection.has_value())) return e;
  plan.count_only = select == "COUNT";
  if (param_present(params, "Limit")) plan.limit = std::max<long long>(1, shape_integer(param_json(params, "Limit")));
  if (compiled.projection) {
    plan.paths = compiled.projection->paths;
  } else if (param_present(params, "AttributesToGet")) {
    plan.paths = attributes_to_get(param_json(params, "AttributesToGet")).paths;
  }
  if (target.index && !target.index->projected().empty()) {
    const bool wants_all = select == "ALL_ATTRIBUTES";
    if (wants_all && target.index->schema().global) {
      return "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global "
             "secondary index " + target.index->schema().name + " because its projection type is not ALL";
    }
    plan.visible = target.index->projected();
    if (!target.index->schema().global) {
      // A local index fetches attributes outside its projection from the table.
      bool outside = wants_all;
      if (plan.paths) {
        for (const auto& p : *plan.paths) {
          if (std::find(plan.visible.begin(), plan.visible.end(), p.head()) == plan.visible.end()) outside = true;
        }
      }
      if (outside) {
        plan.visible.clear();
        plan.fetch_from_table = true;
      }
    }
  }
  (void)table;
  return {};
}

std::optional<Condition> read_filter(const nlohmann::json& params, CompiledExpressions& compiled, const char* legacy_name) {
  if (compiled.filter) return std::move(compiled.filter);
  return legacy_filter(param_json(params, legacy_name), param_json(params, "ConditionalOperator"));
}

Problem check_start_attribute(const AttrMap& start, const KeyAttribute& attr) {
  const AttrValue* v = start.find(attr.name);
  if (!v) return "The provided starting key is invalid";
  AttrMap piece;
  piece.set(attr.name, *v);
  KeySchema single;
  single.hash = attr;
  return validate_key(piece, single);
}

StoreKey start_store_key(const AttrMap& start, const Table& table) { return store_key(start, table.meta.schema.key); }

IndexKey start_index_key(const AttrMap& start, const Table& table, const IndexStore& index) {
  IndexKey key;
  const KeySchema& k = index.schema().key;
  if (k.composite()) {
    // The start key's attributes were checked against the schema: all present and well typed.
    std::vector<AttrValue> hash, range;
    for (const auto& a : k.hash_parts()) hash.push_back(*start.find(a.name));
    for (const auto& a : k.range_parts()) range.push_back(*start.find(a.name));
    key.hash = key_part_bytes(hash);
    key.token = key_part_token(hash);
    if (!range.empty()) key.range = key_part_bytes(range);
  } else {
    if (const AttrValue* h = start.find(k.hash.name)) {
      key.hash = key_bytes(*h);
      key.token = partition_token(*h);
    }
    if (k.range) {
      if (const AttrValue* r = start.find(k.range->name)) key.range = key_bytes(*r);
    }
  }
  const KeySchema& table_key = table.meta.schema.key;
  if (const AttrValue* h = start.find(table_key.hash.name)) {
    const AttrValue* r = table_key.range ? start.find(table_key.range->name) : nullptr;
    key.item_token = partition_token(*h, r);
  }
  key.table_key = start_store_key(start, table);
  return key;
}

Result<OpenRead> open_read(DynamoCall& call) {
  auto found = data_table(call, param_str(call.params, "TableName"));
  if (!found) return std::move(found).error();
  OpenRead open;
  open.table = std::move(*found);
  open.lock = std::shared_lock(open.table->mutex);
  if (!table_usable(*open.table, call.now)) return dynamodb_errors::not_found();
  auto target = read_target(call.params, *open.table, call.now);
  if (auto* e = std::get_if<std::string>(&target)) return dynamodb_errors::validation(*e);
  open.target = std::move(std::get<ReadTarget>(target));
  return open;
}

}  // namespace chokepoint
