#include "app/ctl_command.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/command_line.hpp"
#include "common/strings.hpp"
#include "config/admin_settings.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

constexpr const char* kDefaultEndpoint = "http://127.0.0.1:4566";

// Reads the flags of `fault add` into a rule in the control API's schema.
class RuleFlags {
 public:
  RuleFlags(const std::vector<std::string>& args, std::string& error) : args_(args), error_(error) {}

  std::optional<json> parse(size_t start) {
    for (size_t i = start; i < args_.size() && error_.empty(); ++i) {
      if (!flag(i)) return std::nullopt;
    }
    if (!error_.empty()) return std::nullopt;
    if (!operations_.empty()) rule_["operation"] = operations_;
    return rule_;
  }

 private:
  bool value(size_t& i, const std::string& name, std::string& out) {
    return take_flag_value(args_, i, name, out, error_);
  }

  std::optional<double> number(size_t& i, const std::string& name) {
    std::string text;
    if (!value(i, name, text)) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0') {
      error_ = name + " expects a number, got '" + text + "'";
      return std::nullopt;
    }
    return v;
  }

  // Durations go to the server as given ("2s", "500ms"), or as seconds when plain numbers.
  bool duration(size_t& i, const std::string& name, const char* key) {
    std::string text;
    if (!value(i, name, text)) return false;
    char* end = nullptr;
    const double seconds = std::strtod(text.c_str(), &end);
    rule_[key] = !text.empty() && *end == '\0' ? json(seconds) : json(text);
    return true;
  }

  bool latency(size_t& i) {
    std::string text;
    if (!value(i, "--latency", text)) return false;
    const auto dash = text.find('-', 1);
    long long lo = 0, hi = 0;
    const bool range = dash != std::string::npos;
    const bool ok = range ? parse_int64(std::string_view(text).substr(0, dash), lo) &&
                                parse_int64(std::string_view(text).substr(dash + 1), hi)
                          : parse_int64(text, lo);
    if (!ok) {
      error_ = "--latency expects milliseconds (200) or a range (100-300), got '" + text + "'";
      return false;
    }
    rule_["latency"] = range ? json{{"min_ms", lo}, {"max_ms", hi}} : json{{"ms", lo}};
    return true;
  }

  bool error_action(size_t& i, const std::string& flag) {
    std::string text;
    if (!value(i, flag, text)) return false;
    json& error = rule_["error"];
    if (error.is_null()) error = json::object();
    if (flag == "--error") error["code"] = text;
    if (flag == "--message") error["message"] = text;
    if (flag == "--status") {
      long long status = 0;
      if (!parse_int64(text, status)) {
        error_ = "--status expects an HTTP status, got '" + text + "'";
        return false;
      }
      error["status"] = status;
    }
    return true;
  }

  bool rate(size_t& i, const std::string& flag) {
    auto v = number(i, flag);
    if (!v) return false;
    json& rate = rule_["rate"];
    if (rate.is_null()) rate = json::object();
    rate[flag == "--rate" ? "per_second" : "burst"] = *v;
    return true;
  }

  bool match(size_t& i, const std::string& flag) {
    std::string text;
    if (!value(i, flag, text)) return false;
    if (flag == "--operation") {
      for (auto op : split(text, ',')) operations_.emplace_back(trim(op));
    } else {
      rule_[flag.substr(2)] = text;
    }
    return true;
  }

  bool flag(size_t& i) {
    const std::string& arg = args_[i];
    for (const char* f : {"--service", "--operation", "--account", "--region", "--resource", "--tag", "--name"}) {
      if (is_flag(arg, f)) return match(i, f);
    }
    for (const char* f : {"--error", "--status", "--message"}) {
      if (is_flag(arg, f)) return error_action(i, f);
    }
    if (is_flag(arg, "--rate") || is_flag(arg, "--burst"))
      return rate(i, is_flag(arg, "--rate") ? "--rate" : "--burst");
    if (arg == "--throttle") {
      rule_["throttle"] = true;
      return true;
    }
    if (is_flag(arg, "--latency")) return latency(i);
    if (is_flag(arg, "--start-after")) return duration(i, "--start-after", "start_after");
    if (is_flag(arg, "--duration")) return duration(i, "--duration", "duration");
    if (is_flag(arg, "--probability")) return set_number(i, "--probability", "probability");
    if (is_flag(arg, "--count")) return set_number(i, "--count", "count");
    error_ = "unknown option for fault add: '" + arg + "'";
    return false;
  }

  bool set_number(size_t& i, const std::string& flag, const char* key) {
    auto v = number(i, flag);
    if (v)
      rule_[key] = *v == static_cast<double>(static_cast<long long>(*v)) ? json(static_cast<long long>(*v)) : json(*v);
    return v.has_value();
  }

  const std::vector<std::string>& args_;
  std::string& error_;
  json rule_ = json::object();
  std::vector<std::string> operations_;
};

// The part of the target after "?": name=value pairs from flags, URI-encoded.
// The query parameter a flag sets: its name with underscores for hyphens ("--access-key" sets access_key).
std::string query_name(std::string_view flag) {
  std::string name(flag);
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

// Flags are spelled with hyphens; an underscore spelling of a known flag gets a pointer to the right one.
std::string unknown_flag_error(const std::string& arg, std::initializer_list<const char*> names) {
  const std::string given = arg.substr(0, arg.find('='));
  for (const char* name : names) {
    if (given == "--" + query_name(name) && given != std::string("--") + name) {
      return "'" + given + "' is spelled '--" + name + "'";
    }
  }
  return "unknown option '" + arg + "'";
}

std::string query_from_flags(const std::vector<std::string>& args, size_t start,
                             std::initializer_list<const char*> names, std::string& error) {
  std::string query;
  for (size_t i = start; i < args.size() && error.empty(); ++i) {
    bool known = false;
    for (const char* name : names) {
      std::string value;
      if (!is_flag(args[i], std::string("--") + name)) continue;
      known = take_flag_value(args, i, std::string("--") + name, value, error);
      query += query.empty() ? '?' : '&';
      query.append(query_name(name)).append("=").append(uri_encode(value));
      break;
    }
    if (!known && error.empty()) error = unknown_flag_error(args[i], names);
  }
  return query;
}

void plan_fault(const std::vector<std::string>& a, size_t i, CtlPlan& plan) {
  const std::string verb = i < a.size() ? a[i] : "";
  const size_t rest = a.size() - std::min(a.size(), i + 1);
  if (verb == "add") {
    size_t at = i + 1;
    std::string text;
    if (at < a.size() && is_flag(a[at], "--rule")) {
      if (!take_flag_value(a, at, "--rule", text, plan.error)) return;
      if (at + 1 != a.size()) plan.error = "--rule takes the whole rule; no other options go with it";
      if (at + 1 == a.size()) plan.calls.push_back({"POST", "/_chokepoint/faults", text, CtlView::kFaultAdded});
      return;
    }
    auto rule = RuleFlags(a, plan.error).parse(i + 1);
    if (rule) plan.calls.push_back({"POST", "/_chokepoint/faults", rule->dump(), CtlView::kFaultAdded});
  } else if (verb == "list" && rest == 0) {
    plan.calls.push_back({"GET", "/_chokepoint/faults", "", CtlView::kFaultList});
  } else if (verb == "clear" && rest == 0) {
    plan.calls.push_back({"DELETE", "/_chokepoint/faults", "", CtlView::kStatus});
  } else if ((verb == "rm" || verb == "show") && rest > 0) {
    for (size_t k = i + 1; k < a.size(); ++k) {
      // "3" is short for "f3".
      const std::string id = !a[k].empty() && std::isdigit(static_cast<unsigned char>(a[k][0])) ? "f" + a[k] : a[k];
      const std::string target = "/_chokepoint/faults/" + uri_encode(id);
      plan.calls.push_back(verb == "rm" ? CtlCall{"DELETE", target, "", CtlView::kStatus}
                                        : CtlCall{"GET", target, "", CtlView::kFault});
    }
  } else {
    plan.error = "usage: fault add FLAGS | fault list | fault show ID | fault rm ID... | fault clear";
  }
}

void plan_scenario(const std::vector<std::string>& a, size_t i, CtlPlan& plan) {
  const std::string verb = i < a.size() ? a[i] : "";
  if (verb == "list" && i + 1 == a.size()) {
    plan.calls.push_back({"GET", "/_chokepoint/scenarios", "", CtlView::kScenarios});
  } else if ((verb == "start" || verb == "stop") && i + 2 == a.size()) {
    plan.calls.push_back(
        {"POST", "/_chokepoint/scenarios/" + uri_encode(a[i + 1]) + "/" + verb, "", CtlView::kScenarios});
  } else {
    plan.error = "usage: scenario list | scenario start NAME | scenario stop NAME";
  }
}

// clock [show] | freeze | resume | advance DURATION | set TIME | speed N: one POST (or GET) of /_chokepoint/clock.
void plan_clock(const std::vector<std::string>& a, size_t i, CtlPlan& plan) {
  const std::string verb = i < a.size() ? a[i] : "show";
  const size_t rest = a.size() - std::min(a.size(), i + 1);
  const std::string value = rest == 1 ? a[i + 1] : "";
  std::optional<json> change;
  if (verb == "show" && rest == 0) {
    plan.calls.push_back({"GET", "/_chokepoint/clock", "", CtlView::kClock});
    return;
  }
  if (verb == "freeze" && rest == 0) change = json{{"mode", "manual"}};
  if (verb == "resume" && rest == 0) change = json{{"mode", "real"}};
  if (verb == "set" && rest == 1) change = json{{"set", value}};
  if ((verb == "advance" || verb == "speed") && rest == 1) {
    // Plain numbers go as numbers (seconds, or the speed factor); "5m" as given. The server checks both.
    char* end = nullptr;
    const double number = std::strtod(value.c_str(), &end);
    change = json{{verb, !value.empty() && *end == '\0' ? json(number) : json(value)}};
  }
  if (!change) {
    plan.error =
        "usage: clock [show] | clock freeze | clock resume | clock advance DURATION | clock set TIME | "
        "clock speed N";
    return;
  }
  plan.calls.push_back({"POST", "/_chokepoint/clock", change->dump(), CtlView::kClock});
}

void plan_command(const std::vector<std::string>& a, size_t i, CtlPlan& plan) {
  const std::string command = a[i];
  const bool alone = i + 1 == a.size();
  if (command == "fault" || command == "faults") return plan_fault(a, i + 1, plan);
  if (command == "scenario" || command == "scenarios") return plan_scenario(a, i + 1, plan);
  if (command == "clock") return plan_clock(a, i + 1, plan);
  if (command == "requests") {
    plan.calls.push_back(
        {"GET", "/_chokepoint/requests" + query_from_flags(a, i + 1, {"limit"}, plan.error), "", CtlView::kRequests});
  } else if (command == "report") {
    const std::string query = query_from_flags(a, i + 1, {"access-key"}, plan.error);
    plan.calls.push_back({"GET", "/_chokepoint/report" + query, "", CtlView::kReport});
  } else if (command == "buckets") {
    const std::string query = query_from_flags(a, i + 1, {"account", "region", "service"}, plan.error);
    plan.calls.push_back({"GET", "/_chokepoint/buckets" + query, "", CtlView::kBuckets});
  } else if (command == "reset" && alone) {
    plan.calls.push_back({"POST", "/_chokepoint/reset", "", CtlView::kStatus});
  } else if (command == "reload" && alone) {
    plan.calls.push_back({"POST", "/_chokepoint/config/reload", "", CtlView::kStatus});
  } else if (command == "health" && alone) {
    plan.calls.push_back({"GET", "/_chokepoint/health", "", CtlView::kRaw});
  } else if (command == "help" && alone) {
    plan.help = true;
  } else {
    plan.error = "unknown command '" + command + "'";
  }
}

}  // namespace

CtlPlan parse_ctl(const std::vector<std::string>& args, const std::string& default_endpoint,
                  const std::string& default_token) {
  CtlPlan plan;
  std::string url = default_endpoint.empty() ? kDefaultEndpoint : default_endpoint;
  std::string token = default_token;
  size_t i = 0;
  for (; i < args.size() && args[i].rfind("--", 0) == 0; ++i) {
    if (is_flag(args[i], "--endpoint")) {
      if (!take_flag_value(args, i, "--endpoint", url, plan.error)) return plan;
    } else if (is_flag(args[i], "--token")) {
      if (!take_flag_value(args, i, "--token", token, plan.error)) return plan;
    } else if (args[i] == "--json") {
      plan.json_output = true;
    } else if (args[i] == "--help") {
      plan.help = true;
      return plan;
    } else {
      plan.error = "unknown option '" + args[i] + "'";
      return plan;
    }
  }
  auto endpoint = parse_endpoint(url);
  if (!endpoint) {
    plan.error = "--endpoint expects http://HOST:PORT, got '" + url + "'";
    return plan;
  }
  plan.endpoint = *endpoint;
  plan.endpoint.token = token;
  if (i == args.size()) {
    plan.error = "missing command";
    return plan;
  }
  plan_command(args, i, plan);
  return plan;
}

int run_ctl(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const char* env = std::getenv("CHOKEPOINT_ENDPOINT");
  const char* token = std::getenv(kAdminTokenEnv);
  const CtlPlan plan = parse_ctl(args, env ? env : "", token ? token : "");
  if (plan.help) {
    out << ctl_usage();
    return 0;
  }
  if (!plan.error.empty()) {
    err << "chokepoint ctl: " << plan.error << "\n\n" << ctl_usage();
    return 2;
  }
  int code = 0;
  for (const auto& call : plan.calls) {
    std::string error;
    const auto response = http_call(plan.endpoint, call.method, call.target, call.body, error);
    if (!response) {
      err << "chokepoint ctl: " << error << "\n";
      return 3;
    }
    const bool ok = response->status >= 200 && response->status < 300;
    if (!ok) code = 1;
    (ok ? out : err) << render_response(call.view, response->status, response->body, plan.json_output);
  }
  return code;
}

std::string ctl_usage() {
  return R"(Usage: chokepoint ctl [--endpoint URL] [--token TOKEN] [--json] COMMAND

  fault add MATCH ACTION [LIMITS]   add a fault rule; prints its id
      MATCH    --service S  --operation OP[,OP...]  --account A  --region R  --resource X  --tag T  --name N
               (globs allowed: --operation 'Describe*'; a --resource ending in '/' is a path prefix)
      ACTION   --throttle | --error CODE [--status N] [--message TEXT] | --latency MS | --latency MIN-MAX
               | --rate PER_SECOND [--burst B]
      LIMITS   --probability P  --count N  --start-after DURATION  --duration DURATION   (2s, 500ms, 1m)
  fault add --rule '{...}'          add rules written in the control API's JSON (one, or a list)
  fault list | fault show ID | fault rm ID... | fault clear
  scenario list | scenario start NAME | scenario stop NAME
  requests [--limit N]              the most recent decisions, newest first
  buckets [--account A] [--region R] [--service S]
  report [--access-key K]           how clients retried: amplification, attempts, waits, jitter
  clock [show]                      the emulated clock: time, mode, speed
  clock freeze | clock resume       stop it (manual mode) or let it run with the wall clock again
  clock advance DURATION            move it forward (90, 90s, 5m, 2h), running what falls due on the way
  clock set TIME | clock speed N    jump forward to an ISO 8601 time; run N times as fast as real time
  reset | reload | health

--endpoint defaults to $CHOKEPOINT_ENDPOINT, else http://127.0.0.1:4566. --token (the server's admin token,
needed when it has one) defaults to $CHOKEPOINT_ADMIN_TOKEN. --json prints the server's JSON.
Exit codes: 0 done, 1 the server refused, 2 bad arguments, 3 server unreachable.
)";
}

}  // namespace chokepoint
