#pragma once
// The series of one Prometheus metric family: label values -> an entry of atomic counters. Label values go
// through LabelCaps, so the number of series is bounded by the product of the caps. The common case (a
// series that exists) is one hash lookup under a shared shard lock and no allocation; entries never move,
// so callers update them with atomics after the lookup. Thread-safe.
#include <array>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "metrics/flat_key.hpp"
#include "metrics/label_cap.hpp"

namespace chokepoint {

template <typename Entry>
class SeriesMap {
 public:
  // One cap per label, in label order; a null cap leaves that label as it is (for labels bounded elsewhere).
  explicit SeriesMap(std::vector<LabelCap*> caps) : caps_(std::move(caps)) {}

  Entry& get(std::span<const std::string_view> values) {
    thread_local std::string key;
    flat(values, key);
    const HashedKey hashed(key);
    Shard& shard = shards_[hashed.hash % kShards];
    {
      std::shared_lock lock(shard.mutex);
      if (auto it = shard.entries.find(hashed); it != shard.entries.end()) return it->second->entry;
    }
    return insert(values);
  }

  // Calls fn(labels, entry) for every series; labels in label order.
  template <typename Fn>
  void for_each(Fn&& fn) const {
    for (const auto& shard : shards_) {
      std::shared_lock lock(shard.mutex);
      for (const auto& [key, node] : shard.entries) fn(node->labels, node->entry);
    }
  }

 private:
  static constexpr size_t kShards = 16;
  struct Node {
    std::vector<std::string> labels;
    Entry entry;
  };
  struct Shard {
    mutable std::shared_mutex mutex;
    std::unordered_map<std::string, std::unique_ptr<Node>, FlatKeyHash, FlatKeyEqual> entries;
  };

  static void flat(std::span<const std::string_view> values, std::string& key) {
    key.clear();
    for (const auto v : values) append_key_part(key, v);
  }
  Shard& shard_of(std::string_view key) { return shards_[HashedKey(key).hash % kShards]; }

  // A series not seen yet, or values beyond a cap: map the values through the caps, then find or add.
  Entry& insert(std::span<const std::string_view> values) {
    std::vector<std::string> labels;
    labels.reserve(values.size());
    for (size_t i = 0; i < values.size(); ++i) {
      LabelCap* cap = i < caps_.size() ? caps_[i] : nullptr;
      labels.emplace_back(cap ? cap->admit(values[i]) : values[i]);
    }
    std::string key;
    for (const auto& l : labels) append_key_part(key, l);
    Shard& shard = shard_of(key);
    std::unique_lock lock(shard.mutex);
    auto& node = shard.entries[key];
    if (!node) {
      node = std::make_unique<Node>();
      node->labels = std::move(labels);
    }
    return node->entry;
  }

  std::vector<LabelCap*> caps_;
  std::array<Shard, kShards> shards_;
};

}  // namespace chokepoint
