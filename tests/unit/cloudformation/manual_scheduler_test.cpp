#include <catch2/catch.hpp>

#include <vector>

#include "common/manual_scheduler.hpp"

using namespace chokepoint;
using namespace std::chrono_literals;

TEST_CASE("manual scheduler runs tasks in due order as the clock advances", "[cloudformation][scheduler]") {
  ManualScheduler s;
  const TimePoint start = s.now();
  std::vector<std::string> ran;
  s.run_after(2s, [&] { ran.push_back("b"); });
  s.run_after(1s, [&] { ran.push_back("a"); });
  s.run_after(0s, [&] { ran.push_back("now"); });
  s.run_after(2s, [&] { ran.push_back("c"); });  // same time as b: scheduling order
  CHECK(ran.empty());                            // never inline
  CHECK(s.run_due() == 1);
  CHECK(ran == std::vector<std::string>{"now"});
  CHECK(s.advance(1500ms) == 1);
  CHECK(ran.back() == "a");
  CHECK(s.now() == start + 1500ms);
  s.advance(1s);
  CHECK(ran == std::vector<std::string>{"now", "a", "b", "c"});
  CHECK(s.pending() == 0);
}

TEST_CASE("manual scheduler runs tasks that tasks schedule, at their own due time", "[cloudformation][scheduler]") {
  ManualScheduler s;
  const TimePoint start = s.now();
  std::vector<TimePoint> times;
  std::function<void()> tick = [&] {
    times.push_back(s.now());
    if (times.size() < 3) s.run_after(100ms, tick);
  };
  s.run_after(100ms, tick);
  s.run_until_idle(10ms, 10s);
  REQUIRE(times.size() == 3);
  CHECK(times[0] == start + 100ms);
  CHECK(times[2] == start + 300ms);
}
