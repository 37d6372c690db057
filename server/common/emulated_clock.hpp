#pragma once
// The time everything modelled runs on: rate and capacity buckets, DynamoDB burst and adaptive capacity, resource
// state changes, CloudWatch datapoints and alarms, fault windows. In `real` mode it runs at `speed` times the pace
// of the wall clock (by default exactly the wall clock); in `manual` mode it stands still until moved. It only ever
// moves forward when told to. The wall clock stays in charge of what the outside world times: I/O deadlines,
// SigV4 request-time checks and the HTTP Date header. Thread-safe.
#include <mutex>
#include <optional>
#include <string_view>

#include "common/clock.hpp"

namespace chokepoint {

enum class ClockMode { kReal, kManual };

const char* clock_mode_name(ClockMode mode);  // "real", "manual"
std::optional<ClockMode> parse_clock_mode(std::string_view text);

struct ClockState {
  TimePoint now;
  ClockMode mode = ClockMode::kReal;
  double speed = 1;  // emulated seconds per wall second while running (real mode)
};

class EmulatedClock final : public Clock {
 public:
  // Starts at the wall clock's time. `wall` must outlive the clock; `speed` > 0.
  explicit EmulatedClock(const Clock& wall, ClockMode mode = ClockMode::kReal, double speed = 1);

  TimePoint now() const override;
  ClockState state() const;

  void set_mode(ClockMode mode);
  void set_speed(double speed);
  // Moves the clock to `t` when `t` is later than now; an earlier `t` leaves it where it is.
  void move_to(TimePoint t);
  // Wall time until the clock reaches `t`: zero when it has; nullopt while it stands still short of `t`.
  std::optional<Duration> wall_time_until(TimePoint t) const;

 private:
  TimePoint now_at(TimePoint wall_now) const;  // mutex_ held
  void rebase(TimePoint wall_now);             // mutex_ held: anchors both timelines at this moment

  const Clock& wall_;
  mutable std::mutex mutex_;
  ClockMode mode_;
  double speed_;
  // Emulated time is emulated_anchor_ + (wall - wall_anchor_) x speed_ while running, emulated_anchor_ when frozen.
  TimePoint wall_anchor_, emulated_anchor_;
};

}  // namespace chokepoint
