#include <catch2/catch.hpp>

#include "common/emulated_clock.hpp"

using namespace chokepoint;
using namespace std::chrono_literals;

TEST_CASE("emulated clock: real mode at speed 1 is the wall clock", "[clock]") {
  ManualClock wall;
  EmulatedClock clock(wall);
  CHECK(clock.now() == wall.now());
  wall.advance(90s);
  CHECK(clock.now() == wall.now());
  const ClockState state = clock.state();
  CHECK(state.mode == ClockMode::kReal);
  CHECK(state.speed == 1);
}

TEST_CASE("emulated clock: manual mode stands still until moved, then runs on from there", "[clock]") {
  ManualClock wall;
  EmulatedClock clock(wall);
  const TimePoint start = wall.now();
  wall.advance(10s);
  clock.set_mode(ClockMode::kManual);
  wall.advance(2h);
  CHECK(clock.now() == start + 10s);  // frozen where it was when stopped
  clock.move_to(start + 70s);
  CHECK(clock.now() == start + 70s);
  clock.set_mode(ClockMode::kReal);  // resumes from its own time, not the wall's
  wall.advance(5s);
  CHECK(clock.now() == start + 75s);
  CHECK(clock.state().mode == ClockMode::kReal);
}

TEST_CASE("emulated clock: moving only goes forward", "[clock]") {
  ManualClock wall;
  EmulatedClock clock(wall, ClockMode::kManual);
  const TimePoint start = clock.now();
  clock.move_to(start + 1h);
  clock.move_to(start + 30min);  // earlier: ignored
  CHECK(clock.now() == start + 1h);
  // In real mode a move adds to where the running clock is.
  clock.set_mode(ClockMode::kReal);
  clock.move_to(start + 2h);
  wall.advance(1s);
  CHECK(clock.now() == start + 2h + 1s);
}

TEST_CASE("emulated clock: speed runs it faster or slower than the wall, from the moment it changes", "[clock]") {
  ManualClock wall;
  EmulatedClock clock(wall);
  const TimePoint start = clock.now();
  wall.advance(10s);
  clock.set_speed(60);
  wall.advance(5s);
  CHECK(clock.now() == start + 10s + 300s);
  clock.set_speed(0.5);
  wall.advance(4s);
  CHECK(clock.now() == start + 312s);
  CHECK(clock.state().speed == 0.5);
  // Frozen, speed is kept and matters again once it runs.
  clock.set_mode(ClockMode::kManual);
  clock.set_speed(2);
  wall.advance(10s);
  CHECK(clock.now() == start + 312s);
  clock.set_mode(ClockMode::kReal);
  wall.advance(10s);
  CHECK(clock.now() == start + 332s);
}

TEST_CASE("emulated clock: wall time until a moment", "[clock]") {
  ManualClock wall;
  EmulatedClock clock(wall);
  const TimePoint start = clock.now();
  CHECK(clock.wall_time_until(start - 1s) == Duration::zero());
  CHECK(clock.wall_time_until(start + 30s) == Duration(30s));
  clock.set_speed(60);
  CHECK(clock.wall_time_until(start + 60s) == Duration(1s));
  clock.set_speed(0.000001);  // very slow: saturates rather than overflowing
  CHECK(clock.wall_time_until(start + std::chrono::hours(24 * 365 * 100)) > Duration(std::chrono::hours(1)));
  clock.set_mode(ClockMode::kManual);
  CHECK_FALSE(clock.wall_time_until(start + 1s));  // never reached while frozen
  CHECK(clock.wall_time_until(start) == Duration::zero());
}

TEST_CASE("emulated clock: mode names", "[clock]") {
  CHECK(parse_clock_mode("real") == ClockMode::kReal);
  CHECK(parse_clock_mode("manual") == ClockMode::kManual);
  CHECK_FALSE(parse_clock_mode("frozen"));
  CHECK(std::string(clock_mode_name(ClockMode::kManual)) == "manual");
}
