#include "persistence/clock_persistence.hpp"

#include <algorithm>

#include "persistence/record_time.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kClockRecords = "clock";
// Beyond this, a restored clock is not moved on by the wall time since its record: far enough for any real gap
// between two runs, and keeps the arithmetic far from overflow at high speeds.
constexpr auto kLongestGap = std::chrono::hours(24 * 366);

}  // namespace

ClockPersistence::ClockPersistence(EmulatedScheduler& scheduler, const Clock& wall)
    : scheduler_(scheduler), wall_(wall) {
  scheduler_.on_clock_change([this] {
    if (ChangeLog* log = log_.load()) {
      log->append(record());
      log->wait_for_this_thread();  // acknowledged once durable, like every other change
    }
  });
}

std::string ClockPersistence::record() const {
  const ClockState state = scheduler_.clock().state();
  return json_record_text(kClockRecords, "time", "now",
                          {{"now", record_time(state.now)},
                           {"wall", record_time(wall_.now())},
                           {"running", state.mode == ClockMode::kReal},
                           {"speed", state.speed}});
}

void ClockPersistence::dump(const RecordSink& emit) const {
  emit(record());
}

void ClockPersistence::restore(const ChangeRecord& record, const RestoreContext&) {
  const nlohmann::json& s = record.state;
  if (record.kind != "time" || !s.is_object() || !s.contains("now") || !s.contains("wall")) return;
  if (!s["now"].is_number_integer() || !s["wall"].is_number_integer()) return;
  TimePoint resume = time_from_record(s["now"]);
  if (s.value("running", false)) {
    const Duration gap = std::clamp<Duration>(wall_.now() - time_from_record(s["wall"]), Duration::zero(), kLongestGap);
    resume += std::chrono::duration_cast<Duration>(gap * s.value("speed", 1.0));
  }
  scheduler_.advance_to(resume);  // never back: a clock already later stays where it is
}

}  // namespace chokepoint
