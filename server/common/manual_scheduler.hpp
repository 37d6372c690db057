#pragma once
// A scheduler on a clock that stands still until advanced, for deterministic tests: advancing runs the tasks that
// fall due, in due-time order (ties in scheduling order), including tasks those tasks schedule, each at its own
// due time. Tasks run on the thread that advances the clock.
#include "common/emulated_scheduler.hpp"

namespace chokepoint {

namespace detail {
// Built before the scheduler that uses them (a base class constructed first).
struct StoppedClocks {
  explicit StoppedClocks(TimePoint start) : wall(start), stopped(wall, ClockMode::kManual) {}
  ManualClock wall;
  EmulatedClock stopped;
};
}  // namespace detail

class ManualScheduler final : private detail::StoppedClocks, public EmulatedScheduler {
 public:
  explicit ManualScheduler(TimePoint start = TimePoint{std::chrono::seconds{1'800'000'000}})
      : detail::StoppedClocks(start), EmulatedScheduler(stopped) {}
};

}  // namespace chokepoint
