#pragma once
// Times in durable records: nanoseconds since the epoch, as a JSON integer (exact, unlike seconds as a double).
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>

#include "common/clock.hpp"

namespace chokepoint {

inline nlohmann::json record_time(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

inline TimePoint time_from_record(const nlohmann::json& j) {
  return TimePoint{std::chrono::duration_cast<Duration>(std::chrono::nanoseconds(j.get<long long>()))};
}

// An optional time: null when absent.
inline nlohmann::json record_time(const std::optional<TimePoint>& t) {
  return t ? record_time(*t) : nlohmann::json(nullptr);
}

inline std::optional<TimePoint> optional_time_from_record(const nlohmann::json& j) {
  if (!j.is_number_integer()) return std::nullopt;
  return time_from_record(j);
}

}  // namespace chokepoint
