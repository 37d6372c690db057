#pragma once
// Pieces shared by the item operations (GetItem, PutItem, UpdateItem, DeleteItem, batches, transactions).
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <variant>

#include "common/problem.hpp"
#include "protocol/api_types.hpp"
#include "protocol/result.hpp"
#include "services/dynamodb/attribute_value.hpp"
#include "services/dynamodb/capacity.hpp"
#include "services/dynamodb/dynamodb_call.hpp"
#include "services/dynamodb/index_store.hpp"
#include "services/dynamodb/request_expressions.hpp"

namespace chokepoint {

enum class ReturnValues { kNone, kAllOld, kUpdatedOld, kAllNew, kUpdatedNew };
ReturnValues parse_return_values(const nlohmann::json& params);

std::string param_str(const nlohmann::json& params, const char* key);
// The member, or a null value when absent.
const nlohmann::json& param_json(const nlohmann::json& params, const char* key);
bool param_present(const nlohmann::json& params, const char* key);

// The table for a data-plane call: absent, being created or being deleted all read as "Requested resource
// not found". The caller locks the table afterwards and re-checks with table_usable().
Result<std::shared_ptr<Table>> data_table(DynamoCall& call, const std::string& name);
// Under the table's lock: false while CREATING or DELETING.
bool table_usable(const Table& table, TimePoint now);

// "ReturnValues can only be ALL_OLD or NONE" for PutItem and DeleteItem; none when valid.
Problem check_all_old_or_none(const nlohmann::json& params);

// What PutItem and DeleteItem share once their request is checked: the table (to lock and re-check), the
// condition (the expression, else Expected) and whether the old item is returned.
struct ItemWrite {
  std::shared_ptr<Table> table;
  std::optional<Condition> condition;
  bool return_old = false;
};
Result<ItemWrite> item_write(DynamoCall& call, CompiledExpressions& compiled);

// "Key attributes must be scalars; ... Key: a" when an expression reaches into a key attribute.
Problem nested_key_problem(const std::set<std::string>& nested_heads, const TableSchema& schema);

// Records a write's consumption: the table (ceil(max(old, new) / 1 KB)) on the item's partition key `token`,
// and each index it touched on the index entry's partition key.
void record_write(TableUsage& usage, const Table& table, uint64_t token, uint64_t old_bytes, uint64_t new_bytes,
                  const std::vector<IndexWrite>& index_writes, bool transactional = false);

// The ConditionalCheckFailedException, with the old item when ReturnValuesOnConditionCheckFailure=ALL_OLD.
ApiError condition_failed(const nlohmann::json& params, const PackedItem& old_item);

// A response body with Attributes (when any) and ConsumedCapacity.
std::string write_response(const AttrMap* attributes, const PackedItem* packed_attributes, const DynamoCall& call);

}  // namespace chokepoint
