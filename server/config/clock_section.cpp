// clock: and seed: sections.
#include <climits>
#include <string>

#include "config/sections.hpp"

namespace chokepoint {

void read_clock_section(YamlReader& reader, const YamlNode& section, Config& config) {
  if (!reader.expect_mapping(section, {"mode", "speed"})) return;
  if (auto mode = section.child("mode")) {
    if (auto text = reader.choice(*mode, {"real", "manual"})) config.clock.mode = *parse_clock_mode(*text);
  }
  double speed = config.clock.speed;
  if (reader.read(section, "speed", speed, NumberRange{0, true})) {
    if (speed > kMaxClockSpeed) {
      reader.error(*section.child("speed"), "must be at most " + std::to_string(static_cast<int>(kMaxClockSpeed)));
    } else {
      config.clock.speed = speed;
    }
  }
}

void read_seed_section(YamlReader& reader, const YamlNode& section, Config& config) {
  if (section.is_null()) {
    config.seed.reset();
    return;
  }
  if (auto seed = reader.integer(section, IntRange{0, LLONG_MAX})) config.seed = static_cast<uint64_t>(*seed);
}

}  // namespace chokepoint
