#pragma once
// A Scheduler whose clock only moves when told to, for deterministic tests: advancing the clock runs the
// tasks that fall due, in due-time order (ties in scheduling order), including tasks those tasks schedule.
// Thread-safe; tasks run on the thread that advances the clock, with no lock held.
#include <cstdint>
#include <map>
#include <mutex>
#include <utility>

#include "common/scheduler.hpp"

namespace chokepoint {

class ManualScheduler final : public Scheduler {
 public:
  explicit ManualScheduler(TimePoint start = TimePoint{std::chrono::seconds{1'800'000'000}}) : now_(start) {}

  void run_after(Duration delay, std::function<void()> task) override;
  TimePoint now() const override;

  // Runs every task due at the current time (and those they schedule with no delay). Returns how many ran.
  size_t run_due();
  // Moves the clock forward by `d`, running tasks as their due times are reached.
  size_t advance(Duration d);
  // Advances in `step`s until no task is pending or `limit` has passed. Returns the time advanced.
  Duration run_until_idle(Duration step, Duration limit);
  size_t pending() const;

 private:
  bool run_one_due(TimePoint until);

  mutable std::mutex mutex_;
  TimePoint now_;
  uint64_t sequence_ = 0;
  std::map<std::pair<TimePoint, uint64_t>, std::function<void()>> tasks_;
};

}  // namespace chokepoint
