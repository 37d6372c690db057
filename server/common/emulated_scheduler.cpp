#include "common/emulated_scheduler.hpp"

namespace chokepoint {

namespace {

// A background task must never take a thread down with it; the components that schedule work turn their own
// failures into state (a failed resource), so anything reaching here is dropped.
void run_guarded(const std::function<void()>& task) {
  try {
    task();
  } catch (const std::exception&) {
  }
}

}  // namespace

void EmulatedScheduler::set_waker(Waker waker) {
  {
    std::lock_guard lock(mutex_);
    waker_ = std::move(waker);
  }
  rearm();
}

void EmulatedScheduler::run_after(Duration delay, std::function<void()> task) {
  const TimePoint due = clock_.now() + std::max(delay, Duration::zero());
  bool earliest = false;
  {
    std::lock_guard lock(mutex_);
    auto it = tasks_.emplace(std::make_pair(due, sequence_++), std::move(task)).first;
    earliest = it == tasks_.begin();
  }
  if (earliest) rearm();
}

size_t EmulatedScheduler::pending() const {
  std::lock_guard lock(mutex_);
  return tasks_.size();
}

std::optional<EmulatedScheduler::DueTask> EmulatedScheduler::pop_due(TimePoint until) {
  std::lock_guard lock(mutex_);
  if (tasks_.empty() || tasks_.begin()->first.first > until) return std::nullopt;
  auto it = tasks_.begin();
  DueTask task{it->first.first, std::move(it->second)};
  tasks_.erase(it);
  return task;
}

// Runs due tasks one at a time until none is due by `until()` (asked again after each task, since the clock may
// run on meanwhile), moving the clock to each task's due time first.
size_t EmulatedScheduler::run_until(const std::function<TimePoint()>& until, size_t limit) {
  size_t ran = 0;
  while (ran < limit) {
    auto task = pop_due(until());
    if (!task) break;
    clock_.move_to(task->due);
    run_guarded(task->run);
    ++ran;
  }
  return ran;
}

size_t EmulatedScheduler::run_due(size_t limit) {
  size_t ran = 0;
  {
    std::unique_lock lock(running_, std::try_to_lock);
    if (!lock.owns_lock()) return 0;
    ran = run_until([this] { return clock_.now(); }, limit);
  }
  rearm();
  return ran;
}

size_t EmulatedScheduler::advance(Duration d) {
  return advance_to(clock_.now() + std::max(d, Duration::zero()));
}

size_t EmulatedScheduler::advance_to(TimePoint t) {
  size_t ran = 0;
  {
    std::lock_guard lock(running_);
    ran = run_until([this, t] { return std::max(t, clock_.now()); }, SIZE_MAX);
    clock_.move_to(t);
  }
  rearm();
  clock_changed();
  return ran;
}

Duration EmulatedScheduler::run_until_idle(Duration step, Duration limit) {
  Duration advanced = Duration::zero();
  run_due();
  while (pending() > 0 && advanced < limit) {
    advance(step);
    advanced += step;
  }
  return advanced;
}

void EmulatedScheduler::set_mode(ClockMode mode) {
  clock_.set_mode(mode);
  rearm();
  clock_changed();
}

void EmulatedScheduler::set_speed(double speed) {
  clock_.set_speed(speed);
  rearm();
  clock_changed();
}

void EmulatedScheduler::clock_changed() {
  for (const auto& listener : listeners_) listener();
}

// Under the lock, so that the waker hears of changes in the order they happened: a stale "nothing to do" can
// never arrive after the news of a new task.
void EmulatedScheduler::rearm() {
  std::lock_guard lock(mutex_);
  if (!waker_) return;
  waker_(tasks_.empty() ? std::nullopt : clock_.wall_time_until(tasks_.begin()->first.first));
}

}  // namespace chokepoint
