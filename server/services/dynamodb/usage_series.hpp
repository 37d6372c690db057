#pragma once
// Time series behind the capacity model, both O(1) per update and free of allocation:
//   SecondSeries   consumed units and throttled requests per second over the last minute (inspection);
//   SustainedRate  the average rate over a long window (on-demand: traffic "sustained" for 30 minutes becomes
//                  the new previous peak).
// Not thread-safe: the owning TableCapacity's mutex guards them.
#include <array>
#include <cstdint>

namespace chokepoint {

class SecondSeries {
 public:
  static constexpr int kSeconds = 60;

  void add_consumed(int64_t second, int direction, double units);
  void add_throttled(int64_t second, int direction);
  // Per-second values of the minute ending with `second` (inclusive), oldest first.
  std::array<double, kSeconds> consumed(int64_t second, int direction) const;
  std::array<uint32_t, kSeconds> throttled(int64_t second, int direction) const;

 private:
  struct Slot {
    int64_t second = -1;
    double consumed[2] = {0, 0};
    uint32_t throttled[2] = {0, 0};
  };
  Slot& slot(int64_t second);

  std::array<Slot, kSeconds> slots_{};
};

class SustainedRate {
 public:
  static constexpr int kSlots = 30;

  explicit SustainedRate(double window_seconds = 1800) { set_window(window_seconds); }
  // Changes the window; what was recorded is dropped.
  void set_window(double window_seconds);
  // Records units at `seconds` (any epoch, monotonic per instance). Returns the average rate over the last
  // complete window when this call closed a slot, else a negative number.
  double add(double seconds, double units);
  double window_seconds() const { return slot_seconds_ * kSlots; }

 private:
  // Moves to the slot of `seconds`; returns true when at least one slot closed.
  bool advance(int64_t slot);

  double slot_seconds_ = 60;
  int64_t current_ = INT64_MIN;
  std::array<double, kSlots + 1> sums_{};  // the complete window plus the slot being filled
  double complete_ = 0;                    // sum of the kSlots complete slots
};

}  // namespace chokepoint
