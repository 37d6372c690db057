// faults: and scenarios: sections. A rule is converted to JSON and checked by the one rule schema
// (config/faults_json.cpp) that the admin API uses too; its errors are reported at the YAML node they name.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "config/faults_json.hpp"
#include "config/sections.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

// Rules under faults:, and in all scenarios together; the store holds at most 10,000 in all.
constexpr size_t kMaxConfigRules = 1000;

// A plain scalar as YAML 1.2's core schema reads it; quoted scalars stay strings.
json scalar_to_json(const YAML::Node& node) {
  const std::string& text = node.Scalar();
  if (node.Tag() != "?") return text;
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") return nullptr;
  // Digits with a leading zero stay text, so that an account id such as 012345678901 keeps its zero.
  if (text.size() > 1 && text[0] == '0' && text.find_first_not_of("0123456789") == std::string::npos) return text;
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  long long whole = 0;
  auto res = std::from_chars(digits.data(), digits.data() + digits.size(), whole);
  if (res.ec == std::errc() && res.ptr == digits.data() + digits.size()) return whole;
  double real = 0;
  auto dres = std::from_chars(digits.data(), digits.data() + digits.size(), real);
  if (dres.ec == std::errc() && dres.ptr == digits.data() + digits.size() && std::isfinite(real)) return real;
  return text;
}

// A fault rule is a few levels deep; anything deeper is a mistake, or an alias inside the node it names (a cycle
// that would otherwise recurse until the stack runs out).
constexpr int kMaxRuleDepth = 16;

json yaml_to_json(YamlReader& reader, const YamlNode& node, int depth = 0) {
  const YAML::Node& n = node.node();
  if (n.IsScalar()) return scalar_to_json(n);
  if (depth >= kMaxRuleDepth) {
    reader.error(node, "nested deeper than " + std::to_string(kMaxRuleDepth) + " levels (a YAML alias inside itself?)");
    return nullptr;
  }
  if (n.IsSequence()) {
    json out = json::array();
    const auto items = reader.elements(node);  // a sequence always has elements
    for (const auto& item : *items) out.push_back(yaml_to_json(reader, item, depth + 1));
    return out;
  }
  if (!n.IsMap()) return nullptr;
  json out = json::object();
  const auto entries = reader.entries(node);
  if (!entries) return out;
  for (const auto& [key, value] : *entries) out[key] = yaml_to_json(reader, value, depth + 1);
  return out;
}

// The node a rule error names ("latency.ms", "operation[1]"), or the deepest one that exists.
YamlNode locate(const YamlNode& rule, std::string_view field) {
  YamlNode at = rule;
  while (!field.empty()) {
    const size_t end = field.find_first_of(".[", 1);
    std::string_view part = field.substr(0, end);
    field = end == std::string_view::npos ? std::string_view() : field.substr(end);
    if (part.front() == '.') part.remove_prefix(1);
    std::optional<YamlNode> next;
    if (part.front() == '[') {
      size_t index = 0;
      std::from_chars(part.data() + 1, part.data() + part.size(), index);
      if (at.node().IsSequence() && index < at.node().size()) {
        next = YamlNode(at.node()[index], at.path() + std::string(part), at.node()[index].Mark());
      }
    } else {
      next = at.child(part);
    }
    if (!next) break;
    at = *next;
  }
  return at;
}

void report(YamlReader& reader, const YamlNode& rule, const FieldError& e) {
  const YamlNode at = locate(rule, e.field);
  const std::string path = e.field.empty() ? rule.path() : rule.path() + "." + e.field;
  reader.error(at.mark(), path, e.message);
}

std::optional<std::vector<FaultRuleSpec>> read_rule_list(YamlReader& reader, const YamlNode& list,
                                                         const Config& config) {
  auto items = reader.elements(list);
  if (!items) return std::nullopt;
  if (items->size() > kMaxConfigRules) {
    reader.error(list, "at most " + std::to_string(kMaxConfigRules) + " rules");
    return std::nullopt;
  }
  std::vector<FaultRuleSpec> rules;
  bool ok = true;
  for (const auto& item : *items) {
    const size_t before = reader.errors().size();
    const json rule_json = yaml_to_json(reader, item);
    if (reader.errors().size() != before) {
      ok = false;
      continue;
    }
    std::vector<FieldError> errors;
    auto rule = parse_fault_rule(rule_json, "", errors, nameable_services(config));
    for (const auto& e : errors) report(reader, item, e);
    if (rule) rules.push_back(std::move(*rule));
    ok = ok && rule.has_value();
  }
  if (!ok) return std::nullopt;
  return rules;
}

std::optional<std::chrono::milliseconds> read_phase_duration(YamlReader& reader, const YamlNode& node) {
  auto d = parse_duration(scalar_to_json(node.node()));
  if (!node.node().IsScalar() || !d || d->count() <= 0) {
    reader.error(node, "expected seconds (a number > 0) or a duration such as \"30s\" or \"2m\"");
    return std::nullopt;
  }
  return d;
}

bool read_phases(YamlReader& reader, const YamlNode& node, const Config& config, ScenarioSpec& scenario) {
  auto items = reader.elements(node);
  if (!items) return false;
  if (items->empty()) reader.error(node, "must not be empty");
  bool ok = !items->empty();
  for (size_t i = 0; i < items->size(); ++i) {
    const YamlNode& item = (*items)[i];
    ScenarioPhase phase;
    if (!reader.expect_mapping(item, {"duration", "faults"})) {
      ok = false;
      continue;
    }
    if (auto d = item.child("duration")) phase.duration = read_phase_duration(reader, *d);
    const bool last = i + 1 == items->size();
    if (!item.child("duration") && !last) reader.error(item, "only the last phase may leave out its duration");
    ok = ok && (phase.duration || (last && !item.child("duration")));
    if (auto faults = item.child("faults")) {
      auto list = read_rule_list(reader, *faults, config);
      ok = ok && list.has_value();
      if (list) phase.faults = std::move(*list);
    }
    scenario.phases.push_back(std::move(phase));
  }
  return ok;
}

bool read_scenario(YamlReader& reader, const YamlNode& node, const Config& config, ScenarioSpec& scenario) {
  if (!reader.expect_mapping(node, {"name", "start", "phases"})) return false;
  const size_t before = reader.errors().size();
  if (reader.require(node, "name")) reader.read_non_empty(node, "name", scenario.name);
  if (auto start = node.child("start")) {
    auto mode = reader.choice(*start, {"server", "manual"});
    if (mode) scenario.start_with_server = *mode == "server";
  }
  if (reader.require(node, "phases")) read_phases(reader, *node.child("phases"), config, scenario);
  return reader.errors().size() == before;
}

}  // namespace

void read_faults_section(YamlReader& reader, const YamlNode& section, Config& config) {
  if (auto rules = read_rule_list(reader, section, config)) config.faults.rules = std::move(*rules);
}

void read_scenarios_section(YamlReader& reader, const YamlNode& section, Config& config) {
  auto items = reader.elements(section);
  if (!items) return;
  std::vector<ScenarioSpec> scenarios;
  bool ok = true;
  size_t rules = 0;
  for (const auto& item : *items) {
    ScenarioSpec scenario;
    if (!read_scenario(reader, item, config, scenario)) {
      ok = false;
      continue;
    }
    auto same = [&](const ScenarioSpec& s) { return s.name == scenario.name; };
    if (std::find_if(scenarios.begin(), scenarios.end(), same) != scenarios.end()) {
      reader.error(*item.child("name"), "duplicate scenario name '" + scenario.name + "'");
      ok = false;
      continue;
    }
    for (const auto& phase : scenario.phases) rules += phase.faults.size();
    scenarios.push_back(std::move(scenario));
  }
  if (rules > kMaxConfigRules) {
    reader.error(section, "at most " + std::to_string(kMaxConfigRules) + " rules in all scenarios together");
    ok = false;
  }
  if (ok) config.faults.scenarios = std::move(scenarios);
}

}  // namespace chokepoint
