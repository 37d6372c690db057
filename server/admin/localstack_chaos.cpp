#include "admin/localstack_chaos.hpp"

#include <algorithm>
#include <array>

#include "admin/fault_routes.hpp"
#include "config/yaml_reader.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

constexpr const char* kChaosFaultsPath = "/_localstack/chaos/faults";
constexpr const char* kEffectsPath = "/_localstack/chaos/effects";
constexpr const char* kSource = "localstack";
constexpr std::array<std::string_view, 5> kRuleKeys = {"service", "region", "operation", "probability", "error"};
constexpr std::array<std::string_view, 3> kErrorKeys = {"statusCode", "code", "message"};

// LocalStack names services as botocore does; CloudWatch is "monitoring" here (its signing name).
std::string native_service(std::string name) {
  return name == "cloudwatch" ? "monitoring" : name;
}

bool unknown_keys(const json& j, const std::string& path, std::span<const std::string_view> known,
                  std::vector<FieldError>& errors) {
  bool found = false;
  for (const auto& [key, value] : j.items()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    errors.push_back(FieldError{path.empty() ? key : path + "." + key, "unknown field" + did_you_mean(key, known)});
    found = true;
  }
  return found;
}

std::optional<std::string> string_field(const json& j, const char* key, const std::string& path,
                                        std::vector<FieldError>& errors) {
  if (!j.contains(key)) return std::nullopt;
  if (j[key].is_string()) return j[key].get<std::string>();
  errors.push_back(FieldError{path.empty() ? key : path + "." + key, "expected a string"});
  return std::nullopt;
}

void read_error(const json& j, const std::string& path, ErrorAction& error, std::vector<FieldError>& errors) {
  if (!j.is_object()) {
    errors.push_back(FieldError{path, "expected an object"});
    return;
  }
  unknown_keys(j, path, kErrorKeys, errors);
  if (j.contains("statusCode")) {
    const json& s = j["statusCode"];
    const bool ok = s.is_number_integer() && s.get<long long>() >= 400 && s.get<long long>() <= 599;
    if (!ok) errors.push_back(FieldError{path + ".statusCode", "expected an HTTP error status from 400 to 599"});
    if (ok) error.http_status = s.get<int>();
  }
  if (auto code = string_field(j, "code", path, errors)) error.code = *code;
  if (auto message = string_field(j, "message", path, errors)) error.message = *message;
}

HttpResponse rules_response(FaultEngine& faults, TimePoint now) {
  json list = json::array();
  for (const auto& rule : faults.store().list(now)) {
    if (rule.origin.source == kSource) list.push_back(json::parse(rule.origin.external));
  }
  return admin_json(200, list);
}

// The body as a list of LocalStack rules, each also converted; nullopt with `error` set when it is wrong.
std::optional<std::vector<NewFaultRule>> rules_from_body(const HttpRequest& request, TimePoint now,
                                                         HttpResponse& error) {
  const auto body = json_body(request, error);
  if (!body) return std::nullopt;
  if (!body->is_array()) {
    error = admin_error(400, "expected a list of fault rules");
    return std::nullopt;
  }
  std::vector<FieldError> errors;
  std::vector<NewFaultRule> rules;
  for (size_t i = 0; i < body->size(); ++i) {
    auto spec = localstack_rule_to_spec((*body)[i], indexed("", i), errors);
    if (spec) rules.push_back(NewFaultRule{std::move(*spec), FaultOrigin::of(kSource, (*body)[i].dump()), now});
  }
  if (!errors.empty()) {
    error = field_errors_response(errors);
    return std::nullopt;
  }
  return rules;
}

HttpResponse change_rules(FaultEngine& faults, const HttpRequest& request, TimePoint now) {
  HttpResponse error;
  auto rules = rules_from_body(request, now, error);
  if (!rules) return error;
  if (request.method == "DELETE") {
    std::vector<json> doomed;
    for (const auto& rule : *rules) doomed.push_back(json::parse(rule.origin.external));
    faults.store().remove_if([&](const LiveFaultRule& live) {
      return live.origin().source == kSource &&
             std::find(doomed.begin(), doomed.end(), json::parse(live.origin().external)) != doomed.end();
    });
    return rules_response(faults, now);
  }
  const auto ids = request.method == "POST" ? faults.store().replace(kSource, std::move(*rules))
                                            : faults.store().add(std::move(*rules));
  if (!ids) return admin_error(400, "too many fault rules: at most " + std::to_string(FaultStore::kMaxRules));
  return rules_response(faults, now);
}

HttpResponse set_effects(FaultEngine& faults, const HttpRequest& request) {
  HttpResponse error;
  const auto body = json_body(request, error);
  if (!body) return error;
  if (!body->is_object()) return admin_error(400, "expected an object such as {\"latency\": 100}");
  std::vector<FieldError> errors;
  unknown_keys(*body, "", std::array<std::string_view, 1>{"latency"}, errors);
  long long latency = 0;
  if (body->contains("latency")) {
    const json& l = (*body)["latency"];
    const bool ok = l.is_number_integer() && l.get<long long>() >= 0 && l.get<long long>() <= kMaxFaultLatencyMs;
    if (!ok)
      errors.push_back(FieldError{"latency", "expected milliseconds from 0 to " + std::to_string(kMaxFaultLatencyMs)});
    if (ok) latency = l.get<long long>();
  }
  if (!errors.empty()) return field_errors_response(errors);
  faults.set_global_latency(std::chrono::milliseconds(latency));
  return admin_json(200, {{"latency", latency}});
}

}  // namespace

std::optional<FaultRuleSpec> localstack_rule_to_spec(const json& rule, const std::string& path,
                                                     std::vector<FieldError>& errors) {
  const size_t before = errors.size();
  if (!rule.is_object()) {
    errors.push_back(FieldError{path, "expected a rule object"});
    return std::nullopt;
  }
  unknown_keys(rule, path, kRuleKeys, errors);
  FaultRuleSpec spec;
  if (auto service = string_field(rule, "service", path, errors)) spec.match.service = native_service(*service);
  if (auto region = string_field(rule, "region", path, errors)) spec.match.region = *region;
  if (auto operation = string_field(rule, "operation", path, errors)) spec.match.operations = {*operation};
  if (rule.contains("probability")) {
    const json& p = rule["probability"];
    const bool ok = p.is_number() && p.get<double>() >= 0 && p.get<double>() <= 1;
    if (!ok) errors.push_back(FieldError{path + ".probability", "expected a number from 0 to 1"});
    if (ok) spec.probability = p.get<double>();
  }
  ErrorAction error{"ServiceUnavailable", 503, "Service '{service}' not accessible due to an outage"};
  if (rule.contains("error")) read_error(rule["error"], path + ".error", error, errors);
  spec.action = error;
  if (errors.size() != before) return std::nullopt;
  return spec;
}

void register_localstack_chaos_routes(AdminApi& admin, FaultEngine& faults) {
  admin.add_route("GET", kChaosFaultsPath,
                  [&faults](const HttpRequest&, TimePoint now) { return rules_response(faults, now); });
  for (const char* method : {"POST", "PATCH", "DELETE"}) {
    admin.add_route(method, kChaosFaultsPath,
                    [&faults](const HttpRequest& r, TimePoint now) { return change_rules(faults, r, now); });
  }
  admin.add_route("GET", kEffectsPath, [&faults](const HttpRequest&, TimePoint) {
    return admin_json(200, {{"latency", faults.global_latency().count()}});
  });
  admin.add_route("POST", kEffectsPath, [&faults](const HttpRequest& r, TimePoint) { return set_effects(faults, r); });
}

}  // namespace chokepoint
