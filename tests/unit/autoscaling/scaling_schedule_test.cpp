#include <catch2/catch.hpp>

#include "common/time_format.hpp"
#include "services/autoscaling/scaling_schedule.hpp"

namespace chokepoint {
namespace {

TimePoint utc(const char* text) { return *parse_timestamp(text); }

std::string next_text(const char* expression, const char* zone, const char* after,
                      std::optional<TimePoint> start = std::nullopt, std::optional<TimePoint> end = std::nullopt) {
  auto schedule = parse_schedule(expression, zone);
  REQUIRE(schedule);
  const auto next = next_fire(*schedule, utc(after), start, end, utc(after));
  return next ? iso8601_seconds(*next) : "never";
}

TEST_CASE("schedules: at() fires once, in its zone", "[autoscaling]") {
  CHECK(next_text("at(2026-12-07T17:00:00)", "UTC", "2026-12-07T16:00:00Z") == "2026-12-07T17:00:00Z");
  CHECK(next_text("at(2026-12-07T17:00:00)", "UTC", "2026-12-07T17:00:00Z") == "never");
  // Etc/GMT+9 is nine hours behind UTC (POSIX sign).
  CHECK(next_text("at(2026-12-07T08:00:00)", "Etc/GMT+9", "2026-12-07T00:00:00Z") == "2026-12-07T17:00:00Z");
  CHECK(next_text("at(2026-12-07T08:00:00)", "Etc/GMT-2", "2026-12-07T00:00:00Z") == "2026-12-07T06:00:00Z");
  CHECK(next_text("at(2026-12-07T17:00:00)", "UTC", "2026-12-07T16:00:00Z", std::nullopt,
                  utc("2026-12-07T16:30:00Z")) == "never");  // after EndTime
}

TEST_CASE("schedules: rate() counts from the start time or the creation", "[autoscaling]") {
  CHECK(next_text("rate(5 minutes)", "UTC", "2026-12-07T16:00:00Z") == "2026-12-07T16:05:00Z");
  CHECK(next_text("rate(1 hour)", "UTC", "2026-12-07T16:00:00Z") == "2026-12-07T17:00:00Z");
  CHECK(next_text("rate(2 days)", "UTC", "2026-12-07T16:00:00Z") == "2026-12-09T16:00:00Z");
  auto s = parse_schedule("rate(10 minutes)", "");
  REQUIRE(s);
  const TimePoint start = utc("2026-12-07T16:00:00Z");
  CHECK(iso8601_seconds(*next_fire(*s, utc("2026-12-07T16:10:00Z"), start, std::nullopt, start)) ==
        "2026-12-07T16:20:00Z");
  CHECK(iso8601_seconds(*next_fire(*s, utc("2026-12-07T16:12:00Z"), start, std::nullopt, start)) ==
        "2026-12-07T16:20:00Z");
  CHECK(iso8601_seconds(*next_fire(*s, utc("2026-12-07T10:00:00Z"), start, std::nullopt, start)) ==
        "2026-12-07T16:10:00Z");
}

TEST_CASE("schedules: cron() with six fields", "[autoscaling]") {
  // 2026-12-07 is a Monday.
  CHECK(next_text("cron(30 6 ? * MON *)", "UTC", "2026-12-07T16:00:00Z") == "2026-12-14T06:30:00Z");
  CHECK(next_text("cron(30 6 ? * MON *)", "UTC", "2026-12-07T06:00:00Z") == "2026-12-07T06:30:00Z");
  CHECK(next_text("cron(0/15 * * * ? *)", "UTC", "2026-12-07T16:01:00Z") == "2026-12-07T16:15:00Z");
  CHECK(next_text("cron(0 9-17 ? * MON-FRI *)", "UTC", "2026-12-11T17:30:00Z") == "2026-12-14T09:00:00Z");
  CHECK(next_text("cron(0 0 1 JAN,JUL ? *)", "UTC", "2026-12-07T00:00:00Z") == "2027-01-01T00:00:00Z");
  CHECK(next_text("cron(0 0 29 2 ? *)", "UTC", "2026-12-07T00:00:00Z") == "2028-02-29T00:00:00Z");
  CHECK(next_text("cron(0 12 * * ? 2025)", "UTC", "2026-12-07T00:00:00Z") == "never");
  CHECK(next_text("cron(0 8 * * ? *)", "Etc/GMT-1", "2026-12-07T00:00:00Z") == "2026-12-07T07:00:00Z");
}

TEST_CASE("schedules: malformed expressions and unknown zones are refused", "[autoscaling]") {
  for (const char* bad : {"at(2026-12-07 17:00:00)", "at(tomorrow)", "rate(0 minutes)", "rate(5 weeks)",
                          "rate(five minutes)", "cron(0 6 * * *)", "cron(0 6 * * MON *)", "cron(0 6 ? * ? *)",
                          "cron(61 6 ? * MON *)", "cron(0 6 L * ? *)", "cron(0 6 ? * 2#1 *)", "every(5 minutes)",
                          "rate(5 minutes"}) {
    INFO(bad);
    const auto s = parse_schedule(bad, "UTC");
    REQUIRE_FALSE(s);
    CHECK(s.error().code == "ValidationException");
  }
  CHECK(parse_schedule("rate(5 minutes)", "Etc/UTC"));
  CHECK(parse_schedule("rate(5 minutes)", "GMT"));
  CHECK_FALSE(parse_schedule("rate(5 minutes)", "Pacific/Tahiti"));
  CHECK_FALSE(parse_schedule("rate(5 minutes)", "Etc/GMT+13"));
  CHECK_FALSE(parse_schedule("rate(5 minutes)", "Mars/Olympus"));
}

}  // namespace
}  // namespace chokepoint
