#pragma once
// DynamoDB's operation table: one entry per operation (operation_table.hpp) whose handler part also names the
// input shape the request is validated against before the handler runs.
#include <string_view>
#include <vector>

#include "services/dynamodb/dynamodb_call.hpp"
#include "services/dynamodb/operation_shapes.hpp"
#include "services/operation_table.hpp"

namespace chokepoint {

struct DynamoOperation {
  ApiResult (*run)(DynamoCall& call) = nullptr;
  InputShape input = nullptr;
  // Control-plane calls check TableName before anything else, with their own messages.
  bool table_name_first = false;
};

// Both parts are required: an operation without a shape would go unvalidated.
std::vector<std::string_view> missing_parts(const DynamoOperation& operation);

using DynamoOperationTable = OperationTable<DynamoOperation>;

// Every operation DynamoDB answers, in the order of the API reference's groups (tables, items, batches and
// transactions, the rest).
std::vector<DynamoOperationTable::Entry> dynamodb_operations();

}  // namespace chokepoint
