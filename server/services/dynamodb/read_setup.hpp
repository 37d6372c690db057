#pragma once
// Setting up a Query or Scan: the index read, the start key, and the ReadPlan (visible attributes,
// projection, filter, Select, Limit). Shared by query.cpp and scan.cpp.
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <variant>

#include "common/problem.hpp"
#include "protocol/api_types.hpp"
#include "protocol/result.hpp"
#include "services/dynamodb/attribute_value.hpp"
#include "services/dynamodb/dynamodb_call.hpp"
#include "services/dynamodb/read_page.hpp"
#include "services/dynamodb/request_expressions.hpp"
#include "services/dynamodb/table.hpp"

namespace chokepoint {

// The ExclusiveStartKey's values, with DynamoDB's message prefixes. Returns the message, or none.
Problem read_start_key(const nlohmann::json& params, std::optional<AttrMap>& out);

struct ReadTarget {
  const IndexStore* index = nullptr;
  const KeySchema* key = nullptr;  // the key schema being read (table's or index's)
  std::vector<std::string> start_key_names;
};

// Picks the table or the named index; checks IndexName, ConsistentRead on global indexes, and that a global
// index added by UpdateTable has finished backfilling.
std::variant<ReadTarget, std::string> read_target(const nlohmann::json& params, const Table& table, TimePoint now);

// A Query's or Scan's table, held under its shared lock, and what the request reads of it. Fails as DynamoDB
// does: a table that does not exist or is not usable yet, then IndexName and ConsistentRead problems.
struct OpenRead {
  std::shared_ptr<Table> table;
  std::shared_lock<std::shared_mutex> lock;
  ReadTarget target;
};
Result<OpenRead> open_read(DynamoCall& call);

// Builds the plan; returns the message when Select cannot be served.
Problem make_read_plan(const nlohmann::json& params, const Table& table, const ReadTarget& target,
                       CompiledExpressions& compiled, ReadPlan& plan);

// The filter in force (FilterExpression, or QueryFilter/ScanFilter) and its top-level attribute names.
std::optional<Condition> read_filter(const nlohmann::json& params, CompiledExpressions& compiled, const char* legacy_name);

// One key attribute of a start key: present, of the schema's type, a valid key value.
Problem check_start_attribute(const AttrMap& start, const KeyAttribute& attr);

// The store keys a start key names (table key; index key when reading an index).
StoreKey start_store_key(const AttrMap& start, const Table& table);
IndexKey start_index_key(const AttrMap& start, const Table& table, const IndexStore& index);

}  // namespace chokepoint
