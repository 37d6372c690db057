#include "services/cloudformation/change_set_diff.hpp"

#include <algorithm>
#include <set>

#include "services/cloudformation/stack_operation.hpp"
#include "services/cloudformation/template_references.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

json resource_change(const std::string& action, const std::string& id, const std::string& type,
                     const std::string& physical_id) {
  json change = {{"Action", action},
                 {"LogicalResourceId", id},
                 {"ResourceType", type},
                 {"Scope", json::array()},
                 {"Details", json::array()}};
  if (!physical_id.empty()) change["PhysicalResourceId"] = physical_id;
  return change;
}

std::set<std::string> changed_parameters(const StackDefinition& a, const StackDefinition& b) {
  std::map<std::string, std::string> before;
  for (const auto& p : a.parameters) before[p.key] = p.value + "\x1f" + p.resolved_value;
  std::set<std::string> out;
  for (const auto& p : b.parameters) {
    const auto it = before.find(p.key);
    if (it == before.end() || it->second != p.value + "\x1f" + p.resolved_value) out.insert(p.key);
  }
  return out;
}

json property_detail(const std::string& name, const std::string& recreation, const std::string& source) {
  return {{"Target", {{"Attribute", "Properties"}, {"Name", name}, {"RequiresRecreation", recreation}}},
          {"Evaluation", "Static"},
          {"ChangeSource", source}};
}

// Modify details of one resource; empty when nothing changed.
json modify_details(const ResourceDecl& before, const ResourceDecl& after, const std::set<std::string>& params,
                    const ResourceProvider& provider, std::string& replacement) {
  json details = json::array();
  std::set<std::string> names;
  for (const auto* props : {&before.properties, &after.properties}) {
    for (const auto& [key, _] : props->items()) names.insert(key);
  }
  bool always = false, conditionally = false;
  for (const auto& name : names) {
    const json a = before.properties.value(name, json()), b = after.properties.value(name, json());
    References refs;
    collect_references(b, refs);
    const bool direct = a != b;
    const bool via_parameter =
        std::any_of(refs.refs.begin(), refs.refs.end(), [&](const auto& r) { return params.count(r) != 0; });
    if (!direct && !via_parameter) continue;
    const std::string recreation = provider.requires_recreation(name);
    always = always || recreation == "Always";
    conditionally = conditionally || recreation == "Conditionally";
    details.push_back(property_detail(name, recreation, direct ? "DirectModification" : "ParameterReference"));
  }
  replacement = always ? "True" : conditionally ? "Conditional" : "False";
  return details;
}

}  // namespace

json change_set_changes(const Stack* stack, const StackDefinition& next, const ProviderRegistry& providers) {
  json changes = json::array();
  const StackDefinition* current = stack && stack->definition.tmpl ? &stack->definition : nullptr;
  const std::set<std::string> params = current ? changed_parameters(*current, next) : std::set<std::string>{};
  for (const auto& id : active_resources(next)) {
    const ResourceDecl& decl = *next.tmpl->resource(id);
    const auto record = stack ? stack->resources.find(id) : std::map<std::string, StackResource>::const_iterator{};
    const bool existing = stack && record != stack->resources.end() && record->second.status != "DELETE_COMPLETE" &&
                          current && is_active(*current, id);
    if (!existing) {
      changes.push_back({{"Type", "Resource"}, {"ResourceChange", resource_change("Add", id, decl.type, "")}});
      continue;
    }
    const ResourceDecl& old_decl = *current->tmpl->resource(id);
    json change = resource_change("Modify", id, decl.type, record->second.physical_id);
    std::string replacement = "True";
    if (old_decl.type == decl.type) {
      change["Details"] = modify_details(old_decl, decl, params, *providers.find(decl.type), replacement);
      if (change["Details"].empty() && old_decl.definition == decl.definition) continue;
    }
    change["Replacement"] = replacement;
    change["Scope"] = json::array({"Properties"});
    changes.push_back({{"Type", "Resource"}, {"ResourceChange", change}});
  }
  if (current) {
    for (const auto& [id, r] : stack->resources) {
      if (r.status == "DELETE_COMPLETE" || is_active(next, id)) continue;
      changes.push_back(
          {{"Type", "Resource"}, {"ResourceChange", resource_change("Remove", id, r.type, r.physical_id)}});
    }
  }
  return changes;
}

}  // namespace chokepoint
