#pragma once
// The composition root of a running server: builds every component, wires them, runs the I/O threads,
// and handles signals (SIGTERM/SIGINT: drain and exit; SIGHUP: reload the config file).
#include <memory>

#include "app/command_line.hpp"
#include "config/config_holder.hpp"

namespace chokepoint {

// Runs until SIGTERM/SIGINT. Returns the process exit code.
int run_server(std::shared_ptr<const Config> config, const std::string& config_path, ConfigOverrides overrides);

// Applies --listen/--threads/--log-level on top of whatever the config file says.
ConfigOverrides command_line_overrides(const CommandLine& options);

}  // namespace chokepoint
