#pragma once
// Bounds the distinct values of one Prometheus label: the first `max_values` distinct values are kept as
// they are, later ones are reported as "other" (and counted), so a client that makes up account ids or
// regions cannot grow the exposition without bound. Thread-safe; admitted values are looked up under a
// shared lock.
#include <atomic>
#include <cstdint>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_set>

#include "metrics/flat_key.hpp"

namespace chokepoint {

class LabelCap {
 public:
  static constexpr std::string_view kOther = "other";

  LabelCap(std::string label, size_t max_values) : label_(std::move(label)), max_values_(max_values) {}

  // `value` while it is one of the first max_values distinct values, else "other". The view stays valid for
  // the cap's lifetime.
  std::string_view admit(std::string_view value);

  const std::string& label() const { return label_; }
  size_t max_values() const { return max_values_; }
  uint64_t overflowed() const { return overflowed_.load(std::memory_order_relaxed); }

 private:
  std::string label_;
  size_t max_values_;
  mutable std::shared_mutex mutex_;
  std::unordered_set<std::string, FlatKeyHash, std::equal_to<>> values_;
  std::atomic<uint64_t> overflowed_{0};
};

// The caps of labels that several metric families share, so that every family folds the same values into
// "other".
struct SharedLabelCaps {
  explicit SharedLabelCaps(size_t max_accounts, size_t max_regions, size_t max_operations)
      : accounts("account", max_accounts), regions("region", max_regions), operations("operation", max_operations) {}
  LabelCap accounts, regions, operations;
};

}  // namespace chokepoint
