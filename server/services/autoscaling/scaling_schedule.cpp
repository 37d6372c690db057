#include "services/autoscaling/scaling_schedule.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <functional>
#include <vector>

#include "common/strings.hpp"
#include "common/time_format.hpp"
#include "services/autoscaling/autoscaling_errors.hpp"

namespace chokepoint {

namespace {

using std::chrono::days;
using std::chrono::minutes;
using std::chrono::seconds;

ApiError bad_schedule(std::string_view expression, std::string_view why) {
  return autoscaling_validation("Invalid schedule expression: " + std::string(expression) + ". " + std::string(why));
}

std::optional<int> whole_number(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// A month or weekday name (JAN, SUN) or a number.
std::optional<int> cron_value(std::string_view text, int field) {
  static constexpr std::array<std::string_view, 12> kMonths = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                               "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
  static constexpr std::array<std::string_view, 7> kWeekdays = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
  std::string upper(text);
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (field == 3) {
    for (size_t i = 0; i < kMonths.size(); ++i) {
      if (upper == kMonths[i]) return static_cast<int>(i) + 1;
    }
  }
  if (field == 4) {
    for (size_t i = 0; i < kWeekdays.size(); ++i) {
      if (upper == kWeekdays[i]) return static_cast<int>(i) + 1;
    }
  }
  return whole_number(text);
}

// One field: "*", "?", or a comma list of N, N-M, */S, N/S and N-M/S; sets bits [low, high] of `set` via `put`.
template <typename Put>
std::optional<std::string> read_cron_field(std::string_view text, int field, int low, int high, Put put) {
  for (const std::string_view part : split(text, ',')) {
    std::string_view range = part;
    int step = 1;
    if (const auto slash = range.find('/'); slash != std::string_view::npos) {
      const auto s = whole_number(range.substr(slash + 1));
      if (!s || *s < 1) return "bad increment in '" + std::string(part) + "'";
      step = *s;
      range = range.substr(0, slash);
    }
    int from = low, to = high;
    if (range != "*") {
      const auto dash = range.find('-');
      const auto a = cron_value(range.substr(0, dash), field);
      const auto b = dash == std::string_view::npos ? a : cron_value(range.substr(dash + 1), field);
      if (!a || !b) return "'" + std::string(part) + "' is not supported (this emulator reads numbers, names, *, ?, -, / and ,)";
      from = *a;
      to = part.find('/') != std::string_view::npos && dash == std::string_view::npos ? high : *b;
    }
    if (from < low || to > high || from > to) {
      return "'" + std::string(part) + "' is outside " + std::to_string(low) + "-" + std::to_string(high);
    }
    for (int v = from; v <= to; v += step) put(v);
  }
  return std::nullopt;
}

Result<CronFields> parse_cron(std::string_view expression, std::string_view body) {
  std::vector<std::string_view> fields;
  for (const std::string_view f : split(body, ' ')) {
    if (!f.empty()) fields.push_back(f);
  }
  if (fields.size() != 6) {
    return bad_schedule(expression,
                        "A cron expression has six fields: Minutes Hours Day-of-month Month Day-of-week Year");
  }
  CronFields c;
  c.any_day_of_month = fields[2] == "?";
  c.any_day_of_week = fields[4] == "?";
  if (c.any_day_of_month == c.any_day_of_week) {
    return bad_schedule(expression, "Exactly one of Day-of-month and Day-of-week must be '?'");
  }
  struct Field {
    int low, high;
    std::function<void(int)> put;
  };
  const std::array<Field, 6> specs = {
      Field{0, 59, [&](int v) { c.minutes.set(static_cast<size_t>(v)); }},
      Field{0, 23, [&](int v) { c.hours.set(static_cast<size_t>(v)); }},
      Field{1, 31, [&](int v) { c.days_of_month.set(static_cast<size_t>(v)); }},
      Field{1, 12, [&](int v) { c.months.set(static_cast<size_t>(v)); }},
      Field{1, 7, [&](int v) { c.days_of_week.set(static_cast<size_t>(v)); }},
      Field{CronFields::kFirstYear, CronFields::kLastYear,
            [&](int v) { c.years.set(static_cast<size_t>(v - CronFields::kFirstYear)); }}};
  for (int i = 0; i < 6; ++i) {
    if ((i == 2 && c.any_day_of_month) || (i == 4 && c.any_day_of_week)) continue;
    const auto& spec = specs[static_cast<size_t>(i)];
    if (auto why = read_cron_field(fields[static_cast<size_t>(i)], i, spec.low, spec.high, spec.put)) {
      return bad_schedule(expression, *why);
    }
  }
  return c;
}

Result<seconds> parse_rate(std::string_view expression, std::string_view body) {
  const auto space = body.find(' ');
  const auto value = whole_number(body.substr(0, space));
  const std::string_view unit = space == std::string_view::npos ? "" : body.substr(space + 1);
  if (!value || *value < 1) return bad_schedule(expression, "The rate value must be a positive integer");
  if (unit == "minute" || unit == "minutes") return seconds(60LL * *value);
  if (unit == "hour" || unit == "hours") return seconds(3600LL * *value);
  if (unit == "day" || unit == "days") return seconds(86400LL * *value);
  return bad_schedule(expression, "The rate unit must be minute, minutes, hour, hours, day or days");
}

// UTC and its aliases, and the fixed-offset Etc/GMT+N zones (POSIX sign: Etc/GMT+9 is nine hours behind UTC).
// Zones with daylight-saving rules need the IANA database, which the C++20 time-zone library of g++ 12 does not
// provide, so they are refused.
std::optional<seconds> zone_offset(std::string_view zone) {
  std::string_view name = zone;
  if (name.starts_with("Etc/")) name.remove_prefix(4);
  for (std::string_view utc : {"", "UTC", "UCT", "GMT", "GMT0", "GMT+0", "GMT-0", "Universal", "Zulu", "Greenwich"}) {
    if (name == utc) return seconds(0);
  }
  if (!zone.starts_with("Etc/GMT") || name.size() < 5) return std::nullopt;
  const auto hours = whole_number(name.substr(4));
  if (!hours) return std::nullopt;
  if (name[3] == '+' && *hours <= 12) return -seconds(3600LL * *hours);
  if (name[3] == '-' && *hours <= 14) return seconds(3600LL * *hours);
  return std::nullopt;
}

bool cron_day_matches(const CronFields& c, std::chrono::year_month_day date) {
  const int year = static_cast<int>(date.year());
  if (year < CronFields::kFirstYear || year > CronFields::kLastYear) return false;
  if (!c.years.test(static_cast<size_t>(year - CronFields::kFirstYear))) return false;
  if (!c.months.test(static_cast<unsigned>(date.month()))) return false;
  if (!c.any_day_of_month && !c.days_of_month.test(static_cast<unsigned>(date.day()))) return false;
  const unsigned weekday = std::chrono::weekday(std::chrono::sys_days(date)).c_encoding() + 1;  // SUN = 1
  return c.any_day_of_week || c.days_of_week.test(weekday);
}

// The first local minute strictly after `after_local` the cron fields match, looking up to ten years ahead.
std::optional<TimePoint> next_cron(const CronFields& c, TimePoint after_local) {
  const TimePoint first = std::chrono::floor<minutes>(after_local) + minutes(1);
  auto day = std::chrono::floor<days>(first);
  for (int i = 0; i < 3660; ++i, day += days(1)) {
    if (!cron_day_matches(c, std::chrono::year_month_day(std::chrono::sys_days(day.time_since_epoch())))) continue;
    for (size_t h = 0; h < 24; ++h) {
      if (!c.hours.test(h)) continue;
      for (size_t m = 0; m < 60; ++m) {
        const TimePoint t = day + std::chrono::hours(h) + minutes(m);
        if (c.minutes.test(m) && t >= first) return t;
      }
    }
  }
  return std::nullopt;
}

}  // namespace

Result<ScalingSchedule> parse_schedule(std::string_view expression, std::string_view timezone) {
  ScalingSchedule s;
  const auto offset = zone_offset(timezone);
  if (!offset) {
    return autoscaling_validation("Time zone " + std::string(timezone) +
                                  " is not supported by this emulator: use UTC or a fixed-offset zone such as "
                                  "Etc/GMT+9 (zones with daylight-saving rules are not converted)");
  }
  s.utc_offset = *offset;
  const auto open = expression.find('(');
  if (open == std::string_view::npos || !expression.ends_with(")")) {
    return bad_schedule(expression, "Use at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields)");
  }
  const std::string_view kind = expression.substr(0, open);
  const std::string_view body = expression.substr(open + 1, expression.size() - open - 2);
  if (kind == "at") {
    s.kind = ScalingSchedule::Kind::kAt;
    const auto local = body.size() == 19 && body[10] == 'T' ? parse_timestamp(std::string(body) + "Z") : std::nullopt;
    if (!local) return bad_schedule(expression, "An at expression takes yyyy-mm-ddThh:mm:ss");
    s.at = *local - s.utc_offset;
  } else if (kind == "rate") {
    s.kind = ScalingSchedule::Kind::kRate;
    auto every = parse_rate(expression, body);
    if (!every) return every.error();
    s.every = *every;
  } else if (kind == "cron") {
    s.kind = ScalingSchedule::Kind::kCron;
    auto cron = parse_cron(expression, body);
    if (!cron) return cron.error();
    s.cron = *cron;
  } else {
    return bad_schedule(expression, "Use at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields)");
  }
  return s;
}

std::optional<TimePoint> next_fire(const ScalingSchedule& s, TimePoint after, std::optional<TimePoint> start,
                                   std::optional<TimePoint> end, TimePoint anchor) {
  if (start && after < *start) after = *start - std::chrono::nanoseconds(1);
  std::optional<TimePoint> next;
  switch (s.kind) {
    case ScalingSchedule::Kind::kAt:
      if (s.at > after) next = s.at;
      break;
    case ScalingSchedule::Kind::kRate: {
      const TimePoint from = start.value_or(anchor);
      const auto elapsed = after - from;
      const auto periods = elapsed < Duration::zero() ? 0 : elapsed / s.every + 1;
      next = from + s.every * std::max<decltype(periods)>(periods, 1);
      break;
    }
    case ScalingSchedule::Kind::kCron:
      if (auto local = next_cron(s.cron, after + s.utc_offset)) next = *local - s.utc_offset;
      break;
  }
  if (next && end && *next > *end) return std::nullopt;
  return next;
}

}  // namespace chokepoint
