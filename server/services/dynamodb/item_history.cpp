#include "services/dynamodb/item_history.hpp"

namespace chokepoint {

ItemHistory::ItemHistory(const ItemStore& items, TimePoint now) : base_time_(now) {
  for (const auto& [key, item] : items.items()) base_.emplace_hint(base_.end(), key, item);
}

void ItemHistory::apply(Items& items, const StoreKey& key, const PackedItem& item) {
  if (item.empty()) {
    items.erase(key);
  } else {
    items.insert_or_assign(key, item);
  }
}

void ItemHistory::record(const StoreKey& key, const PackedItem& item, TimePoint now) {
  changes_.push_back(Change{now, key, item});
  while (changes_.size() > kMaxChanges) {
    const Change& oldest = changes_.front();
    apply(base_, oldest.key, oldest.item);
    base_time_ = oldest.at;
    changes_.pop_front();
  }
}

std::vector<PackedItem> ItemHistory::items_at(TimePoint t) const {
  Items items = base_;
  for (const Change& change : changes_) {
    if (change.at > t) break;
    apply(items, change.key, change.item);
  }
  std::vector<PackedItem> out;
  out.reserve(items.size());
  for (auto& entry : items) out.push_back(std::move(entry.second));
  return out;
}

}  // namespace chokepoint
