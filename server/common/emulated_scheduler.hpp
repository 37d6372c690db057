#pragma once
// Work that falls due on the emulated clock (CloudFormation provisioning steps, and anything else that acts on
// its own rather than in answer to a request). Tasks run in due-time order (ties in scheduling order), each seeing
// the clock at its own due time when the clock is moved past several at once: advancing ten minutes completes
// each step at the moment it falls due, not all at the end.
//
// Who runs the tasks: whoever moves the clock (advance, advance_to), and run_due(). The server gives a waker
// that arranges a call to run_due() after a wall-clock delay (an Asio timer); tests leave it out and run what
// is due themselves. Thread-safe; tasks run with no lock of the scheduler's own held except the one that keeps
// runs in order, so a task may schedule further tasks but must not move the clock.
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "common/emulated_clock.hpp"
#include "common/scheduler.hpp"

namespace chokepoint {

class EmulatedScheduler : public Scheduler {
 public:
  // Asked for a call to run_due() after the given wall-clock delay, replacing any earlier request; nullopt: none
  // is needed (nothing is pending, or the clock stands still short of the next task). Called with the
  // scheduler's lock held: it must hand the request on (post it) and never call back into the scheduler.
  using Waker = std::function<void(std::optional<Duration> wall_delay)>;

  explicit EmulatedScheduler(EmulatedClock& clock) : clock_(clock) {}

  void set_waker(Waker waker);

  void run_after(Duration delay, std::function<void()> task) override;
  TimePoint now() const override { return clock_.now(); }
  const EmulatedClock& clock() const { return clock_; }

  // Runs the tasks due now (and those they schedule that are due too), at most `limit`. Returns how many ran.
  // When another thread is already running tasks, returns 0 at once: that thread runs these too.
  size_t run_due(size_t limit = SIZE_MAX);
  // Moves the clock forward by `d` (or to `t`), running tasks in order as their due times are reached. Moving to
  // a time that is not later than now runs what is due and leaves the clock where it is.
  size_t advance(Duration d);
  size_t advance_to(TimePoint t);
  // Runs what is due, then advances in `step`s until no task is pending or `limit` has passed. Returns the time
  // advanced. For tests and tools that want background work finished.
  Duration run_until_idle(Duration step, Duration limit);
  void set_mode(ClockMode mode);
  void set_speed(double speed);

  size_t pending() const;

  // Called after each advance, mode or speed change made through this scheduler (durable mode records the
  // clock's time). Add listeners at start-up, before the clock is moved.
  void on_clock_change(std::function<void()> listener) { listeners_.push_back(std::move(listener)); }

 private:
  struct DueTask {
    TimePoint due;
    std::function<void()> run;
  };
  std::optional<DueTask> pop_due(TimePoint until);
  size_t run_until(const std::function<TimePoint()>& until, size_t limit);
  void rearm();  // tells the waker when the next task falls due
  void clock_changed();

  EmulatedClock& clock_;
  std::mutex running_;  // one thread runs tasks at a time, so that they run in due order
  mutable std::mutex mutex_;
  uint64_t sequence_ = 0;
  std::map<std::pair<TimePoint, uint64_t>, std::function<void()>> tasks_;
  Waker waker_;
  std::vector<std::function<void()>> listeners_;
};

}  // namespace chokepoint
