#include "auth/sigv4_support.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>

#include "common/strings.hpp"
#include "common/time_format.hpp"

namespace chokepoint {

namespace {

std::string decode_or_raw(std::string_view in) {
  std::string out;
  if (!form_decode(in, out)) out.assign(in);
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// Month number 1..12 from its English abbreviation, 0 when unknown.
int month_number(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (iequals(kMonths[i], name)) return static_cast<int>(i) + 1;
  }
  return 0;
}

// Zone offset east of UTC: "GMT"/"UT"/"UTC"/"Z" or "+hhmm"/"-hhmm".
std::optional<std::chrono::seconds> zone_offset(std::string_view zone) {
  if (iequals(zone, "GMT") || iequals(zone, "UT") || iequals(zone, "UTC") || zone == "Z") {
    return std::chrono::seconds{0};
  }
  long long hhmm = 0;
  if (zone.size() != 5 || (zone[0] != '+' && zone[0] != '-') || !parse_int64(zone.substr(1), hhmm)) {
    return std::nullopt;
  }
  if (hhmm % 100 > 59) return std::nullopt;
  const std::chrono::seconds offset{(hhmm / 100) * 3600 + (hhmm % 100) * 60};
  return zone[0] == '-' ? -offset : offset;
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  for (const auto w : split(s, ' ')) {
    if (!w.empty()) out.push_back(w);
  }
  return out;
}

}  // namespace

std::vector<QueryParam> decode_query(std::string_view raw_query) {
  std::vector<QueryParam> params;
  if (raw_query.empty()) return params;
  for (const auto piece : split(raw_query, '&')) {
    if (piece.empty()) continue;
    const auto eq = piece.find('=');
    QueryParam param;
    param.key = decode_or_raw(piece.substr(0, eq));
    if (eq != std::string_view::npos) param.value = decode_or_raw(piece.substr(eq + 1));
    params.push_back(std::move(param));
  }
  return params;
}

const QueryParam* find_query_param(const std::vector<QueryParam>& params, std::string_view key) {
  for (const auto& p : params) {
    if (p.key == key) return &p;
  }
  return nullptr;
}

std::optional<TimePoint> parse_http_date(std::string_view s) {
  s = trim(s);
  // The weekday is informational; skip it rather than cross-check it, as HTTP servers do.
  if (const auto comma = s.find(','); comma != std::string_view::npos) s = s.substr(comma + 1);
  const auto w = words(s);
  if (w.size() != 5 || w[0].size() > 2 || w[2].size() != 4 || w[3].size() != 8) return std::nullopt;
  const int month = month_number(w[1]);
  const auto offset = zone_offset(w[4]);
  const std::string_view hms = w[3];
  long long day = 0;
  if (month == 0 || !offset || !parse_int64(w[0], day) || hms[2] != ':' || hms[5] != ':') return std::nullopt;
  // Reassemble as the basic format so parse_amz_date does the field validation in one place.
  char basic[32];
  std::snprintf(basic, sizeof basic, "%.4s%02d%02lldT%.2s%.2s%.2sZ", w[2].data(), month, day, hms.data(),
                hms.data() + 3, hms.data() + 6);
  const auto local = parse_amz_date(basic);
  if (!local) return std::nullopt;
  return *local - *offset;
}

std::optional<TimePoint> parse_signing_time(std::string_view amz_date) {
  if (auto t = parse_amz_date(amz_date)) return t;
  return parse_http_date(amz_date);
}

int far_signing_time_side(std::string_view amz_date) {
  if (amz_date.size() != 16 || parse_signing_time(amz_date)) return 0;
  const std::string_view year_text = amz_date.substr(0, 4);
  long long year = 0;
  if (!std::all_of(year_text.begin(), year_text.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      !parse_int64(year_text, year)) {
    return 0;
  }
  // The same month, day and time in a year a TimePoint holds: valid fields if that parses.
  const std::string in_range = "2000" + std::string(amz_date.substr(4));
  if (!parse_amz_date(in_range)) return 0;
  return year >= 2000 ? 1 : -1;
}

std::string format_amz_date(TimePoint t) {
  return utc_strftime(t, "%Y%m%dT%H%M%SZ");
}

std::string collapse_whitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (const char c : s) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::string normalize_url_path(std::string_view path) {
  if (path.empty()) return "/";
  std::vector<std::string_view> kept;
  for (const auto segment : split(path, '/')) {
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (!kept.empty()) kept.pop_back();
    } else {
      kept.push_back(segment);
    }
  }
  std::string out = path.front() == '/' ? "/" : "";
  for (size_t i = 0; i < kept.size(); ++i) {
    if (i > 0) out.push_back('/');
    out.append(kept[i]);
  }
  if (path.back() == '/' && !kept.empty()) out.push_back('/');
  return out;
}

}  // namespace chokepoint
