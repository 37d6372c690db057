#include "services/dynamodb/dynamodb_operations.hpp"

#include "services/dynamodb/control_handlers.hpp"
#include "services/dynamodb/item_handlers.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/partiql_parser.hpp"
#include "services/dynamodb/table_arn.hpp"

namespace chokepoint {

namespace {

// Where each kind of call names its table.
std::string table_name_param(const nlohmann::json& params) { return param_str(params, "TableName"); }

std::string table_in_arn(const nlohmann::json& params) {
  const auto address = parse_table_arn(param_str(params, "ResourceArn"));
  return address ? address->name : std::string();
}

// A name or, where the model allows it, an ARN.
std::string table_name_or_arn_param(const nlohmann::json& params) { return table_name_of(param_str(params, "TableName")); }

// A backup's ARN names its table.
std::string table_of_backup(const nlohmann::json& params) {
  const auto address = parse_table_arn(param_str(params, "BackupArn"));
  return address ? address->name : std::string();
}

std::string target_table(const nlohmann::json& params) { return param_str(params, "TargetTableName"); }

// A batch addresses several tables; fault rules and errors name the first.
std::string first_batch_table(const nlohmann::json& params) {
  const nlohmann::json& items = param_json(params, "RequestItems");
  return items.is_object() && !items.empty() ? items.begin().key() : std::string();
}

// A PartiQL request names its tables in its statements; the first statement's table stands for it.
std::string statement_table(const nlohmann::json& params) {
  return partiql_table_name(param_str(params, "Statement"));
}

std::string first_statement_table(const nlohmann::json& params) {
  for (const char* list : {"Statements", "TransactStatements"}) {
    const nlohmann::json& statements = param_json(params, list);
    if (statements.is_array() && !statements.empty()) return statement_table(statements[0]);
  }
  return {};
}

std::string first_transaction_table(const nlohmann::json& params) {
  const nlohmann::json& items = param_json(params, "TransactItems");
  if (!items.is_array() || items.empty() || !items[0].is_object()) return {};
  for (const auto& [kind, action] : items[0].items()) {
    if (std::string name = param_str(action, "TableName"); !name.empty()) return name;
  }
  return {};
}

}  // namespace

std::vector<std::string_view> missing_parts(const DynamoOperation& operation) {
  std::vector<std::string_view> missing;
  if (!operation.run) missing.emplace_back("handler");
  if (!operation.input) missing.emplace_back("input shape");
  return missing;
}

std::vector<DynamoOperationTable::Entry> dynamodb_operations() {
  // The groups of `throttling.dynamodb` in config/default.yaml.
  constexpr std::string_view kDataPlane = "DataPlane";
  constexpr std::string_view kControlReads = "ControlPlaneReads";
  constexpr std::string_view kControlWrites = "ControlPlaneWrites";
  constexpr Plane kControl = Plane::kControl;
  constexpr Plane kRead = Plane::kDataRead;
  constexpr Plane kWrite = Plane::kDataWrite;
  constexpr bool kJournaled = true;
  constexpr bool kNameFirst = true;
  return {
      // name, bucket, plane, changes durable state, resource; handler, input shape, TableName checked first
      {{"CreateTable", kControlWrites, kControl, kJournaled, table_name_param}, {create_table, create_table_input, kNameFirst}},
      {{"DescribeTable", kControlReads, kControl, false, table_name_param}, {describe_table, table_name_input, kNameFirst}},
      {{"ListTables", kControlReads, kControl, false, nullptr}, {list_tables, list_tables_input}},
      {{"UpdateTable", kControlWrites, kControl, kJournaled, table_name_param}, {update_table, update_table_input, kNameFirst}},
      {{"DeleteTable", kControlWrites, kControl, kJournaled, table_name_param}, {delete_table, table_name_input, kNameFirst}},
      {{"UpdateTimeToLive", kControlWrites, kControl, kJournaled, table_name_param},
       {update_time_to_live, update_time_to_live_input, kNameFirst}},
      {{"DescribeTimeToLive", kControlReads, kControl, false, table_name_param},
       {describe_time_to_live, table_name_input, kNameFirst}},
      {{"DescribeContinuousBackups", kControlReads, kControl, false, table_name_param},
       {describe_continuous_backups, table_name_input, kNameFirst}},
      {{"UpdateContinuousBackups", kDefaultBucket, kControl, kJournaled, table_name_param},
       {update_continuous_backups, update_continuous_backups_input, kNameFirst}},
      {{"UpdateContributorInsights", "ContributorInsights", kControl, kJournaled, table_name_param},
       {update_contributor_insights, update_contributor_insights_input, kNameFirst}},
      {{"DescribeContributorInsights", "ContributorInsights", kControl, false, table_name_param},
       {describe_contributor_insights, contributor_insights_input, kNameFirst}},
      {{"ListContributorInsights", "ContributorInsights", kControl, false, table_name_param},
       {list_contributor_insights, list_contributor_insights_input}},
      // Backups are journaled by the backup store itself (RegionTables::backups), a restored table as it is added.
      {{"CreateBackup", kControlWrites, kControl, kJournaled, table_name_or_arn_param},
       {create_backup, create_backup_input}},
      {{"DescribeBackup", kControlReads, kControl, false, table_of_backup}, {describe_backup, backup_arn_input}},
      {{"ListBackups", kControlReads, kControl, false, table_name_or_arn_param}, {list_backups, list_backups_input}},
      {{"DeleteBackup", kControlWrites, kControl, kJournaled, table_of_backup}, {delete_backup, backup_arn_input}},
      {{"RestoreTableFromBackup", kControlWrites, kControl, kJournaled, target_table},
       {restore_table_from_backup, restore_from_backup_input}},
      {{"RestoreTableToPointInTime", kControlWrites, kControl, kJournaled, target_table},
       {restore_table_to_point_in_time, restore_to_point_in_time_input}},
      {{"PutResourcePolicy", kControlWrites, kControl, kJournaled, table_in_arn},
       {put_resource_policy, put_resource_policy_input}},
      {{"GetResourcePolicy", kControlReads, kControl, false, table_in_arn},
       {get_resource_policy, get_resource_policy_input}},
      {{"DeleteResourcePolicy", kControlWrites, kControl, kJournaled, table_in_arn},
       {delete_resource_policy, delete_resource_policy_input}},
      {{"TagResource", kControlWrites, kControl, kJournaled, table_in_arn}, {tag_resource, tag_resource_input}},
      {{"UntagResource", kControlWrites, kControl, kJournaled, table_in_arn}, {untag_resource, untag_resource_input}},
      {{"ListTagsOfResource", kControlReads, kControl, false, table_in_arn},
       {list_tags_of_resource, list_tags_of_resource_input}},
      {{"DescribeLimits", "DescribeLimits", kControl, false, nullptr}, {describe_limits, no_members_input}},
      {{"DescribeEndpoints", kControlReads, kControl, false, nullptr}, {describe_endpoints, no_members_input}},
      // Item writes are journaled item by item as they are written (Table::write), not as calls.
      {{"GetItem", kDataPlane, kRead, false, table_name_param}, {get_item, get_item_input}},
      {{"PutItem", kDataPlane, kWrite, kJournaled, table_name_param}, {put_item, put_item_input}},
      {{"UpdateItem", kDataPlane, kWrite, kJournaled, table_name_param}, {update_item, update_item_input}},
      {{"DeleteItem", kDataPlane, kWrite, kJournaled, table_name_param}, {delete_item, delete_item_input}},
      {{"Query", kDataPlane, kRead, false, table_name_param}, {query, query_input}},
      {{"Scan", kDataPlane, kRead, false, table_name_param}, {scan, scan_input}},
      {{"BatchGetItem", kDataPlane, kRead, false, first_batch_table}, {batch_get_item, batch_get_input}},
      {{"BatchWriteItem", kDataPlane, kWrite, kJournaled, first_batch_table}, {batch_write_item, batch_write_input}},
      {{"TransactGetItems", kDataPlane, kRead, false, first_transaction_table},
       {transact_get_items, transact_get_input}},
      {{"TransactWriteItems", kDataPlane, kWrite, kJournaled, first_transaction_table},
       {transact_write_items, transact_write_input}},
      // PartiQL: each statement runs as the native read or write it stands for, with that operation's capacity.
      {{"ExecuteStatement", kDataPlane, kWrite, kJournaled, statement_table},
       {execute_statement, execute_statement_input}},
      {{"BatchExecuteStatement", kDataPlane, kWrite, kJournaled, first_statement_table},
       {batch_execute_statement, batch_execute_statement_input}},
      {{"ExecuteTransaction", kDataPlane, kWrite, kJournaled, first_statement_table},
       {execute_transaction, execute_transaction_input}},
  };
}

}  // namespace chokepoint
