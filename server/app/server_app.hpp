#pragma once
// The composition root of a running server: builds every component, wires them, runs the I/O threads,
// and handles signals (SIGTERM/SIGINT: drain and exit; SIGHUP: reload the config file).
#include <chrono>
#include <memory>

#include "app/command_line.hpp"
#include "config/config_holder.hpp"

namespace chokepoint {

inline constexpr std::chrono::seconds kDefaultBucketIdleTime{600};

// Runs until SIGTERM/SIGINT. Returns the process exit code. Rate buckets unused for `bucket_idle_time` are
// dropped (see --bucket-idle-seconds).
int run_server(std::shared_ptr<const Config> config, const std::string& config_path, ConfigOverrides overrides,
               std::chrono::seconds bucket_idle_time = kDefaultBucketIdleTime);

// Applies --listen/--threads/--log-level on top of whatever the config file says.
ConfigOverrides command_line_overrides(const CommandLine& options);

}  // namespace chokepoint
