#include "services/dynamodb/item_store.hpp"

namespace chokepoint {

const PackedItem* ItemStore::find(const StoreKey& key) const {
  const auto it = items_.find(key);
  return it == items_.end() ? nullptr : &it->second;
}

PackedItem ItemStore::put(const StoreKey& key, PackedItem item) {
  bytes_ += item.size_bytes();
  auto [it, inserted] = items_.try_emplace(key);
  PackedItem old = std::move(it->second);
  bytes_ -= old.size_bytes();
  it->second = std::move(item);
  return old;
}

PackedItem ItemStore::erase(const StoreKey& key) {
  const auto it = items_.find(key);
  if (it == items_.end()) return {};
  PackedItem old = std::move(it->second);
  bytes_ -= old.size_bytes();
  items_.erase(it);
  return old;
}

void ItemStore::clear() {
  items_.clear();
  bytes_ = 0;
}

}  // namespace chokepoint
