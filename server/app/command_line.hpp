#pragma once
// Command-line parsing. Pure: arguments in, options or an error message out.
#include <optional>
#include <string>
#include <vector>

namespace chokepoint {

enum class Command { kServe, kCheckConfig, kPrintDefaultConfig, kHelp, kVersion };

struct CommandLine {
  Command command = Command::kServe;
  std::optional<std::string> config_file;
  std::optional<std::string> listen_host;
  std::optional<int> listen_port;
  std::optional<int> threads;
  std::optional<std::string> log_level;
  std::vector<std::string> rest;  // arguments of subcommands (check-config FILE)
};

struct ParsedCommandLine {
  CommandLine options;
  std::string error;  // non-empty when the arguments are invalid
};

ParsedCommandLine parse_command_line(const std::vector<std::string>& args);
std::string usage_text();

// Parses "HOST:PORT" (IPv6 as "[::1]:PORT"); port 0..65535.
bool parse_listen_address(const std::string& text, std::string& host, int& port);

}  // namespace chokepoint
