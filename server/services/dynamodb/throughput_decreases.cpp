#include "services/dynamodb/throughput_decreases.hpp"

#include <array>
#include <chrono>
#include <cstdio>

namespace chokepoint {

namespace {

constexpr int kFreeDecreasesPerDay = 4;
constexpr auto kDecreaseInterval = std::chrono::hours(1);

// "Monday, December 7, 2026 at 4:58:59 PM Coordinated Universal Time", as DynamoDB words these times.
std::string decrease_time_text(TimePoint t) {
  static constexpr std::array<const char*, 7> kDays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                       "Thursday", "Friday", "Saturday"};
  static constexpr std::array<const char*, 12> kMonthNames = {"January", "February", "March",     "April",
                                                              "May",     "June",     "July",      "August",
                                                              "September", "October", "November", "December"};
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day date{std::chrono::sys_days(day.time_since_epoch())};
  const std::chrono::hh_mm_ss time{std::chrono::floor<std::chrono::seconds>(t - day)};
  const unsigned weekday = std::chrono::weekday(std::chrono::sys_days(day.time_since_epoch())).c_encoding();
  const long hour = time.hours().count();
  char buf[128];
  std::snprintf(buf, sizeof buf, "%s, %s %u, %d at %ld:%02ld:%02ld %s Coordinated Universal Time", kDays[weekday],
                kMonthNames[static_cast<unsigned>(date.month()) - 1], static_cast<unsigned>(date.day()),
                static_cast<int>(date.year()), hour % 12 == 0 ? 12 : hour % 12, static_cast<long>(time.minutes().count()),
                static_cast<long>(time.seconds().count()), hour < 12 ? "AM" : "PM");
  return buf;
}

}  // namespace

int decreases_on_day(const Throughput& throughput, TimePoint now) {
  if (!throughput.last_decrease) return 0;
  const auto day = [](TimePoint t) { return std::chrono::floor<std::chrono::days>(t); };
  return day(*throughput.last_decrease) == day(now) ? throughput.decreases_today : 0;
}

std::optional<std::string> decrease_refused(const Throughput& throughput, TimePoint now) {
  const int today = decreases_on_day(throughput, now);
  if (today < kFreeDecreasesPerDay || now - *throughput.last_decrease >= kDecreaseInterval) return std::nullopt;
  const TimePoint next = *throughput.last_decrease + kDecreaseInterval;
  return "Subscriber limit exceeded: Provisioned throughput decreases are limited within a given UTC day. After the "
         "first 4 decreases, each subsequent decrease in the same UTC day can be performed at most once every 3600 "
         "seconds. Number of decreases today: " +
         std::to_string(today) + ". Last decrease at " + decrease_time_text(*throughput.last_decrease) +
         ". Next decrease can be made at " + decrease_time_text(next);
}

}  // namespace chokepoint
