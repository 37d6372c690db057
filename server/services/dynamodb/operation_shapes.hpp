#pragma once
// The input shapes of DynamoDB's operations (members, types, constraints, in the model's order): one builder
// function per input, named by the operation table (dynamodb_operations.cpp), built once per service and shared
// read-only by all requests.
#include <map>
#include <string>
#include <string_view>

#include "protocol/api_types.hpp"
#include "services/dynamodb/shape_builder.hpp"

namespace chokepoint {

// Builds one operation's input in the builder's arena.
using InputShape = Shape* (*)(ShapeBuilder& builder);

Shape* get_item_input(ShapeBuilder& b);
Shape* put_item_input(ShapeBuilder& b);
Shape* update_item_input(ShapeBuilder& b);
Shape* delete_item_input(ShapeBuilder& b);
Shape* query_input(ShapeBuilder& b);
Shape* scan_input(ShapeBuilder& b);
Shape* batch_get_input(ShapeBuilder& b);
Shape* batch_write_input(ShapeBuilder& b);
Shape* transact_write_input(ShapeBuilder& b);
Shape* execute_statement_input(ShapeBuilder& b);
Shape* batch_execute_statement_input(ShapeBuilder& b);
Shape* execute_transaction_input(ShapeBuilder& b);
Shape* transact_get_input(ShapeBuilder& b);
Shape* create_table_input(ShapeBuilder& b);
Shape* update_table_input(ShapeBuilder& b);
// Inputs of a TableName alone (DeleteTable, DescribeTable, DescribeTimeToLive, DescribeContinuousBackups).
Shape* table_name_input(ShapeBuilder& b);
Shape* update_time_to_live_input(ShapeBuilder& b);
Shape* update_continuous_backups_input(ShapeBuilder& b);
// DescribeContributorInsights, UpdateContributorInsights, ListContributorInsights.
Shape* contributor_insights_input(ShapeBuilder& b);
Shape* update_contributor_insights_input(ShapeBuilder& b);
Shape* list_contributor_insights_input(ShapeBuilder& b);
// CreateBackup, DescribeBackup and DeleteBackup, ListBackups, RestoreTableFromBackup.
Shape* create_backup_input(ShapeBuilder& b);
Shape* backup_arn_input(ShapeBuilder& b);
Shape* list_backups_input(ShapeBuilder& b);
Shape* restore_from_backup_input(ShapeBuilder& b);
Shape* restore_to_point_in_time_input(ShapeBuilder& b);
// PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy.
Shape* put_resource_policy_input(ShapeBuilder& b);
Shape* get_resource_policy_input(ShapeBuilder& b);
Shape* delete_resource_policy_input(ShapeBuilder& b);
Shape* list_tables_input(ShapeBuilder& b);
Shape* tag_resource_input(ShapeBuilder& b);
Shape* untag_resource_input(ShapeBuilder& b);
Shape* list_tags_of_resource_input(ShapeBuilder& b);
// Inputs with no members (DescribeLimits, DescribeEndpoints): any member is unexpected.
Shape* no_members_input(ShapeBuilder& b);

struct OperationShape {
  const Shape* input = nullptr;
  // Control-plane calls check TableName first, with their own messages ("The parameter 'TableName' is
  // required but was not present in the request", "TableName must be at least 3 characters long ...").
  bool table_name_first = false;
};

// The front end's checks of a request against its operation's input, in DynamoDB's order: types
// (SerializationException), TableName first where the shape says so, then constraints (ValidationException).
std::optional<ApiError> input_error(const OperationShape& shape, const nlohmann::json& params);

class OperationShapes {
 public:
  OperationShapes() : builder_(arena_) {}
  OperationShapes(const OperationShapes&) = delete;
  OperationShapes& operator=(const OperationShapes&) = delete;

  // Builds the operation's input; a null `input` is left out.
  void add(std::string_view operation, InputShape input, bool table_name_first);
  // Null for an operation without a shape.
  const OperationShape* find(std::string_view operation) const;

 private:
  ShapeArena arena_;
  ShapeBuilder builder_;
  std::map<std::string, OperationShape, std::less<>> operations_;
};

}  // namespace chokepoint
