#pragma once
// The schedules of Application Auto Scaling's scheduled actions: at(yyyy-mm-ddThh:mm:ss), rate(N unit) and
// cron(Minutes Hours Day-of-month Month Day-of-week Year), in UTC or a fixed-offset time zone, and the next time
// one fires. Pure functions: time is always a parameter.
#include <bitset>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "protocol/result.hpp"

namespace chokepoint {

struct CronFields {
  static constexpr int kFirstYear = 1970, kLastYear = 2199;
  std::bitset<60> minutes;
  std::bitset<24> hours;
  std::bitset<32> days_of_month;  // 1..31
  std::bitset<13> months;         // 1..12
  std::bitset<8> days_of_week;    // 1 (SUN) .. 7 (SAT)
  std::bitset<kLastYear - kFirstYear + 1> years;
  bool any_day_of_month = false, any_day_of_week = false;  // "?" (or "*") in the field
};

struct ScalingSchedule {
  enum class Kind { kAt, kRate, kCron };
  Kind kind = Kind::kAt;
  TimePoint at;                   // kAt, in UTC
  std::chrono::seconds every{0};  // kRate
  CronFields cron;                // kCron, in the zone's local time
  std::chrono::seconds utc_offset{0};  // local time = UTC + utc_offset
};

// Parses the Schedule and Timezone members of PutScheduledAction; ValidationException when either is malformed
// or the zone is not one this build can convert (UTC and the fixed-offset Etc/GMT+N / Etc/GMT-N zones).
Result<ScalingSchedule> parse_schedule(std::string_view expression, std::string_view timezone);

// The first time strictly after `after` the schedule fires, not before `start` and not after `end`; nullopt when
// it never fires again. A rate schedule fires every interval counted from `start`, or from `anchor` (the action's
// creation) when it has no start.
std::optional<TimePoint> next_fire(const ScalingSchedule& schedule, TimePoint after, std::optional<TimePoint> start,
                                   std::optional<TimePoint> end, TimePoint anchor);

}  // namespace chokepoint
