#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "config/config_loader.hpp"
#include "persistence/clock_persistence.hpp"

using namespace chokepoint;
using namespace std::chrono_literals;

namespace {

// One run of a server's clock: a wall clock of its own, the emulated clock and its scheduler, the persistence.
struct ClockRun {
  explicit ClockRun(TimePoint wall_start, ClockMode mode = ClockMode::kReal) : wall(wall_start), clock(wall, mode) {}
  ManualClock wall;
  EmulatedClock clock;
  EmulatedScheduler scheduler{clock};
  ClockPersistence persistence{scheduler, wall};

  std::vector<std::string> dump() const {
    std::vector<std::string> out;
    persistence.dump([&](std::string record) { out.push_back(std::move(record)); });
    return out;
  }

  void restore(const std::vector<std::string>& records) {
    const auto config = load_default_config().config;
    for (const auto& text : records) persistence.restore(*parse_record(text), RestoreContext{*config, clock.now()});
  }
};

const TimePoint kStart{std::chrono::seconds{1'800'000'000}};

}  // namespace

TEST_CASE("clock persistence: an advanced, running clock resumes where it would be", "[persistence][clock]") {
  ClockRun before(kStart);
  before.scheduler.advance(2h);
  const auto records = before.dump();
  REQUIRE(records.size() == 1);

  ClockRun after(kStart + 10min);  // restarted ten real minutes later
  after.restore(records);
  CHECK(after.clock.now() == kStart + 2h + 10min);
}

TEST_CASE("clock persistence: a frozen clock resumes where it stood", "[persistence][clock]") {
  ClockRun before(kStart);
  before.scheduler.set_mode(ClockMode::kManual);
  before.scheduler.advance(3h);
  ClockRun after(kStart + 1h);
  after.restore(before.dump());
  CHECK(after.clock.now() == kStart + 3h);
  CHECK(after.clock.state().mode == ClockMode::kReal);  // the mode is the new run's
}

TEST_CASE("clock persistence: never back, and a sped-up clock keeps its pace across the gap", "[persistence][clock]") {
  ClockRun before(kStart);
  ClockRun after(kStart + 5h);  // the wall clock is already past the saved time
  after.restore(before.dump());
  CHECK(after.clock.now() == kStart + 5h);

  ClockRun running(kStart);
  running.scheduler.set_speed(60);
  running.wall.advance(1min);  // an hour of emulated time
  ClockRun resumed(kStart + 2min);
  resumed.restore(running.dump());
  CHECK(resumed.clock.now() == kStart + 1h + 1h);  // and the minute since, at the old speed
}
