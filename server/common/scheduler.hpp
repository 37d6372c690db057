#pragma once
// A time source plus a way to run work later, for components that act on their own (CloudFormation
// provisioning) rather than in answer to a request. Implementations are thread-safe; tasks may run on any
// thread and may schedule further tasks.
#include <functional>

#include "common/clock.hpp"

namespace chokepoint {

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  // Runs `task` once `delay` has passed (a zero or negative delay: as soon as possible, never inline).
  virtual void run_after(Duration delay, std::function<void()> task) = 0;
  virtual TimePoint now() const = 0;
};

}  // namespace chokepoint
