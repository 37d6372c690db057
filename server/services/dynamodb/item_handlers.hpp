#pragma once
// Data-plane operation handlers. Each validates its request (after the shape checks the service ran),
// works on the caller's tables and records the capacity it consumed in `call.capacity`.
#include "protocol/api_types.hpp"
#include "services/dynamodb/dynamodb_call.hpp"

namespace chokepoint {

ApiResult get_item(DynamoCall& call);
ApiResult put_item(DynamoCall& call);
ApiResult update_item(DynamoCall& call);
ApiResult delete_item(DynamoCall& call);
ApiResult query(DynamoCall& call);
ApiResult scan(DynamoCall& call);
ApiResult batch_get_item(DynamoCall& call);
ApiResult batch_write_item(DynamoCall& call);
ApiResult transact_get_items(DynamoCall& call);
ApiResult transact_write_items(DynamoCall& call);
// PartiQL (partiql_statement.cpp, partiql_batch.cpp, partiql_transaction.cpp).
ApiResult execute_statement(DynamoCall& call);
ApiResult batch_execute_statement(DynamoCall& call);
ApiResult execute_transaction(DynamoCall& call);

}  // namespace chokepoint
