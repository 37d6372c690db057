// TransactWriteItems and TransactGetItems: up to 100 actions over any tables, all or nothing. Every table
// involved is locked (in address order, so concurrent transactions cannot deadlock) while conditions are
// checked and writes applied.
#include <algorithm>
#include <mutex>
#include <set>
#include <shared_mutex>

#include "common/json_text.hpp"
#include "common/problem.hpp"
#include "protocol/result.hpp"
#include "services/dynamodb/attribute_json.hpp"
#include "services/dynamodb/capacity_admission.hpp"
#include "services/dynamodb/condition_eval.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_handlers.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/item_size.hpp"
#include "services/dynamodb/key_codec.hpp"
#include "services/dynamodb/projection.hpp"
#include "services/dynamodb/request_expressions.hpp"
#include "services/dynamodb/throttling_reasons.hpp"
#include "services/dynamodb/update_eval.hpp"

namespace chokepoint {

namespace {

using dynamodb_errors::validation;

enum class ActionKind { kCheck, kPut, kDelete, kUpdate, kGet };

struct TxAction {
  ActionKind kind = ActionKind::kCheck;
  const nlohmann::json* request = nullptr;
  std::string table_name;
  AttrMap item;  // Put: the item; others: the key
  CompiledExpressions compiled;
  std::shared_ptr<Table> table;
  StoreKey key;
};

constexpr std::pair<const char*, ActionKind> kWriteKinds[] = {{"ConditionCheck", ActionKind::kCheck},
                                                              {"Put", ActionKind::kPut},
                                                              {"Delete", ActionKind::kDelete},
                                                              {"Update", ActionKind::kUpdate}};

Problem check_action(TxAction& a) {
  const nlohmann::json& r = *a.request;
  a.table_name = param_str(r, "TableName");
  const bool put = a.kind == ActionKind::kPut;
  if (auto e = attrs_from_json(param_json(r, put ? "Item" : "Key"), a.item); !e.empty()) return e;
  if (put && item_size(a.item) > kMaxItemBytes) return "Item size has exceeded the maximum allowed size";
  const auto check_and_compile = [&](ParamNames accepted) {
    if (auto e = check_expression_style(r, accepted, {})) return e;
    return compile_expressions(r, accepted, a.compiled);
  };
  if (a.kind == ActionKind::kGet) return check_and_compile({"ProjectionExpression"});
  if (a.kind == ActionKind::kUpdate) return check_and_compile({"ConditionExpression", "UpdateExpression"});
  return check_and_compile({"ConditionExpression"});
}

std::string parse_writes(const nlohmann::json& params, std::vector<TxAction>& actions) {
  for (const auto& entry : param_json(params, "TransactItems")) {
    TxAction a;
    int kinds = 0;
    for (const auto& [name, kind] : kWriteKinds) {
      if (!param_present(entry, name)) continue;
      ++kinds;
      a.kind = kind;
      a.request = &param_json(entry, name);
    }
    if (kinds != 1) {
      return "TransactItems can only contain one of Check, Put, Update or Delete";
    }
    if (auto e = check_action(a)) return std::move(*e);
    actions.push_back(std::move(a));
  }
  return {};
}

// Finds every table and checks keys; the first problem wins.
Result<std::monostate> resolve_tables(DynamoCall& call, std::vector<TxAction>& actions) {
  std::set<std::pair<const Table*, StoreKey>> targets;
  for (auto& a : actions) {
    a.table = call.tables.find(a.table_name, call.now);
    if (!a.table) return dynamodb_errors::not_found();
    std::shared_lock lock(a.table->mutex);
    if (!table_usable(*a.table, call.now)) return dynamodb_errors::not_found();
    const TableSchema& schema = a.table->meta.schema;
    Problem e = a.kind == ActionKind::kPut ? validate_item_keys(a.item, schema) : validate_key(a.item, schema.key);
    if (!e) e = nested_key_problem(a.compiled.nested_heads, schema);
    if (e) return validation(*e);
    a.key = store_key(a.item, schema.key);
    if (!targets.emplace(a.table.get(), a.key).second) {
      return validation("Transaction request cannot include multiple operations on one item");
    }
  }
  return std::monostate{};
}

// Locks each distinct table once, in address order.
template <typename Lock>
std::vector<Lock> lock_tables(const std::vector<TxAction>& actions) {
  std::vector<Table*> tables;
  for (const auto& a : actions) tables.push_back(a.table.get());
  std::sort(tables.begin(), tables.end());
  tables.erase(std::unique(tables.begin(), tables.end()), tables.end());
  std::vector<Lock> locks;
  for (Table* t : tables) locks.emplace_back(t->mutex);
  return locks;
}

struct Outcome {
  std::string code = "None";
  std::string message;
  PackedItem old_item;
  bool return_old = false;
};

// Checks one action's condition and computes what it would write. Returns false when it cancels.
bool prepare(TxAction& a, Outcome& outcome, PackedItem& result) {
  Table& table = *a.table;
  const PackedItem* existing = table.items.find(a.key);
  const AttrMap old_item = existing ? existing->unpack() : AttrMap{};
  if (existing) outcome.old_item = *existing;
  outcome.return_old = param_str(*a.request, "ReturnValuesOnConditionCheckFailure") == "ALL_OLD";
  if (a.compiled.condition && !evaluate_condition(*a.compiled.condition, old_item)) {
    outcome.code = "ConditionalCheckFailed";
    outcome.message = "The conditional request failed";
    return false;
  }
  if (a.kind == ActionKind::kPut) result = table.pack(a.item);
  if (a.kind == ActionKind::kUpdate) {
    if (!existing && only_takes_away(*a.compiled.update)) return true;  // writes nothing: `result` stays empty
    AttrMap updated = existing ? old_item : a.item;
    std::string e = apply_update(*a.compiled.update, updated);
    if (e.empty() && item_size(updated) > kMaxItemBytes)
      e = "Item size to update has exceeded the maximum allowed size";
    if (!e.empty()) {
      outcome.code = "ValidationError";
      outcome.message = e;
      return false;
    }
    result = table.pack(updated);
  }
  return true;
}

ApiError cancelled(const std::vector<Outcome>& outcomes) {
  ApiError e;
  e.code = "TransactionCanceledException";
  e.message_key = "Message";
  std::string codes;
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& o : outcomes) {
    codes += (codes.empty() ? "" : ", ") + o.code;
    nlohmann::json reason = {{"Code", o.code}};
    if (!o.message.empty()) reason["Message"] = o.message;
    if (o.code == "ConditionalCheckFailed" && o.return_old && !o.old_item.empty()) {
      reason["Item"] = attrs_to_json(o.old_item.unpack());
    }
    reasons.push_back(std::move(reason));
  }
  e.message = "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]";
  e.extra["CancellationReasons"] = std::move(reasons);
  return e;
}

// Capacity for every action before any condition is checked: transactional operations cost twice the single
// ones. A throttled action cancels the transaction (ProvisionedThroughputExceeded or ThrottlingError); what the
// others reserved is given back when the call settles.
bool admit_actions(DynamoCall& call, const std::vector<TxAction>& actions, std::vector<Outcome>& outcomes) {
  bool admitted = true;
  for (std::size_t i = 0; i < actions.size(); ++i) {
    const TxAction& a = actions[i];
    const Table& table = *a.table;
    std::optional<ApiError> throttled;
    if (a.kind == ActionKind::kGet) {
      throttled = admit_read(call, table, -1, a.key, read_units(0, ReadMode::kTransactional));
    } else {
      const bool put = a.kind == ActionKind::kPut;
      const bool check = a.kind == ActionKind::kCheck;
      const PackedItem* existing = check ? nullptr : table.items.find(a.key);
      const uint64_t bytes = put ? item_size(a.item) : 0;
      throttled = admit_write(call, table, a.key, write_units(bytes, true), write_units(0, true), existing,
                              put ? &a.item : nullptr);
    }
    if (!throttled) continue;
    const CancellationCode code = cancellation_for(table.meta.pay_per_request);
    outcomes[i].code = code.code;
    outcomes[i].message = code.message;
    admitted = false;
  }
  return admitted;
}

std::string capacity_body(DynamoCall& call) {
  std::string body;
  JsonObjectWriter response(body);
  append_consumed_capacity_list(response, call.capacity,
                                parse_return_capacity(param_str(call.params, "ReturnConsumedCapacity")));
  response.close();
  return body;
}

}  // namespace

ApiResult transact_write_items(DynamoCall& call) {
  std::vector<TxAction> actions;
  if (auto e = parse_writes(call.params, actions); !e.empty()) return validation(e);
  if (auto r = resolve_tables(call, actions); !r) return r.error();
  const std::string token = param_str(call.params, "ClientRequestToken");
  nlohmann::json fingerprint_source = call.params;
  fingerprint_source.erase("ReturnConsumedCapacity");
  const std::string fingerprint = fingerprint_source.dump();

  auto locks = lock_tables<std::unique_lock<std::shared_mutex>>(actions);
  if (!token.empty()) {
    const auto seen = call.tokens.check(token, fingerprint, call.now);
    if (seen == TransactionTokens::Seen::kDifferentRequest) return dynamodb_errors::idempotent_mismatch();
    if (seen == TransactionTokens::Seen::kSameRequest) return json_text_response(capacity_body(call));
  }
  std::vector<Outcome> outcomes(actions.size());
  if (!admit_actions(call, actions, outcomes)) return cancelled(outcomes);
  std::vector<PackedItem> results(actions.size());
  bool ok = true;
  for (std::size_t i = 0; i < actions.size(); ++i) ok = prepare(actions[i], outcomes[i], results[i]) && ok;
  if (!ok) return cancelled(outcomes);
  for (std::size_t i = 0; i < actions.size(); ++i) {
    TxAction& a = actions[i];
    TableUsage& usage = call.capacity.table(a.table->meta.name, true);
    if (a.kind == ActionKind::kCheck) {
      usage.add_table(a.key.token, write_units(outcomes[i].old_item.size_bytes(), true));
      continue;
    }
    std::vector<IndexWrite> index_writes;
    const PackedItem old = a.table->write(a.key, results[i], call.now, &index_writes);
    record_write(usage, *a.table, a.key.token, old.size_bytes(), results[i].size_bytes(), index_writes, true);
  }
  if (!token.empty()) call.tokens.remember(token, fingerprint, call.now);
  return json_text_response(capacity_body(call));
}

ApiResult transact_get_items(DynamoCall& call) {
  std::vector<TxAction> actions;
  for (const auto& entry : param_json(call.params, "TransactItems")) {
    TxAction a;
    a.kind = ActionKind::kGet;
    a.request = &param_json(entry, "Get");
    if (auto e = check_action(a)) return validation(*e);
    actions.push_back(std::move(a));
  }
  if (auto r = resolve_tables(call, actions); !r) return r.error();
  std::string body;
  JsonObjectWriter response(body);
  std::string& list = response.key("Responses");
  list.push_back('[');
  {
    auto locks = lock_tables<std::shared_lock<std::shared_mutex>>(actions);
    std::vector<Outcome> outcomes(actions.size());
    if (!admit_actions(call, actions, outcomes)) return cancelled(outcomes);
    for (std::size_t i = 0; i < actions.size(); ++i) {
      const TxAction& a = actions[i];
      const PackedItem* item = a.table->items.find(a.key);
      call.capacity.table(a.table->meta.name, false)
          .add_table(a.key.token, read_units(item ? item->size_bytes() : 0, ReadMode::kTransactional));
      if (i) list.push_back(',');
      JsonObjectWriter entry(list);
      if (item) {
        if (a.compiled.projection) {
          const auto& paths = a.compiled.projection->paths;
          append_attrs_json(entry.key("Item"), project_item(item->unpack_some(path_heads(paths)), paths));
        } else {
          item->append_json(entry.key("Item"));
        }
      }
      entry.close();
    }
  }
  list.push_back(']');
  append_consumed_capacity_list(response, call.capacity,
                                parse_return_capacity(param_str(call.params, "ReturnConsumedCapacity")));
  response.close();
  return json_text_response(std::move(body));
}

}  // namespace chokepoint
