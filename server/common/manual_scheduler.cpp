#include "common/manual_scheduler.hpp"

namespace chokepoint {

void ManualScheduler::run_after(Duration delay, std::function<void()> task) {
  std::lock_guard lock(mutex_);
  const TimePoint due = now_ + (delay > Duration::zero() ? delay : Duration::zero());
  tasks_.emplace(std::make_pair(due, sequence_++), std::move(task));
}

TimePoint ManualScheduler::now() const {
  std::lock_guard lock(mutex_);
  return now_;
}

size_t ManualScheduler::pending() const {
  std::lock_guard lock(mutex_);
  return tasks_.size();
}

// Pops the earliest task due by `until`, moves the clock to its due time and runs it.
bool ManualScheduler::run_one_due(TimePoint until) {
  std::function<void()> task;
  {
    std::lock_guard lock(mutex_);
    if (tasks_.empty() || tasks_.begin()->first.first > until) return false;
    auto it = tasks_.begin();
    if (it->first.first > now_) now_ = it->first.first;
    task = std::move(it->second);
    tasks_.erase(it);
  }
  task();
  return true;
}

size_t ManualScheduler::run_due() {
  size_t ran = 0;
  while (run_one_due(now())) ++ran;
  return ran;
}

size_t ManualScheduler::advance(Duration d) {
  const TimePoint target = now() + d;
  size_t ran = 0;
  while (run_one_due(target)) ++ran;
  std::lock_guard lock(mutex_);
  if (now_ < target) now_ = target;
  return ran;
}

Duration ManualScheduler::run_until_idle(Duration step, Duration limit) {
  Duration advanced = Duration::zero();
  run_due();
  while (pending() > 0 && advanced < limit) {
    advance(step);
    advanced += step;
  }
  return advanced;
}

}  // namespace chokepoint
