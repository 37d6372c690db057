#include "services/dynamodb/table_changes.hpp"

#include "persistence/change_record.hpp"
#include "services/dynamodb/attribute_json.hpp"
#include "services/dynamodb/stream_state_json.hpp"
#include "services/dynamodb/table_state_json.hpp"

namespace chokepoint {

std::string item_record(const Table& table, const PackedItem& item) {
  std::string state;
  item.append_json(state);
  return record_text(kDynamoDbRecords, "item", table.meta.arn, state);
}

void record_item_change(ChangeLog& log, const Table& table, const PackedItem& item, bool deleted) {
  if (!deleted) {
    log.append(item_record(table, item));
    return;
  }
  std::string state;
  item.append_json(state, table.meta.schema.key.names());
  log.append(record_text(kDynamoDbRecords, "item-delete", table.meta.arn, state));
}

std::string stream_record_text(const Table& table, std::string_view label, const StreamRecord& record) {
  return json_record_text(kDynamoDbRecords, "stream", table.meta.arn, stream_record_to_json(label, record));
}

void record_stream_change(ChangeLog& log, const Table& table, std::string_view label, const StreamRecord& record) {
  log.append(stream_record_text(table, label, record));
}

std::string table_record(const Table& table) {
  nlohmann::json state = table_meta_to_json(table.meta);
  state["streams"] = streams_to_json(table.streams);
  return json_record_text(kDynamoDbRecords, "table", table.meta.arn, state);
}

std::string table_deleted_record(const std::string& arn) {
  return record_text(kDynamoDbRecords, "table", arn, std::string_view("null"));
}

}  // namespace chokepoint
