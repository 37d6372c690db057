#pragma once
// Wall-clock formats used on the wire.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace chokepoint {

std::string iso8601_millis(TimePoint t);  // 2026-11-21T20:29:09.123Z
std::string iso8601_seconds(TimePoint t);  // 2026-11-21T20:29:09Z
std::string rfc1123(TimePoint t);          // Sat, 21 Nov 2026 20:29:09 GMT
// `t` in UTC, formatted by strftime (C locale names); for the formats that are not on every answer's path.
std::string utc_strftime(TimePoint t, const char* format);
double epoch_seconds(TimePoint t);         // 1795379349.123
int64_t epoch_second(TimePoint t);         // 1795379349: the whole second it falls in
// Parses the SigV4 basic format 20261121T202909Z.
std::optional<TimePoint> parse_amz_date(std::string_view s);
// Seconds since the epoch as a TimePoint; nullopt when not finite or beyond what a TimePoint holds (1678-2261).
std::optional<TimePoint> from_epoch_seconds(double seconds);
// Parses ISO 8601 (2026-11-21T20:29:09Z, optional fraction and offset) and epoch seconds.
std::optional<TimePoint> parse_timestamp(std::string_view s);

}  // namespace chokepoint
