// CreateBackup, DescribeBackup, ListBackups, DeleteBackup and RestoreTableFromBackup: on-demand backups
// (backup_store.hpp), made at once from the table's items and CREATING for the table creation delay
// (dynamodb.table_creation_delay_ms) before they are AVAILABLE. Only USER backups exist here.
// [DDBBK] https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateBackup.html
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <shared_mutex>

#include "common/time_format.hpp"
#include "services/dynamodb/backup_store.hpp"
#include "services/dynamodb/control_handlers.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/table_description.hpp"
#include "services/dynamodb/table_restore.hpp"

namespace chokepoint {

namespace {

constexpr std::size_t kBackupPageSize = 100;  // ListBackups' Limit maximum, used when none is given

ApiError backup_not_found(const std::string& arn) {
  return make_error("BackupNotFoundException", "Backup not found: " + arn);
}

ApiError backup_in_use() {
  return make_error("BackupInUseException",
                    "There is another ongoing conflicting backup control plane operation on the table. The backup is "
                    "either being created, deleted or restored to a table.");
}

// arn:aws:dynamodb:<region>:<account>:table/<table>/backup/<13-digit epoch millis>-<8 hex digits>
std::string backup_arn(const DynamoCall& call, const std::string& table) {
  const long long millis = std::chrono::duration_cast<std::chrono::milliseconds>(call.now.time_since_epoch()).count();
  char stamp[32];
  std::snprintf(stamp, sizeof stamp, "%013lld", millis);
  return call.table_arn(table) + "/backup/" + stamp + "-" + call.ids.lower_hex(8);
}

nlohmann::json backup_details(const Backup& b, TimePoint now, const char* status = nullptr) {
  return {{"BackupArn", b.arn},
          {"BackupName", b.name},
          {"BackupSizeBytes", b.size_bytes},
          {"BackupStatus", status ? status : b.available(now) ? "AVAILABLE" : "CREATING"},
          {"BackupType", "USER"},
          {"BackupCreationDateTime", epoch_seconds(b.created)}};
}

// SourceTableDetails and SourceTableFeatureDetails, from the table's description at the backup.
nlohmann::json source_table_details(const nlohmann::json& d) {
  nlohmann::json out = {{"TableName", d.at("TableName")},
                        {"TableId", d.at("TableId")},
                        {"TableArn", d.at("TableArn")},
                        {"TableSizeBytes", d.at("TableSizeBytes")},
                        {"KeySchema", d.at("KeySchema")},
                        {"TableCreationDateTime", d.at("CreationDateTime")},
                        {"ItemCount", d.at("ItemCount")}};
  const nlohmann::json& throughput = d.at("ProvisionedThroughput");
  out["ProvisionedThroughput"] = {{"ReadCapacityUnits", throughput.value("ReadCapacityUnits", 0)},
                                  {"WriteCapacityUnits", throughput.value("WriteCapacityUnits", 0)}};
  if (d.contains("OnDemandThroughput")) out["OnDemandThroughput"] = d["OnDemandThroughput"];
  const bool on_demand = d.contains("BillingModeSummary") && d["BillingModeSummary"].value("BillingMode", "") == "PAY_PER_REQUEST";
  out["BillingMode"] = on_demand ? "PAY_PER_REQUEST" : "PROVISIONED";
  return out;
}

nlohmann::json feature_indexes(const nlohmann::json& described, bool global) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& index : described) {
    nlohmann::json entry = {{"IndexName", index.at("IndexName")},
                            {"KeySchema", index.at("KeySchema")},
                            {"Projection", index.at("Projection")}};
    if (global && index.contains("ProvisionedThroughput")) {
      entry["ProvisionedThroughput"] = {{"ReadCapacityUnits", index["ProvisionedThroughput"].value("ReadCapacityUnits", 0)},
                                        {"WriteCapacityUnits", index["ProvisionedThroughput"].value("WriteCapacityUnits", 0)}};
    }
    out.push_back(std::move(entry));
  }
  return out;
}

nlohmann::json source_feature_details(const nlohmann::json& d) {
  nlohmann::json out = nlohmann::json::object();
  if (d.contains("LocalSecondaryIndexes")) out["LocalSecondaryIndexes"] = feature_indexes(d["LocalSecondaryIndexes"], false);
  if (d.contains("GlobalSecondaryIndexes")) out["GlobalSecondaryIndexes"] = feature_indexes(d["GlobalSecondaryIndexes"], true);
  if (d.contains("StreamSpecification")) out["StreamDescription"] = d["StreamSpecification"];
  if (d.contains("SSEDescription")) out["SSEDescription"] = d["SSEDescription"];
  return out;
}

nlohmann::json backup_description(const Backup& b, TimePoint now, const char* status = nullptr) {
  return {{"BackupDetails", backup_details(b, now, status)},
          {"SourceTableDetails", source_table_details(b.source)},
          {"SourceTableFeatureDetails", source_feature_details(b.source)}};
}

nlohmann::json backup_summary(const Backup& b, TimePoint now) {
  nlohmann::json out = backup_details(b, now);
  out["TableName"] = b.table_name;
  out["TableId"] = b.table_id;
  out["TableArn"] = b.table_arn;
  return out;
}

bool creating_backup_of(const RegionTables& tables, const std::string& table_arn, TimePoint now) {
  for (const auto& b : tables.backups.all()) {
    if (b->table_arn == table_arn && !b->available(now)) return true;
  }
  return false;
}

// ListBackups' filters: the table, the creation time range [lower, upper], the backup type.
bool backup_listed(const Backup& b, const nlohmann::json& params) {
  const std::string table = table_name_of(param_str(params, "TableName"));
  if (!table.empty() && b.table_name != table) return false;
  const std::string type = param_str(params, "BackupType");
  if (!type.empty() && type != "USER" && type != "ALL") return false;
  const nlohmann::json& lower = param_json(params, "TimeRangeLowerBound");
  if (lower.is_number() && epoch_seconds(b.created) < lower.get<double>()) return false;
  const nlohmann::json& upper = param_json(params, "TimeRangeUpperBound");
  if (upper.is_number() && epoch_seconds(b.created) > upper.get<double>()) return false;
  return true;
}

}  // namespace

ApiResult create_backup(DynamoCall& call) {
  const std::string name = table_name_of(param_str(call.params, "TableName"));
  auto table = call.tables.find(name, call.now);
  if (!table) return dynamodb_errors::backups_table_not_found(name);
  if (creating_backup_of(call.tables, table->meta.arn, call.now)) return backup_in_use();
  auto backup = std::make_shared<Backup>();
  {
    std::shared_lock lock(table->mutex);
    backup->arn = backup_arn(call, name);
    backup->name = param_str(call.params, "BackupName");
    backup->table_name = name;
    backup->table_arn = table->meta.arn;
    backup->table_id = table->meta.id;
    backup->created = call.now;
    backup->available_at = call.now + std::chrono::milliseconds(call.config.dynamodb.table_creation_delay_ms);
    backup->size_bytes = table->items.bytes();
    backup->source = describe_table_json(*table, call.now);
    backup->items.reserve(table->items.count());
    for (const auto& entry : table->items.items()) backup->items.push_back(entry.second);
  }
  call.tables.backups.add(backup);
  ApiResponse r;
  r.body["BackupDetails"] = backup_details(*backup, call.now);
  return r;
}

ApiResult describe_backup(DynamoCall& call) {
  const std::string arn = param_str(call.params, "BackupArn");
  const auto backup = call.tables.backups.find(arn);
  if (!backup) return backup_not_found(arn);
  ApiResponse r;
  r.body["BackupDescription"] = backup_description(*backup, call.now);
  return r;
}

ApiResult list_backups(DynamoCall& call) {
  const nlohmann::json& limit = param_json(call.params, "Limit");
  const std::size_t page = limit.is_number_integer() ? static_cast<std::size_t>(limit.get<long long>()) : kBackupPageSize;
  const std::string start = param_str(call.params, "ExclusiveStartBackupArn");
  std::vector<std::shared_ptr<const Backup>> found;
  for (auto& b : call.tables.backups.all()) {
    if (backup_listed(*b, call.params)) found.push_back(std::move(b));
  }
  auto first = found.begin();
  if (!start.empty()) {
    const auto at = std::find_if(found.begin(), found.end(), [&start](const auto& b) { return b->arn == start; });
    first = at == found.end() ? found.end() : std::next(at);
  }
  ApiResponse r;
  nlohmann::json& summaries = r.body["BackupSummaries"] = nlohmann::json::array();
  for (auto it = first; it != found.end() && summaries.size() < page; ++it) {
    summaries.push_back(backup_summary(**it, call.now));
    if (summaries.size() == page && std::next(it) != found.end()) r.body["LastEvaluatedBackupArn"] = (*it)->arn;
  }
  return r;
}

ApiResult delete_backup(DynamoCall& call) {
  const std::string arn = param_str(call.params, "BackupArn");
  const auto backup = call.tables.backups.find(arn);
  if (!backup) return backup_not_found(arn);
  if (!backup->available(call.now)) return backup_in_use();
  call.tables.backups.remove(arn);
  ApiResponse r;
  r.body["BackupDescription"] = backup_description(*backup, call.now, "DELETED");
  return r;
}

ApiResult restore_table_from_backup(DynamoCall& call) {
  const std::string arn = param_str(call.params, "BackupArn");
  const auto backup = call.tables.backups.find(arn);
  if (!backup) return backup_not_found(arn);
  if (!backup->available(call.now)) return backup_in_use();
  return restore_table(call, RestoreSource{backup->source, backup->items,
                                           RestoreSummary{backup->arn, backup->table_arn, backup->created}});
}

}  // namespace chokepoint
