#include "metrics/label_cap.hpp"

#include <mutex>

namespace chokepoint {

std::string_view LabelCap::admit(std::string_view value) {
  {
    std::shared_lock lock(mutex_);
    if (auto it = values_.find(value); it != values_.end()) return *it;
    if (values_.size() >= max_values_) {
      overflowed_.fetch_add(1, std::memory_order_relaxed);
      return kOther;
    }
  }
  std::unique_lock lock(mutex_);
  if (auto it = values_.find(value); it != values_.end()) return *it;
  if (values_.size() >= max_values_) {
    overflowed_.fetch_add(1, std::memory_order_relaxed);
    return kOther;
  }
  return *values_.emplace(value).first;
}

}  // namespace chokepoint
