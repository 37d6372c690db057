// BatchGetItem (up to 100 keys over any tables) and BatchWriteItem (up to 25 puts/deletes). Each item is
// read or written atomically; the batch as a whole is not.
#include <map>
#include <mutex>
#include <set>
#include <shared_mutex>

#include "common/json_text.hpp"
#include "common/problem.hpp"
#include "services/dynamodb/attribute_json.hpp"
#include "services/dynamodb/capacity_admission.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_handlers.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/item_size.hpp"
#include "services/dynamodb/key_codec.hpp"
#include "services/dynamodb/legacy_parameters.hpp"
#include "services/dynamodb/projection.hpp"
#include "services/dynamodb/request_expressions.hpp"
#include "services/dynamodb/table_capacity.hpp"

namespace chokepoint {

namespace {

using dynamodb_errors::validation;

// DynamoDB stops filling a BatchGetItem response at about 1 MB (plus the item that crosses it); the rest
// comes back in UnprocessedKeys.
constexpr uint64_t kBatchGetResponseBytes = 1024 * 1024 + 400 * 1024 - 3;

struct TableGets {
  std::string name;
  const nlohmann::json* request = nullptr;
  std::vector<AttrMap> keys;
  CompiledExpressions compiled;
};

// Key order-free identity of a key map, for duplicate detection.
std::string key_identity(const AttrMap& key) {
  std::string id;
  for (const auto& [name, value] : key) {
    id += name + '\0';
    append_attr_json(id, value);
    id += '\0';
  }
  return id;
}

Problem check_gets(const nlohmann::json& params, std::vector<TableGets>& tables) {
  std::size_t total = 0;
  for (const auto& [name, request] : param_json(params, "RequestItems").items()) {
    TableGets t;
    t.name = name;
    t.request = &request;
    if (auto e = check_expression_style(request, {"ProjectionExpression"}, {"AttributesToGet"})) return e;
    if (auto e = duplicate_attribute_name(param_json(request, "AttributesToGet"))) return e;
    if (auto e = compile_expressions(request, {"ProjectionExpression"}, t.compiled)) return e;
    std::set<std::string> seen;
    for (const auto& k : param_json(request, "Keys")) {
      AttrMap key;
      if (auto e = attrs_from_json(k, key); !e.empty()) return e;
      if (!seen.insert(key_identity(key)).second) return "Provided list of item keys contains duplicates";
      if (++total > 100) return "Too many items requested for the BatchGetItem call";
      t.keys.push_back(std::move(key));
    }
    tables.push_back(std::move(t));
  }
  return {};
}

void append_unprocessed_keys(std::string& out, const TableGets& t, const std::vector<const AttrMap*>& keys) {
  JsonObjectWriter entry(out);
  std::string& list = entry.key("Keys");
  list.push_back('[');
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i) list.push_back(',');
    append_attrs_json(list, *keys[i]);
  }
  list.push_back(']');
  for (const char* member : {"AttributesToGet", "ConsistentRead", "ProjectionExpression", "ExpressionAttributeNames"}) {
    if (param_present(*t.request, member)) entry.key(member).append(param_json(*t.request, member).dump());
  }
  entry.close();
}

}  // namespace

namespace {

// Keys or requests a batch could not process, and why.
struct Leftovers {
  std::size_t processed = 0;
  std::size_t throttled = 0;
  std::optional<ApiError> first_throttle;  // the answer when nothing at all could be processed

  void throttle(ApiError error) {
    ++throttled;
    if (!first_throttle) first_throttle = std::move(error);
  }
};

// Reads one table's keys into `items` (a JSON array body); keys past the response size limit and keys
// throttled by capacity are returned.
std::vector<const AttrMap*> read_keys(DynamoCall& call, const TableGets& t, Table& table, std::string& items,
                                      uint64_t& total_bytes, Leftovers& leftovers) {
  const bool consistent = param_present(*t.request, "ConsistentRead") && lenient_bool(param_json(*t.request, "ConsistentRead"));
  const ReadMode mode = consistent ? ReadMode::kStrong : ReadMode::kEventual;
  std::optional<std::vector<DocumentPath>> paths;
  if (t.compiled.projection) {
    paths = t.compiled.projection->paths;
  } else if (param_present(*t.request, "AttributesToGet")) {
    paths = attributes_to_get(param_json(*t.request, "AttributesToGet")).paths;
  }
  std::vector<const AttrMap*> left;
  TableUsage& usage = call.capacity.table(t.name, false);
  bool first = true;
  std::shared_lock lock(table.mutex);
  for (const auto& key : t.keys) {
    const StoreKey store = store_key(key, table.meta.schema.key);
    if (auto e = admit_read(call, table, -1, store, read_units(0, mode))) {
      left.push_back(&key);
      leftovers.throttle(std::move(*e));
      continue;
    }
    ++leftovers.processed;
    const PackedItem* item = table.items.find(store);
    if (item && total_bytes + item->size_bytes() > kBatchGetResponseBytes) {
      left.push_back(&key);
      usage.add_table(store.token, read_units(0, mode));
      continue;
    }
    usage.add_table(store.token, read_units(item ? item->size_bytes() : 0, mode));
    if (!item) continue;
    total_bytes += item->size_bytes();
    if (!first) items.push_back(',');
    first = false;
    if (!paths) {
      item->append_json(items);
    } else {
      append_attrs_json(items, project_item(item->unpack_some(path_heads(*paths)), *paths));
    }
  }
  return left;
}

}  // namespace

ApiResult batch_get_item(DynamoCall& call) {
  std::vector<TableGets> gets;
  if (auto e = check_gets(call.params, gets)) return validation(*e);
  std::vector<std::shared_ptr<Table>> tables;
  for (const auto& t : gets) {
    auto table = call.tables.find(t.name, call.now);
    if (!table) return dynamodb_errors::not_found();
    std::shared_lock lock(table->mutex);
    if (!table_usable(*table, call.now)) return dynamodb_errors::not_found();
    for (const auto& key : t.keys) {
      if (auto e = validate_key(key, table->meta.schema.key)) return validation(*e);
    }
    if (auto e = nested_key_problem(t.compiled.nested_heads, table->meta.schema)) return validation(*e);
    tables.push_back(std::move(table));
  }
  std::string body;
  JsonObjectWriter response(body);
  JsonObjectWriter per_table(response.key("Responses"));
  std::string unprocessed;
  JsonObjectWriter unprocessed_tables(unprocessed);
  uint64_t total_bytes = 0;
  Leftovers leftovers;
  std::vector<std::size_t> left_counts(gets.size(), 0);
  for (std::size_t i = 0; i < gets.size(); ++i) {
    std::string& items = per_table.key(gets[i].name);
    items.push_back('[');
    const auto left = read_keys(call, gets[i], *tables[i], items, total_bytes, leftovers);
    items.push_back(']');
    left_counts[i] = left.size();
    if (!left.empty()) append_unprocessed_keys(unprocessed_tables.key(gets[i].name), gets[i], left);
  }
  // Only when no key at all could be read does the whole call fail.
  if (leftovers.processed == 0 && leftovers.first_throttle) return std::move(*leftovers.first_throttle);
  for (std::size_t i = 0; i < gets.size(); ++i) {
    if (left_counts[i] > 0) tables[i]->capacity->count_unprocessed(false, left_counts[i]);
  }
  per_table.close();
  unprocessed_tables.close();
  response.key("UnprocessedKeys").append(unprocessed);
  append_consumed_capacity_list(response, call.capacity, parse_return_capacity(param_str(call.params, "ReturnConsumedCapacity")));
  response.close();
  return json_text_response(std::move(body));
}

namespace {

struct WriteRequest {
  bool put = false;
  AttrMap item;  // the item to put, or the key to delete
};

struct TableWrites {
  std::string name;
  std::vector<WriteRequest> requests;
};

constexpr const char* kAmbiguousRequest =
    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes";

Problem check_writes(const nlohmann::json& params, std::vector<TableWrites>& tables) {
  std::size_t total = 0;
  for (const auto& [name, requests] : param_json(params, "RequestItems").items()) {
    TableWrites t;
    t.name = name;
    for (const auto& r : requests) {
      const bool put = param_present(r, "PutRequest");
      const bool del = param_present(r, "DeleteRequest");
      if (put == del) return kAmbiguousRequest;
      WriteRequest w;
      w.put = put;
      const nlohmann::json& values = put ? param_json(param_json(r, "PutRequest"), "Item") : param_json(param_json(r, "DeleteRequest"), "Key");
      if (auto e = attrs_from_json(values, w.item); !e.empty()) return e;
      if (put && item_size(w.item) > kMaxItemBytes) return "Item size has exceeded the maximum allowed size";
      t.requests.push_back(std::move(w));
      ++total;
    }
    tables.push_back(std::move(t));
  }
  if (total > 25) return "Too many items requested for the BatchWriteItem call";
  return {};
}

// {"table":[<the request entries as sent>],...} for the requests left unwritten; counted per table.
void append_unprocessed_items(std::string& out, const nlohmann::json& params, const std::vector<TableWrites>& writes,
                              const std::vector<std::vector<std::size_t>>& unprocessed,
                              const std::vector<std::shared_ptr<Table>>& tables) {
  JsonObjectWriter per_table(out);
  const nlohmann::json& request_items = param_json(params, "RequestItems");
  for (std::size_t i = 0; i < writes.size(); ++i) {
    if (unprocessed[i].empty()) continue;
    tables[i]->capacity->count_unprocessed(true, unprocessed[i].size());
    const nlohmann::json& sent = request_items.at(writes[i].name);
    std::string& list = per_table.key(writes[i].name);
    list.push_back('[');
    for (std::size_t k = 0; k < unprocessed[i].size(); ++k) {
      if (k) list.push_back(',');
      list.append(sent.at(unprocessed[i][k]).dump());
    }
    list.push_back(']');
  }
  per_table.close();
}

Problem check_against_table(const TableWrites& t, const Table& table) {
  std::set<StoreKey> seen;
  for (const auto& w : t.requests) {
    Problem e = w.put ? validate_item_keys(w.item, table.meta.schema) : validate_key(w.item, table.meta.schema.key);
    if (e && (e->find("Missing the key") != std::string::npos || e->find("Type mismatch for key") != std::string::npos)) {
      return "The provided key element does not match the schema";
    }
    if (e) return e;
    if (!seen.insert(store_key(w.item, table.meta.schema.key)).second) return "Provided list of item keys contains duplicates";
  }
  return {};
}

}  // namespace

ApiResult batch_write_item(DynamoCall& call) {
  std::vector<TableWrites> writes;
  if (auto e = check_writes(call.params, writes)) return validation(*e);
  std::vector<std::shared_ptr<Table>> tables;
  for (const auto& t : writes) {
    auto table = call.tables.find(t.name, call.now);
    if (!table) return dynamodb_errors::not_found();
    std::shared_lock lock(table->mutex);
    if (!table_usable(*table, call.now)) return dynamodb_errors::not_found();
    if (auto e = check_against_table(t, *table)) return validation(*e);
    tables.push_back(std::move(table));
  }
  Leftovers leftovers;
  std::vector<std::vector<std::size_t>> unprocessed(writes.size());
  for (std::size_t i = 0; i < writes.size(); ++i) {
    Table& table = *tables[i];
    std::unique_lock lock(table.mutex);
    for (std::size_t j = 0; j < writes[i].requests.size(); ++j) {
      const WriteRequest& w = writes[i].requests[j];
      const StoreKey key = store_key(w.item, table.meta.schema.key);
      PackedItem packed = w.put ? table.pack(w.item) : PackedItem{};
      const PackedItem* existing = table.items.find(key);
      if (auto e = admit_write(call, table, key, write_units(w.put ? packed.size_bytes() : 0), write_units(0),
                               existing, w.put ? &w.item : nullptr)) {
        unprocessed[i].push_back(j);
        leftovers.throttle(std::move(*e));
        continue;
      }
      ++leftovers.processed;
      std::vector<IndexWrite> index_writes;
      const PackedItem old = table.write(key, packed, call.now, &index_writes);
      record_write(call.capacity.table(writes[i].name, true), table, key.token, old.size_bytes(), packed.size_bytes(),
                   index_writes);
    }
  }
  // Only when no request at all could be written does the whole call fail.
  if (leftovers.processed == 0 && leftovers.first_throttle) return std::move(*leftovers.first_throttle);
  std::string body;
  JsonObjectWriter response(body);
  append_unprocessed_items(response.key("UnprocessedItems"), call.params, writes, unprocessed, tables);
  append_consumed_capacity_list(response, call.capacity, parse_return_capacity(param_str(call.params, "ReturnConsumedCapacity")));
  response.close();
  return json_text_response(std::move(body));
}

}  // namespace chokepoint
