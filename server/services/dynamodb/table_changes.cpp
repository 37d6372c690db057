#include "services/dynamodb/table_changes.hpp"

#include "persistence/change_record.hpp"
#include "persistence/record_time.hpp"
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

void record_table_state(ChangeLog& log, const Table& table) {
  log.append(table_record(table));
}

std::string table_deleted_record(const std::string& arn) {
  return record_text(kDynamoDbRecords, "table", arn, std::string_view("null"));
}

std::string backup_record(const Backup& b) {
  const nlohmann::json details = {{"arn", b.arn},
                                  {"name", b.name},
                                  {"table_name", b.table_name},
                                  {"table_arn", b.table_arn},
                                  {"table_id", b.table_id},
                                  {"created", record_time(b.created)},
                                  {"available_at", record_time(b.available_at)},
                                  {"size_bytes", b.size_bytes},
                                  {"source", b.source}};
  // The items are already JSON text: written as they are rather than parsed into a tree first.
  std::string state = R"({"backup":)" + details.dump() + R"(,"items":[)";
  for (std::size_t i = 0; i < b.items.size(); ++i) {
    if (i > 0) state.push_back(',');
    b.items[i].append_json(state);
  }
  state += "]}";
  return record_text(kDynamoDbRecords, "backup", b.arn, state);
}

std::string backup_deleted_record(const std::string& arn) {
  return record_text(kDynamoDbRecords, "backup", arn, std::string_view("null"));
}

std::shared_ptr<Backup> backup_from_record(const nlohmann::json& state) {
  if (!state.is_object()) return nullptr;
  try {
    const nlohmann::json& d = state.at("backup");
    auto b = std::make_shared<Backup>();
    b->arn = d.at("arn").get<std::string>();
    b->name = d.at("name").get<std::string>();
    b->table_name = d.at("table_name").get<std::string>();
    b->table_arn = d.at("table_arn").get<std::string>();
    b->table_id = d.at("table_id").get<std::string>();
    b->created = optional_time_from_record(d.at("created")).value_or(TimePoint{});
    b->available_at = optional_time_from_record(d.at("available_at")).value_or(TimePoint{});
    b->size_bytes = d.at("size_bytes").get<uint64_t>();
    b->source = d.at("source");
    for (const auto& item : state.at("items")) {
      AttrMap attrs;
      if (!attrs_from_json(item, attrs).empty()) return nullptr;
      b->items.push_back(PackedItem::pack(attrs));
    }
    return b;
  } catch (const std::exception&) {
    return nullptr;
  }
}

}  // namespace chokepoint
