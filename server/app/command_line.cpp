#include "app/command_line.hpp"

#include <algorithm>

#include "common/strings.hpp"
#include "config/bucket_store_settings.hpp"
#include "config/upstream_settings.hpp"

namespace chokepoint {

bool take_flag_value(const std::vector<std::string>& args, size_t& i, const std::string& flag, std::string& value,
                     std::string& error) {
  const std::string& arg = args[i];
  if (arg.size() > flag.size() && arg.compare(0, flag.size() + 1, flag + "=") == 0) {
    value = arg.substr(flag.size() + 1);
    return true;
  }
  if (i + 1 >= args.size()) {
    error = flag + " needs a value";
    return false;
  }
  value = args[++i];
  return true;
}

bool is_flag(const std::string& arg, const std::string& flag) {
  return arg == flag || arg.rfind(flag + "=", 0) == 0;
}

namespace {

bool parse_flag(const std::vector<std::string>& args, size_t& i, CommandLine& out, std::string& error) {
  const std::string& arg = args[i];
  std::string value;
  if (is_flag(arg, "--config")) {
    if (!take_flag_value(args, i, "--config", value, error)) return false;
    out.config_file = value;
  } else if (is_flag(arg, "--listen")) {
    if (!take_flag_value(args, i, "--listen", value, error)) return false;
    std::string host;
    int port = 0;
    if (!parse_listen_address(value, host, port)) {
      error = "--listen expects HOST:PORT, got '" + value + "'";
      return false;
    }
    out.listen_host = host;
    out.listen_port = port;
  } else if (is_flag(arg, "--threads")) {
    if (!take_flag_value(args, i, "--threads", value, error)) return false;
    long long n = 0;
    if (!parse_int64(value, n) || n > 1024) {
      error = "--threads expects a number from 0 to 1024, got '" + value + "'";
      return false;
    }
    out.threads = static_cast<int>(n);
  } else if (is_flag(arg, "--log-level")) {
    if (!take_flag_value(args, i, "--log-level", value, error)) return false;
    static const std::vector<std::string> kLevels = {"trace", "debug", "info", "warn", "error", "critical", "off"};
    if (std::find(kLevels.begin(), kLevels.end(), value) == kLevels.end()) {
      error = "--log-level expects one of trace, debug, info, warn, error, critical, off";
      return false;
    }
    out.log_level = value;
  } else if (is_flag(arg, "--bucket-idle-seconds")) {
    if (!take_flag_value(args, i, "--bucket-idle-seconds", value, error)) return false;
    long long n = 0;
    if (!parse_int64(value, n) || n < 1 || n > 604800) {
      error = "--bucket-idle-seconds expects a number from 1 to 604800, got '" + value + "'";
      return false;
    }
    out.bucket_idle_seconds = static_cast<int>(n);
  } else if (is_flag(arg, "--data-dir")) {
    if (!take_flag_value(args, i, "--data-dir", value, error)) return false;
    if (value.empty()) {
      error = "--data-dir expects a directory";
      return false;
    }
    out.data_dir = value;
  } else if (is_flag(arg, "--clock")) {
    if (!take_flag_value(args, i, "--clock", value, error)) return false;
    out.clock_mode = parse_clock_mode(value);
    if (!out.clock_mode) {
      error = "--clock expects real or manual, got '" + value + "'";
      return false;
    }
  } else if (is_flag(arg, "--upstream")) {
    if (!take_flag_value(args, i, "--upstream", value, error)) return false;
    std::string problem;
    if (!parse_upstream_url(value, problem)) {
      error = "--upstream " + problem + ", got '" + value + "'";
      return false;
    }
    out.upstream_url = value;
  } else if (is_flag(arg, "--bucket-store")) {
    if (!take_flag_value(args, i, "--bucket-store", value, error)) return false;
    BucketStoreSettings checked;
    if (std::string problem; !parse_bucket_store_url(value, checked, problem)) {
      error = "--bucket-store " + problem + ", got '" + value + "'";
      return false;
    }
    out.bucket_store_url = value;
  } else if (is_flag(arg, "--seed")) {
    if (!take_flag_value(args, i, "--seed", value, error)) return false;
    long long n = 0;
    if (!parse_int64(value, n) || n < 0) {
      error = "--seed expects a whole number >= 0, got '" + value + "'";
      return false;
    }
    out.seed = static_cast<uint64_t>(n);
  } else {
    error = "unknown option '" + arg + "'";
    return false;
  }
  return true;
}

}  // namespace

bool parse_listen_address(const std::string& text, std::string& host, int& port) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return false;
  host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  long long p = 0;
  if (!parse_int64(std::string_view(text).substr(colon + 1), p) || p > 65535) return false;
  port = static_cast<int>(p);
  return true;
}

ParsedCommandLine parse_command_line(const std::vector<std::string>& args) {
  ParsedCommandLine parsed;
  CommandLine& out = parsed.options;
  size_t i = 0;
  if (!args.empty()) {
    const std::string& first = args[0];
    if (first == "check-config") out.command = Command::kCheckConfig;
    if (first == "print-default-config") out.command = Command::kPrintDefaultConfig;
    if (first == "print-operations") out.command = Command::kPrintOperations;
    if (first == "help" || first == "--help" || first == "-h") out.command = Command::kHelp;
    if (first == "--version" || first == "version") out.command = Command::kVersion;
    if (first == "ctl") out.command = Command::kCtl;
    if (out.command != Command::kServe) i = 1;
  }
  if (out.command == Command::kCtl) {
    out.rest.assign(args.begin() + 1, args.end());  // parsed by the ctl command itself
    return parsed;
  }
  if (out.command == Command::kCheckConfig) {
    out.rest.assign(args.begin() + static_cast<long>(i), args.end());
    if (out.rest.size() != 1) parsed.error = "usage: chokepoint check-config FILE";
    return parsed;
  }
  for (; i < args.size(); ++i) {
    if (!parse_flag(args, i, out, parsed.error)) return parsed;
  }
  return parsed;
}

std::string usage_text() {
  return R"(Chokepoint: a local AWS API emulator that throttles like AWS.

Usage:
  chokepoint [--config FILE] [--listen HOST:PORT] [--threads N] [--log-level LEVEL] [--data-dir DIR]
             [--bucket-idle-seconds N] [--clock real|manual] [--seed N] [--upstream URL]
             [--bucket-store URL]
  chokepoint check-config FILE        validate a config file; prints FILE:LINE:COL: key: problem
  chokepoint print-default-config     print the built-in defaults (AWS's published limits) as YAML
  chokepoint print-operations         print every emulated operation with its throttling bucket, as JSON
  chokepoint ctl [--endpoint URL] COMMAND   control a running server (faults, buckets, reset, ...);
                                      `chokepoint ctl help` lists the commands
  chokepoint --version

Options:
  --config FILE        YAML laid over the built-in defaults (SIGHUP or POST /_chokepoint/config/reload re-reads it)
  --listen HOST:PORT   default 127.0.0.1:4566; port 0 picks a free port
  --threads N          I/O threads; 0 = one per hardware thread
  --log-level LEVEL    trace, debug, info, warn, error, critical, off
  --bucket-idle-seconds N  rate buckets unused for N seconds (default 600) are dropped to bound memory;
                       by then they are full, so a new request finds the same level
  --data-dir DIR       durable mode: DynamoDB tables and items, SSM parameters, EC2 instances and
                       CloudFormation stacks survive restarts (see README, Durable state)
  --clock MODE         the emulated clock: real (default; runs with the wall clock) or manual (stands still
                       until POST /_chokepoint/clock or `chokepoint ctl clock advance 5m` moves it)
  --seed N             fix every random choice (ids, fault probabilities and latencies): same requests, same answers
  --upstream URL       forward calls Chokepoint does not emulate (S3, IAM, Lambda, ...), once admitted by its
                       buckets, to another emulator at URL, e.g. http://127.0.0.1:5000 (moto_server)
  --bucket-store URL   keep the API rate buckets in Redis, redis://HOST:PORT[/DB], so that replicas on one
                       Redis enforce one set of limits (throttling.store); memory: in-process

The first line on stdout is always "listening on HOST:PORT".
)";
}

}  // namespace chokepoint
