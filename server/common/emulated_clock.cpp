#include "common/emulated_clock.hpp"

namespace chokepoint {

const char* clock_mode_name(ClockMode mode) {
  return mode == ClockMode::kManual ? "manual" : "real";
}

std::optional<ClockMode> parse_clock_mode(std::string_view text) {
  if (text == "real") return ClockMode::kReal;
  if (text == "manual") return ClockMode::kManual;
  return std::nullopt;
}

EmulatedClock::EmulatedClock(const Clock& wall, ClockMode mode, double speed)
    : wall_(wall), mode_(mode), speed_(speed), wall_anchor_(wall.now()), emulated_anchor_(wall_anchor_) {}

TimePoint EmulatedClock::now_at(TimePoint wall_now) const {
  if (mode_ == ClockMode::kManual) return emulated_anchor_;
  const Duration elapsed = wall_now - wall_anchor_;
  // At speed 1 the clock is the wall clock plus whatever it was moved by, with no rounding at all.
  if (speed_ == 1) return emulated_anchor_ + elapsed;
  return emulated_anchor_ + std::chrono::duration_cast<Duration>(elapsed * speed_);
}

void EmulatedClock::rebase(TimePoint wall_now) {
  emulated_anchor_ = now_at(wall_now);
  wall_anchor_ = wall_now;
}

TimePoint EmulatedClock::now() const {
  const TimePoint wall_now = wall_.now();
  std::lock_guard lock(mutex_);
  return now_at(wall_now);
}

ClockState EmulatedClock::state() const {
  const TimePoint wall_now = wall_.now();
  std::lock_guard lock(mutex_);
  return ClockState{now_at(wall_now), mode_, speed_};
}

void EmulatedClock::set_mode(ClockMode mode) {
  const TimePoint wall_now = wall_.now();
  std::lock_guard lock(mutex_);
  rebase(wall_now);
  mode_ = mode;
}

void EmulatedClock::set_speed(double speed) {
  const TimePoint wall_now = wall_.now();
  std::lock_guard lock(mutex_);
  rebase(wall_now);
  speed_ = speed;
}

void EmulatedClock::move_to(TimePoint t) {
  const TimePoint wall_now = wall_.now();
  std::lock_guard lock(mutex_);
  rebase(wall_now);
  if (t > emulated_anchor_) emulated_anchor_ = t;
}

std::optional<Duration> EmulatedClock::wall_time_until(TimePoint t) const {
  const TimePoint wall_now = wall_.now();
  std::lock_guard lock(mutex_);
  const TimePoint now = now_at(wall_now);
  if (t <= now) return Duration::zero();
  if (mode_ == ClockMode::kManual) return std::nullopt;
  // Rounded up, so that a wake-up at the returned time finds `t` reached; saturated rather than overflowing at
  // very slow speeds.
  const auto wall = std::chrono::duration<double, Duration::period>(t - now) / speed_;
  constexpr auto kLongest = std::chrono::duration<double, Duration::period>(Duration::max() / 2);
  return wall >= kLongest ? Duration::max() / 2 : std::chrono::ceil<Duration>(wall);
}

}  // namespace chokepoint
