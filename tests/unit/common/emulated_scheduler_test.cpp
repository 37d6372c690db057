#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "common/emulated_scheduler.hpp"

using namespace chokepoint;
using namespace std::chrono_literals;

namespace {

// A scheduler on a real-mode clock over a manual wall clock, with the waker's requests recorded.
struct Fixture {
  ManualClock wall;
  EmulatedClock clock{wall};
  EmulatedScheduler scheduler{clock};
  std::vector<std::optional<Duration>> wakes;

  Fixture() {
    scheduler.set_waker([this](std::optional<Duration> d) { wakes.push_back(d); });
  }
};

}  // namespace

TEST_CASE("emulated scheduler: advancing runs each task at its own due time, in order", "[clock][scheduler]") {
  Fixture f;
  f.scheduler.set_mode(ClockMode::kManual);
  const TimePoint start = f.clock.now();
  std::vector<std::pair<std::string, TimePoint>> ran;
  auto task = [&](std::string name) { return [&, name] { ran.emplace_back(name, f.scheduler.now()); }; };
  f.scheduler.run_after(5min, task("five"));
  f.scheduler.run_after(2min, task("two"));
  f.scheduler.run_after(2min, task("two again"));  // same due time: scheduling order
  f.scheduler.run_after(20min, task("twenty"));
  CHECK(f.scheduler.advance(10min) == 3);
  REQUIRE(ran.size() == 3);
  CHECK(ran[0] == std::make_pair(std::string("two"), start + 2min));
  CHECK(ran[1] == std::make_pair(std::string("two again"), start + 2min));
  CHECK(ran[2] == std::make_pair(std::string("five"), start + 5min));
  CHECK(f.clock.now() == start + 10min);
  CHECK(f.scheduler.pending() == 1);
  CHECK(f.scheduler.advance_to(start + 20min) == 1);
  CHECK(ran.back().second == start + 20min);
}

TEST_CASE("emulated scheduler: tasks that tasks schedule run within the same advance", "[clock][scheduler]") {
  Fixture f;
  f.scheduler.set_mode(ClockMode::kManual);
  const TimePoint start = f.clock.now();
  std::vector<TimePoint> ticks;
  std::function<void()> tick = [&] {
    ticks.push_back(f.scheduler.now());
    if (ticks.size() < 4) f.scheduler.run_after(1min, tick);
  };
  f.scheduler.run_after(1min, tick);
  f.scheduler.advance(150s);
  CHECK(ticks == std::vector<TimePoint>{start + 1min, start + 2min});
  f.scheduler.advance(1h);
  REQUIRE(ticks.size() == 4);
  CHECK(ticks[3] == start + 4min);
}

TEST_CASE("emulated scheduler: the waker hears when the next task falls due, in wall time", "[clock][scheduler]") {
  Fixture f;
  f.wakes.clear();
  f.scheduler.run_after(30s, [] {});
  REQUIRE(f.wakes.size() == 1);
  CHECK(f.wakes.back() == Duration(30s));
  f.scheduler.run_after(60s, [] {});  // not the earliest: no new request
  CHECK(f.wakes.size() == 1);
  f.scheduler.set_speed(10);
  CHECK(f.wakes.back() == Duration(3s));
  f.scheduler.set_mode(ClockMode::kManual);
  CHECK_FALSE(f.wakes.back());  // frozen short of it: no wake-up needed
  f.scheduler.run_after(0s, [] {});
  CHECK(f.wakes.back() == Duration::zero());  // due now, even while frozen
  CHECK(f.scheduler.run_due() == 1);
  CHECK_FALSE(f.wakes.back());
  f.scheduler.advance(2min);
  CHECK(f.scheduler.pending() == 0);
  CHECK_FALSE(f.wakes.back());
}

TEST_CASE("emulated scheduler: in real mode, run_due runs what the running clock has reached", "[clock][scheduler]") {
  Fixture f;
  int ran = 0;
  f.scheduler.run_after(10s, [&] { ++ran; });
  CHECK(f.scheduler.run_due() == 0);
  f.wall.advance(10s);
  CHECK(f.scheduler.run_due() == 1);
  CHECK(ran == 1);
}

TEST_CASE("emulated scheduler: run_due stops at its limit and asks to be woken again", "[clock][scheduler]") {
  Fixture f;
  for (int i = 0; i < 5; ++i) f.scheduler.run_after(0s, [] {});
  CHECK(f.scheduler.run_due(2) == 2);
  CHECK(f.wakes.back() == Duration::zero());
  CHECK(f.scheduler.run_due() == 3);
}

TEST_CASE("emulated scheduler: a task that throws is dropped and the rest still run", "[clock][scheduler]") {
  Fixture f;
  int ran = 0;
  f.scheduler.run_after(0s, [] { throw std::runtime_error("boom"); });
  f.scheduler.run_after(0s, [&] { ++ran; });
  CHECK(f.scheduler.run_due() == 2);
  CHECK(ran == 1);
}

TEST_CASE("emulated scheduler: tasks scheduled from many threads while the clock moves each run once",
          "[clock][scheduler][concurrency]") {
  Fixture f;
  f.scheduler.set_waker({});
  f.scheduler.set_mode(ClockMode::kManual);
  constexpr int kThreads = 4, kTasksEach = 500;
  std::atomic<int> ran{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kTasksEach; ++i)
        f.scheduler.run_after(std::chrono::milliseconds((t * 7 + i) % 50), [&] { ++ran; });
    });
  }
  std::thread mover([&] {
    for (int i = 0; i < 200; ++i) f.scheduler.advance(std::chrono::milliseconds(1));
  });
  for (auto& t : threads) t.join();
  mover.join();
  f.scheduler.advance(std::chrono::seconds(1));
  CHECK(ran.load() == kThreads * kTasksEach);
  CHECK(f.scheduler.pending() == 0);
}
