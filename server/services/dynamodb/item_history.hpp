#pragma once
// What point-in-time recovery restores from: the table's items when the history started (its base) and every
// item change since, in order, stamped on the emulated clock. The items at a time are the base with the changes
// up to that time applied. Memory is bounded: past kMaxChanges changes the oldest are folded into the base, which
// moves the earliest restorable time forward to the last change folded (DescribeContinuousBackups shows it).
// The history lives in memory only: in durable mode it starts again from the recovered items after a restart.
// Not thread-safe: the owning table's lock guards it.
#include <cstddef>
#include <deque>
#include <map>
#include <vector>

#include "common/clock.hpp"
#include "services/dynamodb/item_store.hpp"

namespace chokepoint {

class ItemHistory {
 public:
  static constexpr std::size_t kMaxChanges = 100'000;

  // Starts at `now` from the table's current items.
  ItemHistory(const ItemStore& items, TimePoint now);

  // An item change (an empty item: deleted), as Table::write applies it.
  void record(const StoreKey& key, const PackedItem& item, TimePoint now);
  // The earliest time whose items can be rebuilt.
  TimePoint earliest() const { return base_time_; }
  // The items as they were at `t` (t >= earliest()), in key order.
  std::vector<PackedItem> items_at(TimePoint t) const;
  std::size_t changes() const { return changes_.size(); }

 private:
  struct Change {
    TimePoint at;
    StoreKey key;
    PackedItem item;
  };
  using Items = std::map<StoreKey, PackedItem, StoreKeyLess>;
  static void apply(Items& items, const StoreKey& key, const PackedItem& item);

  Items base_;
  TimePoint base_time_;
  std::deque<Change> changes_;
};

}  // namespace chokepoint
