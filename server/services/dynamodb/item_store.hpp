#pragma once
// A table's items, ordered by StoreKey (partition token, partition key, sort key). Not thread-safe: the
// owning Table's lock guards it.
#include <cstdint>
#include <map>

#include "services/dynamodb/key_codec.hpp"
#include "services/dynamodb/packed_item.hpp"

namespace chokepoint {

class ItemStore {
 public:
  using Map = std::map<StoreKey, PackedItem, StoreKeyLess>;

  const PackedItem* find(const StoreKey& key) const;
  // Stores `item` under `key`; returns the item it replaced (empty when none).
  PackedItem put(const StoreKey& key, PackedItem item);
  // Removes and returns the item (empty when none).
  PackedItem erase(const StoreKey& key);
  void clear();

  const Map& items() const { return items_; }
  std::size_t count() const { return items_.size(); }
  uint64_t bytes() const { return bytes_; }

 private:
  Map items_;
  uint64_t bytes_ = 0;
};

}  // namespace chokepoint
