#include "services/dynamodb/index_store.hpp"

#include <algorithm>

#include "services/dynamodb/composite_key.hpp"

namespace chokepoint {

IndexStore::IndexStore(IndexSchema schema, KeySchema table_key, std::vector<std::string> projected)
    : schema_(std::move(schema)), table_key_(std::move(table_key)), projected_(std::move(projected)) {}

namespace {

// The values of `attributes` in `item`, or false when one is missing or of another type.
bool key_values(const PackedItem& item, const std::vector<KeyAttribute>& attributes, std::vector<AttrValue>& out) {
  for (const auto& a : attributes) {
    auto v = item.get(a.name);
    if (!v || v->type() != a.type) return false;
    out.push_back(std::move(*v));
  }
  return true;
}

}  // namespace

std::optional<IndexKey> IndexStore::key_of(const StoreKey& table_key, const PackedItem& item) const {
  if (item.empty()) return std::nullopt;
  if (schema_.key.composite()) {
    // In the index only with every key attribute present (sparse, as for one-attribute keys).
    std::vector<AttrValue> hash, range;
    if (!key_values(item, schema_.key.hash_parts(), hash) || !key_values(item, schema_.key.range_parts(), range)) {
      return std::nullopt;
    }
    IndexKey key;
    key.hash = key_part_bytes(hash);
    key.token = key_part_token(hash);
    if (!range.empty()) key.range = key_part_bytes(range);
    key.table_key = table_key;
    key.item_token = item_token(item);
    return key;
  }
  const auto hash = item.get(schema_.key.hash.name);
  if (!hash || hash->type() != schema_.key.hash.type) return std::nullopt;
  IndexKey key;
  key.hash = key_bytes(*hash);
  key.token = partition_token(*hash);
  if (schema_.key.range) {
    const auto range = item.get(schema_.key.range->name);
    if (!range || range->type() != schema_.key.range->type) return std::nullopt;
    key.range = key_bytes(*range);
  }
  key.table_key = table_key;
  key.item_token = item_token(item);
  return key;
}

uint64_t IndexStore::item_token(const PackedItem& item) const {
  const auto hash = item.get(table_key_.hash.name);
  if (!hash) return 0;
  if (!table_key_.range) return partition_token(*hash);
  const auto range = item.get(table_key_.range->name);
  return partition_token(*hash, range ? &*range : nullptr);
}

uint64_t IndexStore::entry_size(const PackedItem& item) const {
  return projected_.empty() ? item.size_bytes() : item.size_of(projected_);
}

IndexWrite IndexStore::apply(const StoreKey& table_key, const PackedItem& old_item, const PackedItem& new_item) {
  const auto old_key = key_of(table_key, old_item);
  const auto new_key = key_of(table_key, new_item);
  IndexWrite write;
  if (!old_key && !new_key) return write;
  write.token = new_key ? new_key->token : old_key->token;
  const uint64_t old_size = old_key ? entry_size(old_item) : 0;
  const uint64_t new_size = new_key ? entry_size(new_item) : 0;
  write.entry_bytes = std::max(old_size, new_size);
  if (old_key && new_key && *old_key == *new_key) {
    const bool projected_change = projected_.empty() || old_size != new_size ||
                                  old_item.unpack_some(projected_) != new_item.unpack_some(projected_);
    entries_[*new_key] = new_item;
    bytes_ = bytes_ - old_size + new_size;
    write.operations = projected_change ? 1 : 0;
    return write;
  }
  if (old_key) {
    entries_.erase(*old_key);
    bytes_ -= old_size;
    ++write.operations;
  }
  if (new_key) {
    entries_.emplace(*new_key, new_item);
    bytes_ += new_size;
    ++write.operations;
  }
  return write;
}

void IndexStore::clear() {
  entries_.clear();
  bytes_ = 0;
}

}  // namespace chokepoint
