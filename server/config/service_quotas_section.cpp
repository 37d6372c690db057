// service_quotas: section.
#include <chrono>

#include "config/sections.hpp"

namespace chokepoint {

void read_service_quotas_section(YamlReader& reader, const YamlNode& section, Config& config) {
  if (!reader.expect_mapping(section, {"approval_delay_seconds", "deny_above_factor"})) return;
  double seconds = 0;
  constexpr double kMaxSeconds = 365.0 * 24 * 3600;  // keeps the delay far inside what a Duration holds
  if (reader.read(section, "approval_delay_seconds", seconds, NumberRange{0, false})) {
    if (seconds > kMaxSeconds) {
      reader.error(*section.child("approval_delay_seconds"), "must be at most 31536000 (a year)");
      return;
    }
    config.service_quotas.approval_delay = std::chrono::duration_cast<Duration>(std::chrono::duration<double>(seconds));
  }
  reader.read(section, "deny_above_factor", config.service_quotas.deny_above_factor, NumberRange{1, false});
}

}  // namespace chokepoint
