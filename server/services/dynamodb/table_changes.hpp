#pragma once
// DynamoDB's records in durable mode (see persistence/change_record.hpp), keyed by the table's ARN:
//   "table"        the table's whole description (table_state_json), or null once deleted
//   "item"         an item's whole new state (AttributeValue JSON)
//   "item-delete"  the key of a deleted item
//   "stream"       one stream record (stream_state_json.hpp); the table's record carries the stream descriptions
//   "backup"       keyed by the backup's ARN: the whole backup (details, source description, items), or null once
//                  deleted
// Callers hold the table's lock, so a table's records are in the order its changes were applied.
#include <string>

#include "persistence/change_log.hpp"
#include "services/dynamodb/backup_store.hpp"
#include "services/dynamodb/table.hpp"

namespace chokepoint {

inline constexpr std::string_view kDynamoDbRecords = "dynamodb";

// After Table::write: `item` is the new item, or the removed one when `deleted`.
void record_item_change(ChangeLog& log, const Table& table, const PackedItem& item, bool deleted);
// After Table::write appended `record` to the enabled stream `label`.
void record_stream_change(ChangeLog& log, const Table& table, std::string_view label, const StreamRecord& record);
std::string stream_record_text(const Table& table, std::string_view label, const StreamRecord& record);
std::string table_record(const Table& table);
// Appends the table's record: its description with its streams' shards (a shard rolled over).
void record_table_state(ChangeLog& log, const Table& table);
std::string table_deleted_record(const std::string& arn);
std::string item_record(const Table& table, const PackedItem& item);
std::string backup_record(const Backup& backup);
std::string backup_deleted_record(const std::string& arn);
// The backup a "backup" record holds; null when the record is not one.
std::shared_ptr<Backup> backup_from_record(const nlohmann::json& state);

}  // namespace chokepoint
