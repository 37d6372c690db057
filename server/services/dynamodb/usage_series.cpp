#include "services/dynamodb/usage_series.hpp"

#include <cmath>

namespace chokepoint {

namespace {

std::size_t ring_index(int64_t n, std::size_t size) {
  const int64_t m = n % static_cast<int64_t>(size);
  return static_cast<std::size_t>(m < 0 ? m + static_cast<int64_t>(size) : m);
}

}  // namespace

SecondSeries::Slot& SecondSeries::slot(int64_t second) {
  Slot& s = slots_[ring_index(second, kSeconds)];
  if (s.second != second) s = Slot{second, {0, 0}, {0, 0}};
  return s;
}

void SecondSeries::add_consumed(int64_t second, int direction, double units) { slot(second).consumed[direction] += units; }

void SecondSeries::add_throttled(int64_t second, int direction) { ++slot(second).throttled[direction]; }

std::array<double, SecondSeries::kSeconds> SecondSeries::consumed(int64_t second, int direction) const {
  std::array<double, kSeconds> out{};
  for (int i = 0; i < kSeconds; ++i) {
    const int64_t s = second - (kSeconds - 1) + i;
    const Slot& slot = slots_[ring_index(s, kSeconds)];
    if (slot.second == s) out[static_cast<std::size_t>(i)] = slot.consumed[direction];
  }
  return out;
}

std::array<uint32_t, SecondSeries::kSeconds> SecondSeries::throttled(int64_t second, int direction) const {
  std::array<uint32_t, kSeconds> out{};
  for (int i = 0; i < kSeconds; ++i) {
    const int64_t s = second - (kSeconds - 1) + i;
    const Slot& slot = slots_[ring_index(s, kSeconds)];
    if (slot.second == s) out[static_cast<std::size_t>(i)] = slot.throttled[direction];
  }
  return out;
}

void SustainedRate::set_window(double window_seconds) {
  slot_seconds_ = window_seconds / kSlots;
  current_ = INT64_MIN;
  sums_.fill(0);
  complete_ = 0;
}

bool SustainedRate::advance(int64_t slot) {
  if (current_ == INT64_MIN || slot - current_ > kSlots + 1) {
    // First use, or silent for more than a window: nothing recorded is still inside it.
    const bool closed = current_ != INT64_MIN;
    sums_.fill(0);
    complete_ = 0;
    current_ = slot;
    return closed;
  }
  if (slot <= current_) return false;
  while (current_ < slot) {
    // The slot being filled becomes complete; the oldest complete one leaves the window.
    complete_ += sums_[ring_index(current_, sums_.size())];
    complete_ -= sums_[ring_index(current_ - kSlots, sums_.size())];
    ++current_;
    sums_[ring_index(current_, sums_.size())] = 0;
  }
  return true;
}

double SustainedRate::add(double seconds, double units) {
  const bool closed = advance(static_cast<int64_t>(std::floor(seconds / slot_seconds_)));
  sums_[ring_index(current_, sums_.size())] += units;
  return closed ? complete_ / (slot_seconds_ * kSlots) : -1;
}

}  // namespace chokepoint
