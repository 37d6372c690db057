#include "admin/clock_routes.hpp"

#include <cmath>

#include "common/time_format.hpp"
#include "config/clock_settings.hpp"
#include "config/faults_json.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

// Keeps emulated time far inside what a TimePoint holds (the years 1678 to 2261).
constexpr auto kMaxAdvance = std::chrono::hours(24 * 3660);  // ten years per request

// A validated POST body: what to change, nothing applied yet.
struct ClockChange {
  std::optional<ClockMode> mode;
  std::optional<double> speed;
  std::optional<TimePoint> set;
  std::optional<Duration> advance;
};

bool negative(const json& value) {
  if (value.is_number()) return value.get<double>() < 0;
  return value.is_string() && !value.get<std::string>().empty() && value.get<std::string>().front() == '-';
}

std::variant<ClockChange, std::string> read_change(const json& body, TimePoint now) {
  if (!body.is_object()) return std::string("expected a JSON object with any of mode, speed, set, advance");
  ClockChange change;
  for (const auto& [key, value] : body.items()) {
    if (key == "mode") {
      const auto mode = value.is_string() ? parse_clock_mode(value.get<std::string>()) : std::nullopt;
      if (!mode) return std::string("mode: expected \"manual\" or \"real\"");
      change.mode = mode;
    } else if (key == "speed") {
      const double speed = value.is_number() ? value.get<double>() : NAN;
      if (!(speed > 0 && speed <= kMaxClockSpeed)) {
        return "speed: expected a number greater than 0 and at most " +
               std::to_string(static_cast<int>(kMaxClockSpeed));
      }
      change.speed = speed;
    } else if (key == "set") {
      const auto t = value.is_string() ? parse_timestamp(value.get<std::string>()) : std::nullopt;
      if (!t) return std::string("set: expected an ISO 8601 time such as \"2027-01-01T00:00:00Z\"");
      if (*t < now) {
        return "set: " + value.get<std::string>() + " is before the clock's time " + iso8601_millis(now) +
               "; the clock only moves forward";
      }
      change.set = t;
    } else if (key == "advance") {
      if (negative(value)) return std::string("advance: the clock only moves forward; give a duration >= 0");
      const auto d = parse_duration(value);
      if (!d)
        return std::string("advance: expected seconds (a number) or a duration such as \"90s\", \"5m\" or \"2h\"");
      if (*d > kMaxAdvance) return std::string("advance: at most ten years at a time");
      change.advance = std::chrono::duration_cast<Duration>(*d);
    } else {
      return "unknown key '" + key + "': expected any of mode, speed, set, advance";
    }
  }
  return change;
}

void apply(const ClockChange& change, EmulatedScheduler& scheduler) {
  if (change.mode) scheduler.set_mode(*change.mode);
  if (change.speed) scheduler.set_speed(*change.speed);
  if (change.set) scheduler.advance_to(*change.set);
  if (change.advance) scheduler.advance(*change.advance);
}

}  // namespace

json clock_state_json(const ClockState& state) {
  return json{{"now", iso8601_millis(state.now)}, {"mode", clock_mode_name(state.mode)}, {"speed", state.speed}};
}

void register_clock_routes(AdminApi& admin, EmulatedScheduler& scheduler) {
  admin.add_route("GET", "/_chokepoint/clock", [&scheduler](const HttpRequest&, TimePoint) {
    return admin_json(200, clock_state_json(scheduler.clock().state()));
  });
  admin.add_route("POST", "/_chokepoint/clock", [&scheduler](const HttpRequest& request, TimePoint) {
    HttpResponse error;
    const auto body = json_body(request, error);
    if (!body) return error;
    auto change = read_change(*body, scheduler.now());
    if (auto* problem = std::get_if<std::string>(&change)) return admin_error(400, std::move(*problem));
    apply(std::get<ClockChange>(change), scheduler);
    return admin_json(200, clock_state_json(scheduler.clock().state()));
  });
}

}  // namespace chokepoint
