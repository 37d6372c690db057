#pragma once
// How each PartiQL statement runs as a native DynamoDB request, as DynamoDB's PartiQL reference describes:
// a SELECT whose WHERE holds an equality on the partition key is a Query (the sort key's condition, when there
// is one, becomes part of the key condition, the rest a filter), any other SELECT a Scan
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.select.html);
// INSERT is a PutItem that must not find the key (ql-reference.insert.html); UPDATE an UpdateItem of an item
// that must exist (ql-reference.update.html); DELETE a DeleteItem (ql-reference.delete.html); each with the
// rest of the WHERE as its condition. The native request then does the work, the capacity accounting and the
// throttling, exactly as it does when called directly.
#include <nlohmann/json.hpp>

#include "protocol/result.hpp"
#include "services/dynamodb/partiql_ast.hpp"
#include "services/dynamodb/table_schema.hpp"

namespace chokepoint {

enum class PqlNative { kGetItem, kQuery, kScan, kPutItem, kUpdateItem, kDeleteItem, kConditionCheck };

struct PqlNativeRequest {
  PqlNative operation = PqlNative::kScan;
  // The native request's members: TableName, Key or Item, the expressions with their names and values.
  nlohmann::json params = nlohmann::json::object();
};

// A SELECT: Query or Scan of the table, or of `index` when the statement names one (null when it does not
// exist: the native request reports it).
Result<PqlNativeRequest> translate_select(const PqlStatement& statement, const TableSchema& schema);

// A SELECT that names the whole primary key with equalities and nothing else (batches and transactions read
// single items): a GetItem.
Result<PqlNativeRequest> translate_item_read(const PqlStatement& statement, const TableSchema& schema);

// INSERT, UPDATE, DELETE, or EXISTS (a ConditionCheck).
Result<PqlNativeRequest> translate_write(const PqlStatement& statement, const TableSchema& schema);

// The ValidationException of an UPDATE, DELETE or single-item read whose WHERE lacks a key equality.
ApiError missing_key_equality();

}  // namespace chokepoint
