#pragma once
// What the three PartiQL operations share: a statement parsed and translated against its table's key schema,
// run as the native request it stands for, with the call's tables, time and capacity record (so it consumes
// and is throttled by the table's capacity exactly as the native operation is), and its errors in PartiQL's
// terms.
#include <string>

#include "protocol/api_types.hpp"
#include "protocol/result.hpp"
#include "services/dynamodb/dynamodb_call.hpp"
#include "services/dynamodb/partiql_translate.hpp"

namespace chokepoint {

// One statement of a request: its text and Parameters, and how reads run (a Query or Scan for
// ExecuteStatement, a single-item read for batches and transactions).
struct PqlStatementInput {
  const nlohmann::json& entry;  // {Statement, Parameters, ...}
  bool single_item_reads = false;
};

struct PqlPrepared {
  PqlStatement statement;
  PqlNativeRequest native;
};

// Parses and translates; ResourceNotFoundException when the table does not exist.
Result<PqlPrepared> prepare_partiql(DynamoCall& call, const PqlStatementInput& input);

// Runs the native request; its consumption is added to call.capacity.
ApiResult run_native(DynamoCall& call, const PqlNativeRequest& request);
// Runs `handler` on `params` instead of the call's own (transactions run TransactWriteItems this way).
ApiResult run_native_handler(DynamoCall& call, const nlohmann::json& params, ApiResult (*handler)(DynamoCall&));

// The error as PartiQL reports it: a duplicate INSERT is DuplicateItemException, not a failed condition.
ApiError partiql_error(const PqlStatement& statement, ApiError error);

}  // namespace chokepoint
