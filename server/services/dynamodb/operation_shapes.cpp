#include "services/dynamodb/operation_shapes.hpp"

#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_operations.hpp"

namespace chokepoint {

// Member order matters: DynamoDB lists at most ten constraint violations, found in this order.
Shape* put_item_input(ShapeBuilder& b) {
  return b.input({{"ReturnConsumedCapacity", b.rcc()},
                  {"TableName", b.table_name()},
                  {"Item", b.attribute_map(true)},
                  {"ConditionalOperator", b.conditional_operator()},
                  {"Expected", b.expected()},
                  {"ReturnValues", b.return_values()},
                  {"ReturnItemCollectionMetrics", b.ricm()},
                  {"ConditionExpression", b.string()},
                  {"ExpressionAttributeValues", b.attribute_map()},
                  {"ExpressionAttributeNames", b.names()},
                  {"ReturnValuesOnConditionCheckFailure", b.return_on_failure()}});
}

Shape* update_item_input(ShapeBuilder& b) {
  Shape* action = b.enumeration({"ADD", "PUT", "DELETE"});
  Shape* updates =
      b.map("AttributeValueUpdate", b.value_struct("AttributeValueUpdate", {{"Action", action}, {"Value", b.attr_field()}}));
  return b.input({{"ReturnConsumedCapacity", b.rcc()},
                  {"TableName", b.table_name()},
                  {"ReturnItemCollectionMetrics", b.ricm()},
                  {"ReturnValues", b.return_values()},
                  {"Key", b.attribute_map(true)},
                  {"ConditionalOperator", b.conditional_operator()},
                  {"Expected", b.expected()},
                  {"AttributeUpdates", updates},
                  {"ConditionExpression", b.string()},
                  {"UpdateExpression", b.string()},
                  {"ExpressionAttributeValues", b.attribute_map()},
                  {"ExpressionAttributeNames", b.names()},
                  {"ReturnValuesOnConditionCheckFailure", b.return_on_failure()}});
}

Shape* delete_item_input(ShapeBuilder& b) {
  return b.input({{"ReturnConsumedCapacity", b.rcc()},
                  {"TableName", b.table_name()},
                  {"ReturnValues", b.return_values()},
                  {"ReturnItemCollectionMetrics", b.ricm()},
                  {"Key", b.attribute_map(true)},
                  {"ConditionalOperator", b.conditional_operator()},
                  {"Expected", b.expected()},
                  {"ConditionExpression", b.string()},
                  {"ExpressionAttributeValues", b.attribute_map()},
                  {"ExpressionAttributeNames", b.names()},
                  {"ReturnValuesOnConditionCheckFailure", b.return_on_failure()}});
}

namespace {

Shape* select(ShapeBuilder& b) {
  return b.enumeration({"SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"});
}

}  // namespace

namespace {

Shape* minimum(ShapeBuilder& b, double min, std::optional<double> max = std::nullopt) {
  Shape* s = b.scalar(ShapeKind::kInteger);
  s->min_value = min;
  s->max_value = max;
  return s;
}

}  // namespace

Shape* query_input(ShapeBuilder& b) {
  return b.input({{"Select", select(b)},
                  {"IndexName", b.index_name()},
                  {"ReturnConsumedCapacity", b.rcc()},
                  {"QueryFilter", b.conditions()},
                  {"TableName", b.table_name()},
                  {"ConditionalOperator", b.conditional_operator()},
                  {"AttributesToGet", b.attributes_to_get()},
                  {"Limit", minimum(b, 1)},
                  {"KeyConditions", b.conditions()},
                  {"ExclusiveStartKey", b.attribute_map()},
                  {"ConsistentRead", b.boolean()},
                  {"ScanIndexForward", b.boolean()},
                  {"KeyConditionExpression", b.string()},
                  {"FilterExpression", b.string()},
                  {"ProjectionExpression", b.string()},
                  {"ExpressionAttributeValues", b.attribute_map()},
                  {"ExpressionAttributeNames", b.names()}});
}

Shape* scan_input(ShapeBuilder& b) {
  return b.input({{"Select", select(b)},
                  {"IndexName", b.index_name()},
                  {"TotalSegments", minimum(b, 1, 1000000)},
                  {"ReturnConsumedCapacity", b.rcc()},
                  {"TableName", b.table_name()},
                  {"ConditionalOperator", b.conditional_operator()},
                  {"ScanFilter", b.conditions()},
                  {"Segment", minimum(b, 0, 999999)},
                  {"Limit", minimum(b, 1)},
                  {"AttributesToGet", b.attributes_to_get()},
                  {"ExclusiveStartKey", b.attribute_map()},
                  {"ConsistentRead", b.boolean()},
                  {"FilterExpression", b.string()},
                  {"ProjectionExpression", b.string()},
                  {"ExpressionAttributeValues", b.attribute_map()},
                  {"ExpressionAttributeNames", b.names()}});
}

Shape* batch_get_input(ShapeBuilder& b) {
  Shape* keys = b.length(b.required(b.list(b.map("AttributeValue", b.attr_value(), ShapeKind::kParamMap))), 1, 100);
  Shape* per_table = b.value_struct("KeysAndAttributes", {{"Keys", keys},
                                                          {"AttributesToGet", b.attributes_to_get()},
                                                          {"ConsistentRead", b.boolean()},
                                                          {"ProjectionExpression", b.string()},
                                                          {"ExpressionAttributeNames", b.names()}});
  Shape* items = b.required(b.map("KeysAndAttributes", per_table));
  items->min_length = 1;
  items->key_max_length = 255;
  items->key_min_length = 3;
  items->key_pattern = true;
  return b.input({{"ReturnConsumedCapacity", b.rcc()}, {"RequestItems", items}});
}

Shape* batch_write_input(ShapeBuilder& b) {
  Shape* request = b.value_struct(
      "WriteRequest", {{"DeleteRequest", b.field_struct("DeleteRequest", {{"Key", b.attribute_map(true)}})},
                       {"PutRequest", b.field_struct("PutRequest", {{"Item", b.attribute_map(true)}})}});
  Shape* list = b.scalar(ShapeKind::kParamList);
  list->element = request;
  Shape* items = b.required(b.map("java.util.List<com.amazonaws.dynamodb.v20120810.WriteRequest>", list));
  items->min_length = 1;
  items->key_max_length = 255;
  items->key_min_length = 3;
  items->key_pattern = true;
  items->value_max_length = 25;
  items->value_min_length = 1;
  return b.input({{"ReturnConsumedCapacity", b.rcc()}, {"ReturnItemCollectionMetrics", b.ricm()}, {"RequestItems", items}});
}

namespace {

Shape* secondary_index(ShapeBuilder& b, const char* java_name, bool global) {
  Shape* name = b.table_name();
  Members members = {{"IndexName", name}, {"KeySchema", b.key_schema(false, global ? 8 : 2)}, {"Projection", b.projection()}};
  Shape* s = b.value_struct(java_name, members);
  if (global) {
    s->members.emplace_back("ProvisionedThroughput", b.throughput());
    s->members.emplace_back("OnDemandThroughput", b.on_demand());
  }
  return s;
}

}  // namespace

namespace {

Shape* stream_spec(ShapeBuilder& b) {
  return b.field_struct("StreamSpecification",
                        {{"StreamEnabled", b.required(b.boolean())},
                         {"StreamViewType", b.enumeration({"NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"})}});
}

}  // namespace

namespace {

Shape* sse_spec(ShapeBuilder& b) {
  return b.field_struct("SSESpecification", {{"Enabled", b.boolean()},
                                             {"SSEType", b.enumeration({"AES256", "KMS"})},
                                             {"KMSMasterKeyId", b.string()}});
}

}  // namespace

namespace {

Shape* attribute_definitions(ShapeBuilder& b, bool not_null) {
  Shape* s = b.list(b.value_struct("AttributeDefinition", {{"AttributeName", b.required(b.string())},
                                                           {"AttributeType", b.enumeration({"B", "N", "S"}, true)}}));
  s->not_null = not_null;
  return s;
}

}  // namespace

Shape* create_table_input(ShapeBuilder& b) {
  Shape* name = b.string();
  name->name_pattern = true;
  return b.input({{"AttributeDefinitions", attribute_definitions(b, true)},
                  {"TableName", name},
                  {"BillingMode", b.enumeration({"PROVISIONED", "PAY_PER_REQUEST"})},
                  {"ProvisionedThroughput", b.throughput()},
                  {"KeySchema", b.key_schema(true)},
                  {"LocalSecondaryIndexes", b.list(secondary_index(b, "LocalSecondaryIndex", false))},
                  {"GlobalSecondaryIndexes", b.list(secondary_index(b, "GlobalSecondaryIndex", true))},
                  {"StreamSpecification", stream_spec(b)},
                  {"SSESpecification", sse_spec(b)},
                  {"Tags", b.tags()},
                  {"TableClass", b.enumeration({"STANDARD", "STANDARD_INFREQUENT_ACCESS"})},
                  {"DeletionProtectionEnabled", b.boolean()},
                  {"OnDemandThroughput", b.on_demand()}});
}

Shape* update_table_input(ShapeBuilder& b) {
  Shape* name = b.string();
  name->name_pattern = true;
  Shape* index_name = b.table_name();
  Shape* update = b.field_struct("UpdateGlobalSecondaryIndexAction", {{"IndexName", index_name},
                                                                     {"ProvisionedThroughput", b.throughput(true)},
                                                                     {"OnDemandThroughput", b.on_demand()}});
  Shape* create = b.field_struct("CreateGlobalSecondaryIndexAction", {{"Projection", b.projection()},
                                                                     {"IndexName", b.table_name()},
                                                                     {"ProvisionedThroughput", b.throughput()},
                                                                     {"OnDemandThroughput", b.on_demand()},
                                                                     {"KeySchema", b.key_schema(false, 8)}});
  Shape* remove = b.field_struct("DeleteGlobalSecondaryIndexAction", {{"IndexName", b.table_name()}});
  Shape* updates = b.list(b.value_struct("GlobalSecondaryIndexUpdate", {{"Update", update}, {"Create", create}, {"Delete", remove}}));
  return b.input({{"TableName", name},
                  {"ProvisionedThroughput", b.throughput()},
                  {"BillingMode", b.enumeration({"PROVISIONED", "PAY_PER_REQUEST"})},
                  {"GlobalSecondaryIndexUpdates", updates},
                  {"AttributeDefinitions", attribute_definitions(b, false)},
                  {"StreamSpecification", stream_spec(b)},
                  {"SSESpecification", sse_spec(b)},
                  {"TableClass", b.enumeration({"STANDARD", "STANDARD_INFREQUENT_ACCESS"})},
                  {"DeletionProtectionEnabled", b.boolean()},
                  {"OnDemandThroughput", b.on_demand()}});
}

Shape* transact_write_input(ShapeBuilder& b) {
  auto common = [&](const char* java_name, Members first) {
    Shape* s = b.field_struct(java_name, first);
    s->members.emplace_back("TableName", b.table_name());
    s->members.emplace_back("ConditionExpression", b.string());
    s->members.emplace_back("ExpressionAttributeNames", b.names());
    s->members.emplace_back("ExpressionAttributeValues", b.attribute_map());
    s->members.emplace_back("ReturnValuesOnConditionCheckFailure", b.return_on_failure());
    return s;
  };
  Shape* check = common("ConditionCheck", {{"Key", b.attribute_map(true)}});
  for (auto& m : check->members) {
    if (m.first == "ConditionExpression") m.second = b.required(b.string());
  }
  Shape* item = b.value_struct("TransactWriteItem",
                               {{"ConditionCheck", check},
                                {"Put", common("Put", {{"Item", b.attribute_map(true)}})},
                                {"Delete", common("Delete", {{"Key", b.attribute_map(true)}})},
                                {"Update", common("Update", {{"Key", b.attribute_map(true)},
                                                             {"UpdateExpression", b.required(b.string())}})}});
  return b.input({{"TransactItems", b.length(b.required(b.list(item)), 1, 100)},
                  {"ReturnConsumedCapacity", b.rcc()},
                  {"ReturnItemCollectionMetrics", b.ricm()},
                  {"ClientRequestToken", b.length(b.string(), 1, 36)}});
}

Shape* transact_get_input(ShapeBuilder& b) {
  Shape* get = b.required(b.field_struct("Get", {{"Key", b.attribute_map(true)},
                                                 {"TableName", b.table_name()},
                                                 {"ProjectionExpression", b.string()},
                                                 {"ExpressionAttributeNames", b.names()}}));
  Shape* item = b.value_struct("TransactGetItem", {{"Get", get}});
  return b.input({{"TransactItems", b.length(b.required(b.list(item)), 1, 100)}, {"ReturnConsumedCapacity", b.rcc()}});
}

Shape* get_item_input(ShapeBuilder& b) {
  return b.input({{"ReturnConsumedCapacity", b.rcc()},
                  {"AttributesToGet", b.attributes_to_get()},
                  {"TableName", b.table_name()},
                  {"Key", b.attribute_map(true)},
                  {"ConsistentRead", b.boolean()},
                  {"ProjectionExpression", b.string()},
                  {"ExpressionAttributeNames", b.names()}});
}

namespace {

// Control-plane inputs whose TableName is checked first (its length by OperationShapes' caller), then its
// pattern here.
Shape* named_table(ShapeBuilder& b, Members extra) {
  Shape* name = b.string();
  name->name_pattern = true;
  Shape* s = b.input({{"TableName", name}});
  for (const auto& m : extra) s->members.emplace_back(m.first, m.second);
  return s;
}

}  // namespace

Shape* table_name_input(ShapeBuilder& b) { return named_table(b, {}); }

Shape* update_time_to_live_input(ShapeBuilder& b) {
  return named_table(b, {{"TimeToLiveSpecification",
                          b.required(b.field_struct("TimeToLiveSpecification",
                                                    {{"Enabled", b.required(b.boolean())},
                                                     {"AttributeName", b.length(b.required(b.string()), 1, 255)}}))}});
}

Shape* update_continuous_backups_input(ShapeBuilder& b) {
  Shape* period = b.scalar(ShapeKind::kInteger);
  period->min_value = 1;
  period->max_value = 35;
  return named_table(b, {{"PointInTimeRecoverySpecification",
                          b.required(b.field_struct("PointInTimeRecoverySpecification",
                                                    {{"PointInTimeRecoveryEnabled", b.required(b.boolean())},
                                                     {"RecoveryPeriodInDays", period}}))}});
}

Shape* contributor_insights_input(ShapeBuilder& b) { return named_table(b, {{"IndexName", b.index_name()}}); }

Shape* update_contributor_insights_input(ShapeBuilder& b) {
  return named_table(b, {{"IndexName", b.index_name()},
                         {"ContributorInsightsAction", b.enumeration({"ENABLE", "DISABLE"}, true)},
                         {"ContributorInsightsMode", b.enumeration({"ACCESSED_AND_THROTTLED_KEYS", "THROTTLED_KEYS"})}});
}

Shape* list_contributor_insights_input(ShapeBuilder& b) {
  Shape* limit = b.scalar(ShapeKind::kInteger);
  limit->max_value = 100;
  Shape* table = b.string();
  table->min_length = 1;
  table->max_length = 1024;
  return b.input({{"TableName", table}, {"NextToken", b.string()}, {"MaxResults", limit}});
}

Shape* create_backup_input(ShapeBuilder& b) {
  Shape* table = b.length(b.required(b.string()), 1, 1024);  // a name or an ARN
  return b.input({{"TableName", table}, {"BackupName", b.table_name()}});
}

Shape* backup_arn_input(ShapeBuilder& b) {
  return b.input({{"BackupArn", b.length(b.required(b.string()), 37, 1024)}});
}

Shape* list_backups_input(ShapeBuilder& b) {
  Shape* limit = b.scalar(ShapeKind::kInteger);
  limit->min_value = 1;
  limit->max_value = 100;
  return b.input({{"TableName", b.length(b.string(), 1, 1024)},
                  {"Limit", limit},
                  {"TimeRangeLowerBound", b.scalar(ShapeKind::kDouble)},
                  {"TimeRangeUpperBound", b.scalar(ShapeKind::kDouble)},
                  {"ExclusiveStartBackupArn", b.length(b.string(), 37, 1024)},
                  {"BackupType", b.enumeration({"USER", "SYSTEM", "AWS_BACKUP", "ALL"})}});
}

// The overrides both restores take, after their own members.
Shape* with_restore_overrides(ShapeBuilder& b, Shape* s) {
  const Members overrides = {{"BillingModeOverride", b.enumeration({"PROVISIONED", "PAY_PER_REQUEST"})},
                             {"GlobalSecondaryIndexOverride", b.list(secondary_index(b, "GlobalSecondaryIndex", true))},
                             {"LocalSecondaryIndexOverride", b.list(secondary_index(b, "LocalSecondaryIndex", false))},
                             {"ProvisionedThroughputOverride", b.throughput()},
                             {"OnDemandThroughputOverride", b.on_demand()},
                             {"SSESpecificationOverride", sse_spec(b)}};
  for (const auto& m : overrides) s->members.emplace_back(m.first, m.second);
  return s;
}

Shape* restore_from_backup_input(ShapeBuilder& b) {
  return with_restore_overrides(
      b, b.input({{"TargetTableName", b.table_name()}, {"BackupArn", b.length(b.required(b.string()), 37, 1024)}}));
}

Shape* restore_to_point_in_time_input(ShapeBuilder& b) {
  Shape* source_name = b.index_name();  // a table name, not required
  return with_restore_overrides(b, b.input({{"SourceTableArn", b.length(b.string(), 1, 1024)},
                                            {"SourceTableName", source_name},
                                            {"TargetTableName", b.table_name()},
                                            {"UseLatestRestorableTime", b.boolean()},
                                            {"RestoreDateTime", b.scalar(ShapeKind::kDouble)}}));
}

Shape* put_resource_policy_input(ShapeBuilder& b) {
  return b.input({{"ResourceArn", b.length(b.required(b.string()), 1, 1283)},
                  {"Policy", b.required(b.string())},
                  {"ExpectedRevisionId", b.length(b.string(), 1, 255)},
                  {"ConfirmRemoveSelfResourceAccess", b.boolean()}});
}

Shape* get_resource_policy_input(ShapeBuilder& b) {
  return b.input({{"ResourceArn", b.length(b.required(b.string()), 1, 1283)}});
}

Shape* delete_resource_policy_input(ShapeBuilder& b) {
  return b.input({{"ResourceArn", b.length(b.required(b.string()), 1, 1283)},
                  {"ExpectedRevisionId", b.length(b.string(), 1, 255)}});
}

Shape* list_tables_input(ShapeBuilder& b) {
  Shape* list_limit = b.scalar(ShapeKind::kInteger);
  list_limit->min_value = 1;
  list_limit->max_value = 100;
  return b.input({{"Limit", list_limit}, {"ExclusiveStartTableName", b.index_name()}});
}

Shape* tag_resource_input(ShapeBuilder& b) { return b.input({{"ResourceArn", b.string()}, {"Tags", b.tags()}}); }

Shape* untag_resource_input(ShapeBuilder& b) {
  return b.input({{"ResourceArn", b.string()}, {"TagKeys", b.list(b.string())}});
}

Shape* list_tags_of_resource_input(ShapeBuilder& b) {
  return b.input({{"ResourceArn", b.string()}, {"NextToken", b.string()}});
}

Shape* no_members_input(ShapeBuilder& b) { return b.input({}); }

void OperationShapes::add(std::string_view operation, InputShape input, bool table_name_first) {
  if (!input) return;  // the table's self-check reports it
  Shape* shape = input(builder_);
  mark_constraints(*shape);
  operations_.emplace(operation, OperationShape{shape, table_name_first});
}

const OperationShape* OperationShapes::find(std::string_view operation) const {
  const auto it = operations_.find(operation);
  return it == operations_.end() ? nullptr : &it->second;
}

// PartiQL inputs, members in the model's order (API_ExecuteStatement.html, API_BatchExecuteStatement.html,
// API_ExecuteTransaction.html).
namespace {

Shape* partiql_statement(ShapeBuilder& b) {
  return b.length(b.required(b.string()), 1, 8192);
}
Shape* partiql_parameters(ShapeBuilder& b) {
  return b.length(b.list(b.attr_value()), 1, std::nullopt);
}

}  // namespace

Shape* execute_statement_input(ShapeBuilder& b) {
  return b.input({{"Statement", partiql_statement(b)},
                  {"Parameters", partiql_parameters(b)},
                  {"ConsistentRead", b.boolean()},
                  {"NextToken", b.length(b.string(), 1, 32768)},
                  {"ReturnConsumedCapacity", b.rcc()},
                  {"Limit", minimum(b, 1)},
                  {"ReturnValuesOnConditionCheckFailure", b.return_on_failure()}});
}

Shape* batch_execute_statement_input(ShapeBuilder& b) {
  Shape* request =
      b.value_struct("BatchStatementRequest", {{"Statement", partiql_statement(b)},
                                               {"Parameters", partiql_parameters(b)},
                                               {"ConsistentRead", b.boolean()},
                                               {"ReturnValuesOnConditionCheckFailure", b.return_on_failure()}});
  return b.input({{"Statements", b.length(b.required(b.list(request)), 1, 25)}, {"ReturnConsumedCapacity", b.rcc()}});
}

Shape* execute_transaction_input(ShapeBuilder& b) {
  Shape* statement =
      b.value_struct("ParameterizedStatement", {{"Statement", partiql_statement(b)},
                                                {"Parameters", partiql_parameters(b)},
                                                {"ReturnValuesOnConditionCheckFailure", b.return_on_failure()}});
  return b.input({{"TransactStatements", b.length(b.required(b.list(statement)), 1, 100)},
                  {"ClientRequestToken", b.length(b.string(), 1, 36)},
                  {"ReturnConsumedCapacity", b.rcc()}});
}

}  // namespace chokepoint

namespace chokepoint {

namespace {

// TableName checks control-plane operations make before the others, with their own wording.
Problem table_name_problem(const nlohmann::json& params) {
  const nlohmann::json& name = param_json(params, "TableName");
  if (name.is_null()) return "The parameter 'TableName' is required but was not present in the request";
  const std::size_t n = name.is_string() ? name.get_ref<const std::string&>().size() : 0;
  if (n < kMinTableNameLength || n > kMaxTableNameLength) return "TableName must be at least 3 characters long and at most 255 characters long";
  return std::nullopt;
}

}  // namespace

std::optional<ApiError> input_error(const OperationShape& shape, const nlohmann::json& params) {
  if (auto e = check_types(params, *shape.input)) return dynamodb_errors::serialization(*e);
  if (shape.table_name_first) {
    if (auto e = table_name_problem(params)) return dynamodb_errors::validation(*e);
  }
  if (auto e = check_constraints(params, *shape.input)) return dynamodb_errors::validation(*e);
  return std::nullopt;
}

}  // namespace chokepoint
