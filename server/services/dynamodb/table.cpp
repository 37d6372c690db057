#include "services/dynamodb/table.hpp"

#include <algorithm>

#include "services/dynamodb/table_capacity.hpp"
#include "services/dynamodb/table_changes.hpp"

namespace chokepoint {

std::string_view table_status_name(TableStatus status) {
  switch (status) {
    case TableStatus::kCreating:
      return "CREATING";
    case TableStatus::kActive:
      return "ACTIVE";
    case TableStatus::kUpdating:
      return "UPDATING";
    case TableStatus::kDeleting:
      return "DELETING";
  }
  return "ACTIVE";
}

TableStatus Lifecycle::at(TimePoint now) const {
  if ((status == TableStatus::kCreating || status == TableStatus::kUpdating) && now >= until) {
    return TableStatus::kActive;
  }
  return status;
}

GlobalIndexState* TableMeta::global_index(const std::string& index_name) {
  for (auto& g : global_indexes) {
    if (g.name == index_name) return &g;
  }
  return nullptr;
}

const GlobalIndexState* TableMeta::global_index(const std::string& index_name) const {
  return const_cast<TableMeta*>(this)->global_index(index_name);
}

Table::Table(TableMeta m) : meta(std::move(m)), capacity(std::make_shared<TableCapacity>()) {
  for (const auto& index : meta.schema.indexes) {
    indexes.emplace_back(index, meta.schema.key, meta.schema.projected_attributes(index));
  }
}

PackedItem Table::write(const StoreKey& key, PackedItem item, TimePoint now, std::vector<IndexWrite>* index_writes,
                        bool by_service) {
  if (meta.point_in_time_recovery && !history) history = std::make_unique<ItemHistory>(items, now);
  PackedItem old = replay(key, item, index_writes);
  if ((!history && !streams.enabled()) || !item_changed(old, item)) return old;
  if (history) history->record(key, item, now);
  if (!streams.enabled()) return old;
  // A shard that fell due closes first, and durable mode notes the new shard before its first record.
  if (streams.advance(now) && change_log) record_table_state(*change_log, *this);
  if (const StreamRecord* record = streams.record(old, item, now, by_service); record && change_log) {
    record_stream_change(*change_log, *this, streams.enabled()->label, *record);
  }
  return old;
}

PackedItem Table::replay(const StoreKey& key, PackedItem item, std::vector<IndexWrite>* index_writes) {
  PackedItem old = item.empty() ? items.erase(key) : items.put(key, item);
  for (auto& index : indexes) {
    const IndexWrite w = index.apply(key, old, item);
    if (index_writes) index_writes->push_back(w);
  }
  if (change_log && !(item.empty() && old.empty())) record_item_change(*change_log, *this, item.empty() ? old : item, item.empty());
  return old;
}

PackedItem Table::pack(const AttrMap& item) const {
  const auto& range = meta.schema.key.range;
  return PackedItem::pack(item, range ? std::string_view(range->name) : std::string_view());
}

IndexStore* Table::index(const std::string& name) {
  for (auto& index : indexes) {
    if (index.schema().name == name) return &index;
  }
  return nullptr;
}

void Table::add_index(const IndexSchema& schema) {
  meta.schema.indexes.push_back(schema);
  IndexStore& store = indexes.emplace_back(schema, meta.schema.key, meta.schema.projected_attributes(schema));
  for (const auto& [key, item] : items.items()) store.apply(key, PackedItem{}, item);
}

void Table::remove_index(const std::string& name) {
  auto& list = meta.schema.indexes;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].name != name) continue;
    list.erase(list.begin() + static_cast<std::ptrdiff_t>(i));
    indexes.erase(indexes.begin() + static_cast<std::ptrdiff_t>(i));
    break;
  }
  auto& globals = meta.global_indexes;
  globals.erase(std::remove_if(globals.begin(), globals.end(), [&](const GlobalIndexState& g) { return g.name == name; }),
                globals.end());
}

bool Table::gone(TimePoint now) const {
  const long long at = gone_at_ns.load(std::memory_order_acquire);
  return at != 0 && std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count() >= at;
}

void Table::mark_deleted(TimePoint gone_at) {
  const long long ns = std::chrono::duration_cast<std::chrono::nanoseconds>(gone_at.time_since_epoch()).count();
  gone_at_ns.store(ns == 0 ? 1 : ns, std::memory_order_release);
}

}  // namespace chokepoint
