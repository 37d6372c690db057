#pragma once
// The effective configuration as JSON, in the shape of the YAML schema (so it can be read back as a config
// file), for the admin API and `chokepoint print-config`. Secret keys are never output: a set secret is "***".
// Thread-safety: a pure function.
#include <nlohmann/json.hpp>

#include "config/config.hpp"

namespace chokepoint {

// What a redacted secret reads as.
inline constexpr const char* kRedactedSecret = "***";

nlohmann::json config_to_json(const Config& config);

}  // namespace chokepoint
