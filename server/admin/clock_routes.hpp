#pragma once
// GET /_chokepoint/clock: the emulated clock, {"now": ISO 8601 UTC, "mode": "real"|"manual", "speed": N}.
// POST /_chokepoint/clock: one JSON object with any of
//   {"mode": "manual"|"real"}, {"speed": N > 0}, {"set": ISO 8601 (forward only)},
//   {"advance": seconds | "90s" | "5m" | "2h"}
// applied in that order; the answer is the new state, in the GET shape. Moving the clock runs the background
// work that falls due on the way, in order. Anything invalid (going back in time included) answers 400 and
// changes nothing.
#include "admin/admin_api.hpp"
#include "common/emulated_scheduler.hpp"

namespace chokepoint {

void register_clock_routes(AdminApi& admin, EmulatedScheduler& scheduler);

// The clock's state as the routes answer it.
nlohmann::json clock_state_json(const ClockState& state);

}  // namespace chokepoint
