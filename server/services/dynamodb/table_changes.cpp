#include "services/dynamodb/table_changes.hpp"

#include "persistence/change_record.hpp"
#include "services/dynamodb/attribute_json.hpp"
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
  const KeySchema& key = table.meta.schema.key;
  std::vector<std::string> names{key.hash.name};
  if (key.range) names.push_back(key.range->name);
  std::string state;
  item.append_json(state, names);
  log.append(record_text(kDynamoDbRecords, "item-delete", table.meta.arn, state));
}

std::string table_record(const Table& table) {
  return json_record_text(kDynamoDbRecords, "table", table.meta.arn, table_meta_to_json(table.meta));
}

std::string table_deleted_record(const std::string& arn) {
  return record_text(kDynamoDbRecords, "table", arn, std::string_view("null"));
}

}  // namespace chokepoint
