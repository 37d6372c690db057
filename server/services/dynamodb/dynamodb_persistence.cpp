// DynamoDbService's durable mode: recording control-plane changes, dumping every table and item for a
// snapshot, and restoring records (see table_changes.hpp for the record kinds).
#include <mutex>
#include <shared_mutex>

#include "services/dynamodb/attribute_json.hpp"
#include "services/dynamodb/dynamodb_service.hpp"
#include "services/dynamodb/key_codec.hpp"
#include "services/dynamodb/stream_state_json.hpp"
#include "services/dynamodb/table_arn.hpp"
#include "services/dynamodb/table_changes.hpp"
#include "services/dynamodb/table_state_json.hpp"

namespace chokepoint {

namespace {

// A recovered description replaces the table; when it is the same table (same id) its items and stream records
// move over, so that index changes rebuild the indexes.
void restore_table(RegionTables& tables, TableMeta meta, const nlohmann::json& streams) {
  const TimePoint any{};  // restoring ignores deletion times
  auto previous = tables.find(meta.name, any);
  auto table = std::make_shared<Table>(std::move(meta));
  if (previous && previous->meta.id == table->meta.id) {
    for (const auto& [key, item] : previous->items.items()) table->replay(key, item);
    table->streams = std::move(previous->streams);
  }
  restore_streams(streams, table->meta.arn, table->streams);
  tables.restore(std::move(table));
}

void restore_item(RegionTables& tables, const std::string& name, const nlohmann::json& state, bool deleted) {
  auto table = tables.find(name, TimePoint{});
  AttrMap attrs;
  if (!table || !attrs_from_json(state, attrs).empty()) return;
  const KeySchema& key = table->meta.schema.key;
  if (!attrs.find(key.hash.name) || (key.range && !attrs.find(key.range->name))) return;
  const StoreKey store = store_key(attrs, key);
  table->replay(store, deleted ? PackedItem{} : table->pack(attrs));
}

}  // namespace

std::string_view DynamoDbService::persistence_name() const { return kDynamoDbRecords; }

void DynamoDbService::attach_change_log(ChangeLog* log) {
  change_log_ = log;
  state_.attach_change_log(log);
}

void DynamoDbService::record_table_change(const ApiRequest& request, RegionTables& tables, TimePoint now) {
  const std::string name = resource_of(request);
  if (request.operation == "DeleteTable") {
    change_log_->append(table_deleted_record(table_arn(request.identity.region, request.identity.account_id, name)));
    return;
  }
  auto table = tables.find(name, now);
  if (!table) return;
  std::shared_lock lock(table->mutex);
  change_log_->append(table_record(*table));
}

void DynamoDbService::dump(const RecordSink& emit) const {
  for (const auto& [account, region, tables] : state_.regions()) {
    for (const auto& table : tables->tables(TimePoint{})) {
      std::vector<PackedItem> items;
      std::vector<std::string> stream_records;
      std::string table_text;
      {
        std::shared_lock lock(table->mutex);
        if (table->meta.lifecycle.status == TableStatus::kDeleting) continue;
        table_text = table_record(*table);
        items.reserve(table->items.count());
        for (const auto& [key, item] : table->items.items()) items.push_back(item);
        for (const Stream& stream : table->streams.all()) {
          for (const StreamShard& shard : stream.shards) {
            for (const StreamRecord& r : shard.records) {
              stream_records.push_back(stream_record_text(*table, stream.label, r));
            }
          }
        }
      }
      emit(std::move(table_text));
      for (const auto& item : items) emit(item_record(*table, item));
      for (auto& text : stream_records) emit(std::move(text));
    }
    for (const auto& backup : tables->backups.all()) emit(backup_record(*backup));
  }
}

void DynamoDbService::restore(const ChangeRecord& record, const RestoreContext& ctx) {
  const auto address = parse_table_arn(record.key);
  if (!address) return;
  auto tables = state_.region(address->account, address->region, nullptr);
  if (record.kind == "table") {
    std::optional<TableMeta> meta;
    if (!record.state.is_null()) meta = table_meta_from_json(record.state);
    if (meta && meta->lifecycle.status != TableStatus::kDeleting) {
      restore_table(*tables, std::move(*meta), record.state.value("streams", nlohmann::json()));
    } else {
      tables->remove(address->name);
    }
  } else if (record.kind == "item" || record.kind == "item-delete") {
    restore_item(*tables, address->name, record.state, record.kind == "item-delete");
  } else if (record.kind == "backup") {
    if (auto backup = backup_from_record(record.state)) {
      tables->backups.restore(std::move(backup));
    } else {
      tables->backups.forget(record.key);
    }
  } else if (record.kind == "stream") {
    if (auto table = tables->find(address->name, TimePoint{})) restore_stream_record(record.state, *table);
  }
  (void)ctx;
}

}  // namespace chokepoint
