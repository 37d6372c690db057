#pragma once
// clock: and seed: settings. Both are read at start-up only: a reload keeps the running clock and random sources.
#include <cstdint>
#include <optional>

#include "common/emulated_clock.hpp"

namespace chokepoint {

// Fast enough for any test (a real hour is 417 emulated days), slow enough that emulated time stays far inside what
// a TimePoint holds.
inline constexpr double kMaxClockSpeed = 10'000;

struct ClockSettings {
  ClockMode mode = ClockMode::kReal;
  double speed = 1;  // emulated seconds per wall second while the clock runs; > 0
};

// Fixes every random choice the server makes (request and resource ids, fault probabilities and latencies); none:
// a new random seed each start.
using SeedSetting = std::optional<uint64_t>;

}  // namespace chokepoint
