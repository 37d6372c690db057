// Fault rule schema: JSON in, FaultRuleSpec out, with one error per wrong field; and back to JSON.
#include "config/faults_json.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "config/sections.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 15> kRuleKeys = {"name",     "service",     "operation",   "account",  "region",
                                                        "resource", "tag",         "throttle",    "error",    "latency",
                                                        "rate",     "probability", "start_after", "duration", "count"};
constexpr std::array<std::string_view, 4> kActionKeys = {"throttle", "error", "latency", "rate"};
constexpr std::array<std::string_view, 3> kErrorKeys = {"code", "status", "message"};
constexpr std::array<std::string_view, 3> kLatencyKeys = {"ms", "min_ms", "max_ms"};
constexpr std::array<std::string_view, 2> kRateKeys = {"per_second", "burst"};

bool has_glob(std::string_view s) {
  return s.find_first_of("*?") != std::string_view::npos;
}

// Field-by-field reading of one JSON object, collecting errors under a path prefix.
class Fields {
 public:
  Fields(std::string path, std::vector<FieldError>& errors) : path_(std::move(path)), errors_(errors) {}

  std::string at(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }
  // Records an error; returns nullopt so that readers can `return f.fail(...)`.
  std::nullopt_t fail(std::string field, std::string message) {
    errors_.push_back(FieldError{std::move(field), std::move(message)});
    return std::nullopt;
  }
  size_t error_count() const { return errors_.size(); }

  // Checks that `j` is an object with only `known` keys.
  bool object(const json& j, const std::string& field, std::span<const std::string_view> known) {
    if (!j.is_object()) {
      fail(field, "expected an object");
      return false;
    }
    bool ok = true;
    for (const auto& [key, value] : j.items()) {
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      fail(field.empty() ? key : field + "." + key, "unknown field" + did_you_mean(key, known));
      ok = false;
    }
    return ok;
  }

  // A string; a number is taken as its digits (YAML's `account: 123456789012`, `tag: 42`).
  std::optional<std::string> text(const json& j, const std::string& field) {
    if (!j.is_string() && !j.is_number()) return fail(field, "expected a string");
    auto s = j.is_string() ? j.get<std::string>() : j.dump();
    if (s.empty()) return fail(field, "must not be empty");
    return s;
  }

  std::optional<double> number(const json& j, const std::string& field, double min, double max) {
    if (!j.is_number()) return fail(field, "expected a number");
    const double v = j.get<double>();
    if (!std::isfinite(v) || v < min || v > max) {
      return fail(field, "must be between " + format(min) + " and " + format(max));
    }
    return v;
  }

  std::optional<long long> integer(const json& j, const std::string& field, long long min, long long max) {
    auto v = number(j, field, static_cast<double>(min), static_cast<double>(max));
    if (v && *v != std::trunc(*v)) return fail(field, "must be a whole number");
    if (!v) return std::nullopt;
    return static_cast<long long>(*v);
  }

  static std::string format(double v) {
    if (v == std::trunc(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
    char buf[32];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, res.ptr);
  }

 private:
  std::string path_;
  std::vector<FieldError>& errors_;
};

void read_service(Fields& f, const json& j, FaultMatch& m, std::span<const std::string_view> services) {
  auto s = f.text(j, f.at("service"));
  if (!s) return;
  if (!has_glob(*s) && std::find(services.begin(), services.end(), *s) == services.end()) {
    f.fail(f.at("service"), "unknown service '" + *s + "'" + did_you_mean(*s, services));
    return;
  }
  m.service = std::move(*s);
}

void read_operations(Fields& f, const json& j, FaultMatch& m) {
  const std::string field = f.at("operation");
  if (j.is_string()) {
    if (auto s = f.text(j, field)) m.operations.push_back(std::move(*s));
    return;
  }
  if (!j.is_array() || j.empty()) {
    f.fail(field, "expected an operation name or a non-empty list of them");
    return;
  }
  for (size_t i = 0; i < j.size(); ++i) {
    if (auto s = f.text(j[i], indexed(field, i))) m.operations.push_back(std::move(*s));
  }
}

void read_match(Fields& f, const json& j, FaultMatch& m, std::span<const std::string_view> services) {
  if (j.contains("service")) read_service(f, j["service"], m, services);
  if (j.contains("operation")) read_operations(f, j["operation"], m);
  if (j.contains("account")) {
    auto a = f.text(j["account"], f.at("account"));
    if (a && !has_glob(*a) && !is_account_id(*a)) f.fail(f.at("account"), "must be exactly 12 digits (or a glob)");
    if (a) m.account = std::move(*a);
  }
  if (j.contains("region")) m.region = f.text(j["region"], f.at("region")).value_or("");
  if (j.contains("resource")) m.resource = f.text(j["resource"], f.at("resource")).value_or("");
  if (j.contains("tag")) m.tag = f.text(j["tag"], f.at("tag")).value_or("");
}

std::optional<FaultAction> read_error(Fields& f, const json& j) {
  const std::string field = f.at("error");
  ErrorAction e;
  if (j.is_string()) {
    e.code = f.text(j, field).value_or("");
    return e.code.empty() ? std::nullopt : std::optional<FaultAction>(e);
  }
  const size_t before = f.error_count();
  if (!f.object(j, field, kErrorKeys)) return std::nullopt;
  if (!j.contains("code")) f.fail(field + ".code", "required");
  if (j.contains("code")) e.code = f.text(j["code"], field + ".code").value_or("");
  if (j.contains("status"))
    e.http_status = static_cast<int>(f.integer(j["status"], field + ".status", 400, 599).value_or(0));
  if (j.contains("message")) {
    if (j["message"].is_string())
      e.message = j["message"].get<std::string>();
    else
      f.fail(field + ".message", "expected a string");
  }
  if (f.error_count() != before) return std::nullopt;
  return e;
}

std::optional<FaultAction> read_latency(Fields& f, const json& j) {
  const std::string field = f.at("latency");
  if (j.is_number()) {
    auto ms = f.integer(j, field, 0, kMaxFaultLatencyMs);
    return ms ? std::optional<FaultAction>(LatencyAction{*ms, *ms}) : std::nullopt;
  }
  if (!f.object(j, field, kLatencyKeys)) return std::nullopt;
  const bool fixed = j.contains("ms");
  const bool range = j.contains("min_ms") || j.contains("max_ms");
  if (fixed == range || (range && !(j.contains("min_ms") && j.contains("max_ms")))) {
    f.fail(field, "expected either ms, or both min_ms and max_ms");
    return std::nullopt;
  }
  if (fixed) {
    auto ms = f.integer(j["ms"], field + ".ms", 0, kMaxFaultLatencyMs);
    return ms ? std::optional<FaultAction>(LatencyAction{*ms, *ms}) : std::nullopt;
  }
  auto lo = f.integer(j["min_ms"], field + ".min_ms", 0, kMaxFaultLatencyMs);
  auto hi = f.integer(j["max_ms"], field + ".max_ms", 0, kMaxFaultLatencyMs);
  if (!lo || !hi) return std::nullopt;
  if (*lo > *hi) return f.fail(field + ".max_ms", "must be >= min_ms");
  return LatencyAction{*lo, *hi};
}

std::optional<FaultAction> read_rate(Fields& f, const json& j) {
  const std::string field = f.at("rate");
  constexpr double kMaxRate = 1e9;
  if (j.is_number()) {
    auto rate = f.number(j, field, 0, kMaxRate);
    if (rate && *rate <= 0) return f.fail(field, "must be > 0");
    return rate ? std::optional<FaultAction>(RateAction{*rate, std::max(1.0, *rate)}) : std::nullopt;
  }
  if (!f.object(j, field, kRateKeys)) return std::nullopt;
  if (!j.contains("per_second")) return f.fail(field + ".per_second", "required");
  auto rate = f.number(j["per_second"], field + ".per_second", 0, kMaxRate);
  if (rate && *rate <= 0) return f.fail(field + ".per_second", "must be > 0");
  if (!rate) return std::nullopt;
  RateAction action{*rate, std::max(1.0, *rate)};
  if (j.contains("burst")) {
    auto burst = f.number(j["burst"], field + ".burst", 1, kMaxRate);
    if (!burst) return std::nullopt;
    action.burst = *burst;
  }
  return action;
}

std::optional<FaultAction> read_action(Fields& f, const json& j, const std::string& key) {
  if (key == "error") return read_error(f, j[key]);
  if (key == "latency") return read_latency(f, j[key]);
  if (key == "rate") return read_rate(f, j[key]);
  const json& t = j[key];
  if (t == true || (t.is_object() && t.empty())) return ThrottleAction{};
  f.fail(f.at(key), "expected true");
  return std::nullopt;
}

void read_action_field(Fields& f, const json& j, const std::string& rule_field, FaultRuleSpec& rule) {
  std::string found;
  for (auto key : kActionKeys) {
    if (!j.contains(key)) continue;
    if (!found.empty()) {
      f.fail(f.at(key), "a rule has one action; this one already has '" + found + "'");
      return;
    }
    found = key;
  }
  if (found.empty()) {
    f.fail(rule_field, "expected one action: throttle, error, latency or rate");
    return;
  }
  if (auto action = read_action(f, j, found)) rule.action = std::move(*action);
}

void read_limits(Fields& f, const json& j, FaultRuleSpec& rule) {
  if (j.contains("probability")) rule.probability = f.number(j["probability"], f.at("probability"), 0, 1).value_or(1);
  if (j.contains("count")) rule.count = f.integer(j["count"], f.at("count"), 1, 1'000'000'000'000LL);
  if (j.contains("start_after")) {
    auto d = parse_duration(j["start_after"]);
    if (!d) f.fail(f.at("start_after"), "expected seconds (a number >= 0) or a duration such as \"500ms\" or \"2s\"");
    if (d) rule.start_after = *d;
  }
  if (j.contains("duration")) {
    auto d = parse_duration(j["duration"]);
    if (!d || d->count() <= 0) f.fail(f.at("duration"), "expected seconds (a number > 0) or a duration such as \"2s\"");
    if (d && d->count() > 0) rule.duration = *d;
  }
}

double seconds(std::chrono::milliseconds d) {
  return static_cast<double>(d.count()) / 1000.0;
}

json action_json(const FaultAction& action) {
  if (std::holds_alternative<ThrottleAction>(action)) return json{{"throttle", true}};
  if (const auto* e = std::get_if<ErrorAction>(&action)) {
    json error{{"code", e->code}, {"status", e->http_status}};
    if (!e->message.empty()) error["message"] = e->message;
    return json{{"error", std::move(error)}};
  }
  if (const auto* l = std::get_if<LatencyAction>(&action)) {
    if (l->min_ms == l->max_ms) return json{{"latency", {{"ms", l->min_ms}}}};
    return json{{"latency", {{"min_ms", l->min_ms}, {"max_ms", l->max_ms}}}};
  }
  const auto& r = std::get<RateAction>(action);
  return json{{"rate", {{"per_second", r.per_second}, {"burst", r.burst}}}};
}

}  // namespace

std::string indexed(std::string_view path, size_t i) {
  std::string out(path);
  out.append("[").append(std::to_string(i)).append("]");
  return out;
}

std::string FieldError::format() const {
  return field.empty() ? message : field + ": " + message;
}

std::optional<std::chrono::milliseconds> parse_duration(const json& j) {
  if (j.is_number()) {
    const double s = j.get<double>();
    if (!std::isfinite(s) || s < 0 || s > 1e9) return std::nullopt;
    return std::chrono::milliseconds(static_cast<long long>(std::llround(s * 1000)));
  }
  if (!j.is_string()) return std::nullopt;
  const std::string text = j.get<std::string>();
  double value = 0;
  auto res = std::from_chars(text.data(), text.data() + text.size(), value);
  if (res.ec != std::errc() || res.ptr == text.data() || !std::isfinite(value) || value < 0 || value > 1e9) {
    return std::nullopt;
  }
  const std::string_view unit(res.ptr, static_cast<size_t>(text.data() + text.size() - res.ptr));
  double ms_per_unit = 0;
  if (unit == "ms") ms_per_unit = 1;
  if (unit == "s") ms_per_unit = 1000;
  if (unit == "m") ms_per_unit = 60'000;
  if (unit == "h") ms_per_unit = 3'600'000;
  if (ms_per_unit == 0) return std::nullopt;
  return std::chrono::milliseconds(static_cast<long long>(std::llround(value * ms_per_unit)));
}

std::optional<FaultRuleSpec> parse_fault_rule(const json& j, const std::string& path, std::vector<FieldError>& errors,
                                              std::span<const std::string_view> services) {
  Fields f(path, errors);
  const size_t before = f.error_count();
  f.object(j, path, kRuleKeys);  // unknown keys are reported; the known ones are still checked
  if (!j.is_object()) return std::nullopt;
  FaultRuleSpec rule;
  if (j.contains("name")) {
    if (j["name"].is_string())
      rule.name = j["name"].get<std::string>();
    else
      f.fail(f.at("name"), "expected a string");
  }
  read_match(f, j, rule.match, services);
  read_action_field(f, j, path, rule);
  read_limits(f, j, rule);
  if (f.error_count() != before) return std::nullopt;
  return rule;
}

json fault_rule_to_json(const FaultRuleSpec& rule) {
  json out = json::object();
  if (!rule.name.empty()) out["name"] = rule.name;
  const FaultMatch& m = rule.match;
  if (!m.service.empty()) out["service"] = m.service;
  if (!m.operations.empty()) out["operation"] = m.operations;
  if (!m.account.empty()) out["account"] = m.account;
  if (!m.region.empty()) out["region"] = m.region;
  if (!m.resource.empty()) out["resource"] = m.resource;
  if (!m.tag.empty()) out["tag"] = m.tag;
  out.update(action_json(rule.action));
  out["probability"] = rule.probability;
  if (rule.count) out["count"] = *rule.count;
  out["start_after"] = seconds(rule.start_after);
  if (rule.duration) out["duration"] = seconds(*rule.duration);
  return out;
}

}  // namespace chokepoint
