#include "common/time_format.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>

#include "common/strings.hpp"

namespace chokepoint {

namespace {
std::tm to_utc(TimePoint t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return tm;
}

long long millis_of(TimePoint t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  return ((ms % 1000) + 1000) % 1000;
}

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

std::optional<TimePoint> from_fields(int y, int mo, int d, int h, int mi, int s) {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return from_epoch_seconds(static_cast<double>(timegm(&tm)));
}
}  // namespace

std::optional<TimePoint> from_epoch_seconds(double seconds) {
  // A TimePoint counts nanoseconds in 64 bits: about the years 1678 to 2261. Beyond that a conversion would
  // overflow (undefined behaviour), so such times are not times this server can hold.
  constexpr double kLimit = 9.2e9;
  if (!std::isfinite(seconds) || seconds > kLimit || seconds < -kLimit) return std::nullopt;
  return TimePoint{std::chrono::duration_cast<Duration>(std::chrono::duration<double>(seconds))};
}

std::string iso8601_millis(TimePoint t) {
  const std::tm tm = to_utc(t);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03lldZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis_of(t));
  return buf;
}

std::string utc_strftime(TimePoint t, const char* format) {
  const std::tm tm = to_utc(t);
  char buf[96];
  const size_t n = std::strftime(buf, sizeof buf, format, &tm);
  return std::string(buf, n);
}

std::string iso8601_seconds(TimePoint t) {
  return utc_strftime(t, "%Y-%m-%dT%H:%M:%SZ");
}

// Formatted by hand: every answer carries a Date header, and gmtime_r plus strftime's locale lookups cost
// more than the rest of the header.
std::string rfc1123(TimePoint t) {
  static constexpr std::string_view kDays = "SunMonTueWedThuFriSat";
  static constexpr std::string_view kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  using namespace std::chrono;
  const auto secs = floor<seconds>(t);
  const auto day = floor<days>(secs);
  const year_month_day date{day};
  const hh_mm_ss time{secs - day};
  const auto two = [](std::string& out, long long v) {
    out += static_cast<char>('0' + v / 10 % 10);
    out += static_cast<char>('0' + v % 10);
  };
  std::string out;
  out.reserve(29);  // "Sun, 22 Nov 2026 05:44:34 GMT"
  out.append(kDays.substr(weekday{day}.c_encoding() * 3, 3)).append(", ");
  two(out, static_cast<unsigned>(date.day()));
  out.append(" ").append(kMonths.substr((static_cast<unsigned>(date.month()) - 1) * 3, 3)).append(" ");
  const int year = static_cast<int>(date.year());
  two(out, year / 100);
  two(out, year % 100);
  out += ' ';
  two(out, time.hours().count());
  out += ':';
  two(out, time.minutes().count());
  out += ':';
  two(out, time.seconds().count());
  out.append(" GMT");
  return out;
}

double epoch_seconds(TimePoint t) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  return static_cast<double>(ms) / 1000.0;
}

int64_t epoch_second(TimePoint t) {
  return std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::optional<TimePoint> parse_amz_date(std::string_view s) {
  int y, mo, d, h, mi, sec;
  if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z') return std::nullopt;
  if (!digits(s, 0, 4, y) || !digits(s, 4, 2, mo) || !digits(s, 6, 2, d) || !digits(s, 9, 2, h) ||
      !digits(s, 11, 2, mi) || !digits(s, 13, 2, sec)) {
    return std::nullopt;
  }
  return from_fields(y, mo, d, h, mi, sec);
}

std::optional<TimePoint> parse_timestamp(std::string_view s) {
  s = trim(s);
  int y, mo, d, h = 0, mi = 0, sec = 0;
  if (s.size() >= 10 && s[4] == '-' && s[7] == '-' && digits(s, 0, 4, y) && digits(s, 5, 2, mo) &&
      digits(s, 8, 2, d)) {
    size_t pos = 10;
    if (pos < s.size() && (s[pos] == 'T' || s[pos] == ' ')) {
      if (!digits(s, pos + 1, 2, h) || s.size() < pos + 9 || s[pos + 3] != ':' || !digits(s, pos + 4, 2, mi) ||
          s[pos + 6] != ':' || !digits(s, pos + 7, 2, sec)) {
        return std::nullopt;
      }
      pos += 9;
    }
    auto base = from_fields(y, mo, d, h, mi, sec);
    if (!base) return std::nullopt;
    Duration fraction{};
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      double scale = 0.1, frac = 0;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        frac += (s[pos] - '0') * scale;
        scale /= 10;
        ++pos;
      }
      fraction = std::chrono::duration_cast<Duration>(std::chrono::duration<double>(frac));
    }
    std::chrono::seconds offset{0};
    if (pos < s.size()) {
      const std::string_view zone = s.substr(pos);
      int oh = 0, om = 0;
      if (zone == "Z") {
      } else if ((zone[0] == '+' || zone[0] == '-') && zone.size() == 6 && zone[3] == ':' &&
                 digits(zone, 1, 2, oh) && digits(zone, 4, 2, om)) {
        offset = std::chrono::seconds{(oh * 3600 + om * 60) * (zone[0] == '+' ? 1 : -1)};
      } else {
        return std::nullopt;
      }
    }
    return *base + fraction - offset;
  }
  // Epoch seconds, possibly fractional.
  char* end = nullptr;
  const std::string copy(s);
  const double v = std::strtod(copy.c_str(), &end);
  if (copy.empty() || end != copy.c_str() + copy.size()) return std::nullopt;
  return from_epoch_seconds(v);
}

}  // namespace chokepoint
