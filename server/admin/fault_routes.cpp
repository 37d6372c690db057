#include "admin/fault_routes.hpp"

#include "common/time_format.hpp"
#include "config/operation_vocabulary.hpp"
#include "config/sections.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

constexpr std::string_view kFaultsPath = "/_chokepoint/faults";
constexpr std::string_view kScenariosPath = "/_chokepoint/scenarios";

// The rules in a POST body: one rule, a list of them, or {"faults": [...]}; field names follow that shape.
// The rule's operation names its service does not have, as errors on its `operation` field.
void check_operations(const FaultRuleSpec& rule, const OperationVocabulary& known, const std::string& path,
                      std::vector<FieldError>& errors) {
  const std::string field = path.empty() ? "operation" : path + ".operation";
  for (const std::string& operation : rule.match.operations) {
    if (auto problem = operation_name_problem(known, rule.match.service, operation)) {
      errors.push_back(FieldError{field, std::move(*problem)});
    }
  }
}

std::optional<std::vector<FaultRuleSpec>> rules_from_body(const json& body, const Config& config,
                                                          const OperationVocabulary& vocabulary,
                                                          std::vector<FieldError>& errors) {
  const std::vector<std::string_view> services = nameable_services(config);
  const OperationVocabulary known = with_default_operations(vocabulary, config);
  std::vector<FaultRuleSpec> rules;
  auto parse_one = [&](const json& rule_json, const std::string& path) {
    auto rule = parse_fault_rule(rule_json, path, errors, services);
    if (rule) check_operations(*rule, known, path, errors);
    if (rule) rules.push_back(std::move(*rule));
  };
  auto parse_list = [&](const json& list, const std::string& prefix) {
    if (list.empty()) errors.push_back(FieldError{prefix, "expected at least one rule"});
    for (size_t i = 0; i < list.size(); ++i) parse_one(list[i], indexed(prefix, i));
  };
  if (body.is_array()) {
    parse_list(body, "");
  } else if (body.is_object() && body.size() == 1 && body.contains("faults") && body["faults"].is_array()) {
    parse_list(body["faults"], "faults");
  } else if (body.is_object()) {
    parse_one(body, "");
  } else {
    errors.push_back(FieldError{"", "expected a rule object, a list of rules, or {\"faults\": [...]}"});
  }
  if (!errors.empty()) return std::nullopt;
  return rules;
}

HttpResponse list_faults(FaultEngine& faults, TimePoint now) {
  json list = json::array();
  for (const auto& rule : faults.store().list(now)) list.push_back(fault_rule_view(rule));
  return admin_json(200, {{"faults", std::move(list)}, {"latency_ms", faults.global_latency().count()}});
}

HttpResponse add_faults(FaultEngine& faults, const ConfigHolder& config, const OperationVocabulary& vocabulary,
                        const HttpRequest& request, TimePoint now) {
  HttpResponse error;
  const auto body = json_body(request, error);
  if (!body) return error;
  std::vector<FieldError> errors;
  auto specs = rules_from_body(*body, *config.get(), vocabulary, errors);
  if (!specs) return field_errors_response(errors);
  std::vector<NewFaultRule> rules;
  for (auto& spec : *specs) rules.push_back(NewFaultRule{std::move(spec), FaultOrigin::of("api"), now});
  const auto ids = faults.store().add(std::move(rules));
  if (!ids) return admin_error(400, "too many fault rules: at most " + std::to_string(FaultStore::kMaxRules));
  json added = json::array();
  for (const auto& id : *ids) {
    if (auto info = faults.store().find(id, now)) added.push_back(fault_rule_view(*info));
  }
  return admin_json(200, {{"ids", *ids}, {"faults", std::move(added)}});
}

std::string id_from_path(const HttpRequest& request) {
  return std::string(request.path().substr(kFaultsPath.size() + 1));
}

HttpResponse one_fault(FaultEngine& faults, const HttpRequest& request, TimePoint now) {
  const std::string id = id_from_path(request);
  if (auto info = faults.store().find(id, now)) return admin_json(200, fault_rule_view(*info));
  return admin_error(404, "no fault rule with id '" + id + "'");
}

HttpResponse delete_fault(FaultEngine& faults, const HttpRequest& request) {
  const std::string id = id_from_path(request);
  if (faults.store().remove(id)) return admin_json(200, {{"deleted", id}});
  return admin_error(404, "no fault rule with id '" + id + "'");
}

json scenario_view(const ScenarioStatus& s) {
  json out{
      {"name", s.name}, {"start", s.start_with_server ? "server" : "manual"}, {"state", s.state}, {"phases", s.phases}};
  if (s.started_at) out["started_at"] = iso8601_millis(*s.started_at);
  if (s.phase >= 0) out["phase"] = s.phase;
  if (s.phase_remaining) out["phase_remaining_seconds"] = static_cast<double>(s.phase_remaining->count()) / 1000.0;
  return out;
}

HttpResponse list_scenarios(FaultEngine& faults, TimePoint now) {
  json list = json::array();
  for (const auto& s : faults.scenarios(now)) list.push_back(scenario_view(s));
  return admin_json(200, {{"scenarios", std::move(list)}});
}

// POST /_chokepoint/scenarios/{name}/start or /stop.
HttpResponse control_scenario(FaultEngine& faults, const HttpRequest& request, TimePoint now) {
  const std::string_view rest = request.path().substr(kScenariosPath.size() + 1);
  const auto slash = rest.rfind('/');
  const std::string_view verb = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  if (verb != "start" && verb != "stop") {
    return admin_error(404, "expected /_chokepoint/scenarios/{name}/start or /stop");
  }
  const std::string name(rest.substr(0, slash));
  const bool found = verb == "start" ? faults.start_scenario(name, now) : faults.stop_scenario(name);
  if (!found) return admin_error(404, "no scenario named '" + name + "'");
  for (const auto& s : faults.scenarios(now)) {
    if (s.name == name) return admin_json(200, scenario_view(s));
  }
  return admin_error(404, "no scenario named '" + name + "'");
}

}  // namespace

json fault_rule_view(const FaultRuleInfo& rule) {
  json out{{"id", rule.id}, {"source", rule.origin.source}};
  out.update(fault_rule_to_json(rule.spec));
  if (!rule.origin.scenario.empty()) {
    out["scenario"] = rule.origin.scenario;
    out["phase"] = rule.origin.phase;
  }
  out["state"] = fault_rule_state_name(rule.state);
  out["matched"] = rule.matched;
  out["applied"] = rule.applied;
  if (rule.spec.count) out["remaining"] = std::max(0LL, *rule.spec.count - rule.applied);
  if (rule.anchor) out["anchored_at"] = iso8601_millis(*rule.anchor);
  return out;
}

HttpResponse field_errors_response(const std::vector<FieldError>& errors) {
  json list = json::array();
  for (const auto& e : errors) list.push_back({{"field", e.field}, {"message", e.message}});
  const FieldError& first = errors.front();
  return admin_json(400, {{"error", first.format()}, {"field", first.field}, {"errors", std::move(list)}});
}

void register_fault_routes(AdminApi& admin, FaultEngine& faults, const ConfigHolder& config,
                           OperationVocabulary vocabulary) {
  const std::string faults_path(kFaultsPath);
  const std::string scenarios_path(kScenariosPath);
  admin.add_route("GET", faults_path,
                  [&faults](const HttpRequest&, TimePoint now) { return list_faults(faults, now); });
  admin.add_route("POST", faults_path,
                  [&faults, &config, vocabulary = std::move(vocabulary)](const HttpRequest& r, TimePoint now) {
                    return add_faults(faults, config, vocabulary, r, now);
                  });
  admin.add_route("DELETE", faults_path, [&faults](const HttpRequest&, TimePoint) {
    return admin_json(200, {{"deleted", faults.store().clear()}});
  });
  admin.add_route("GET", faults_path + "/",
                  [&faults](const HttpRequest& r, TimePoint now) { return one_fault(faults, r, now); });
  admin.add_route("DELETE", faults_path + "/",
                  [&faults](const HttpRequest& r, TimePoint) { return delete_fault(faults, r); });
  admin.add_route("GET", scenarios_path,
                  [&faults](const HttpRequest&, TimePoint now) { return list_scenarios(faults, now); });
  admin.add_route("POST", scenarios_path + "/",
                  [&faults](const HttpRequest& r, TimePoint now) { return control_scenario(faults, r, now); });
}

}  // namespace chokepoint
