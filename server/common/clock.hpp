#pragma once
// Time source. Every component takes the current time as a parameter; only the composition root and the
// dispatcher ask a Clock. Thread-safe.
#include <atomic>
#include <chrono>

namespace chokepoint {

using TimePoint = std::chrono::system_clock::time_point;
using Duration = std::chrono::system_clock::duration;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

// The two clocks a request is handled by: the wall clock for what the outside world times (I/O, SigV4 request
// times, the HTTP Date header) and the emulated clock for everything modelled (see emulated_clock.hpp).
struct Clocks {
  const Clock& wall;
  const Clock& emulated;
};

// A request's arrival on both clocks.
struct RequestTimes {
  TimePoint wall;
  TimePoint emulated;
};

// A clock that only moves when told to; for deterministic tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start = TimePoint{std::chrono::seconds{1'800'000'000}})
      : ticks_(start.time_since_epoch().count()) {}
  TimePoint now() const override { return TimePoint{Duration{ticks_.load()}}; }
  void set(TimePoint t) { ticks_.store(t.time_since_epoch().count()); }
  void advance(Duration d) { ticks_.fetch_add(d.count()); }

 private:
  std::atomic<Duration::rep> ticks_;
};

}  // namespace chokepoint
