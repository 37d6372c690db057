#pragma once
// Command-line parsing. Pure: arguments in, options or an error message out.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/emulated_clock.hpp"

namespace chokepoint {

enum class Command { kServe, kCheckConfig, kPrintDefaultConfig, kPrintOperations, kHelp, kVersion, kCtl };

struct CommandLine {
  Command command = Command::kServe;
  std::optional<std::string> config_file;
  std::optional<std::string> listen_host;
  std::optional<int> listen_port;
  std::optional<int> threads;
  std::optional<std::string> log_level;
  std::optional<int> bucket_idle_seconds;  // rate buckets untouched this long are dropped (they are full again)
  std::optional<std::string> data_dir;     // durable mode
  std::optional<ClockMode> clock_mode;
  std::optional<uint64_t> seed;
  std::optional<std::string> upstream_url;
  std::optional<std::string> bucket_store_url;  // throttling.store
  std::vector<std::string> rest;  // arguments of subcommands (check-config FILE, ctl ...)
};

struct ParsedCommandLine {
  CommandLine options;
  std::string error;  // non-empty when the arguments are invalid
};

ParsedCommandLine parse_command_line(const std::vector<std::string>& args);
std::string usage_text();

// Flag helpers shared by the subcommands' parsers. is_flag: `arg` is "--flag" or "--flag=value".
// take_flag_value: the value of "--flag=value" or of "--flag value" (advancing i); false with `error` set when
// the value is missing.
bool is_flag(const std::string& arg, const std::string& flag);
bool take_flag_value(const std::vector<std::string>& args, size_t& i, const std::string& flag, std::string& value,
                     std::string& error);

// Parses "HOST:PORT" (IPv6 as "[::1]:PORT"); port 0..65535.
bool parse_listen_address(const std::string& text, std::string& host, int& port);

}  // namespace chokepoint
