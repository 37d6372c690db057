#include "services/cloudformation/template_checks.hpp"

#include <set>

#include "services/cloudformation/dependency_graph.hpp"
#include "services/cloudformation/pseudo_parameters.hpp"
#include "services/cloudformation/template_references.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

std::string bracket_list(const std::set<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return "[" + out + "]";
}

std::optional<std::string> find_null(const json& value, const std::string& path) {
  if (value.is_null()) return "[" + path + "] 'null' values are not allowed in templates";
  if (value.is_object()) {
    for (const auto& [k, v] : value.items()) {
      if (auto found = find_null(v, path + "/" + k)) return found;
    }
  } else if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) {
      if (auto found = find_null(value[i], path + "/" + std::to_string(i))) return found;
    }
  }
  return std::nullopt;
}

Problem check_nulls(const Template& t) {
  for (const auto& [id, r] : t.resources) {
    if (auto found = find_null(r.properties, "/Resources/" + id + "/Properties")) return found;
  }
  for (const auto& o : t.outputs) {
    if (auto found = find_null(o.value, "/Outputs/" + o.name + "/Value")) return found;
  }
  return std::nullopt;
}

Problem check_functions(const References& refs) {
  if (!refs.unsupported.empty()) {
    return "Template format error: Encountered unsupported function: " + *refs.unsupported.begin() +
           " Supported functions are: " + supported_functions_list();
  }
  if (!refs.malformed.empty()) return refs.malformed.front();
  return std::nullopt;
}

bool is_value_name(const Template& t, const std::string& name) {
  return t.parameter(name) || is_pseudo_parameter(name) || t.resource(name);
}

Problem check_attributes(const Template& t, const References& refs, const ResourceTypeCatalog& types) {
  for (const auto& [target, attribute] : refs.attributes) {
    const ResourceDecl* r = t.resource(target);
    if (!r) return "Template error: instance of Fn::GetAtt references undefined resource " + target;
    if (!attribute.empty() && !types.has_attribute(r->type, attribute)) {
      return "Template error: resource " + target + " does not support attribute type " + attribute + " in Fn::GetAtt";
    }
  }
  return std::nullopt;
}

Problem check_conditions(const Template& t, const References& refs, const std::string& where) {
  for (const auto& name : refs.conditions) {
    if (!t.conditions.contains(name)) return "Template error: unresolved condition dependency " + name + " in " + where;
  }
  return std::nullopt;
}

Problem check_resources(const Template& t, const ResourceTypeCatalog& types) {
  std::set<std::string> unresolved;
  for (const auto& [id, r] : t.resources) {
    References refs;
    collect_references(r.properties, refs);
    if (auto e = check_functions(refs)) return e;
    for (const auto& name : refs.refs) {
      if (!is_value_name(t, name)) unresolved.insert(name);
    }
    for (const auto& name : r.depends_on) {
      if (!t.resource(name)) unresolved.insert(name);
    }
    if (!unresolved.empty()) {
      return "Template format error: Unresolved resource dependencies " + bracket_list(unresolved) +
             " in the Resources block of the template";
    }
    if (auto e = check_attributes(t, refs, types)) return e;
    if (auto e = check_conditions(t, refs, "Fn::If")) return e;
    if (!r.condition.empty() && !t.conditions.contains(r.condition)) {
      return "Template error: unresolved condition dependency " + r.condition + " in resource " + id;
    }
  }
  return std::nullopt;
}

Problem check_outputs(const Template& t, const ResourceTypeCatalog& types) {
  std::set<std::string> unresolved;
  for (const auto& o : t.outputs) {
    References refs;
    collect_references(o.value, refs);
    collect_references(o.export_name, refs);
    if (auto e = check_functions(refs)) return e;
    for (const auto& name : refs.refs) {
      if (!is_value_name(t, name)) unresolved.insert(name);
    }
    if (!unresolved.empty()) {
      return "Unresolved resource dependencies " + bracket_list(unresolved) + " in the Outputs block of the template";
    }
    if (auto e = check_attributes(t, refs, types)) return e;
    if (auto e = check_conditions(t, refs, "Fn::If")) return e;
    if (!o.condition.empty() && !t.conditions.contains(o.condition)) {
      return "Template error: unresolved condition dependency " + o.condition + " in output " + o.name;
    }
  }
  return std::nullopt;
}

Problem check_condition_section(const Template& t) {
  for (const auto& [name, expr] : t.conditions.items()) {
    References refs;
    collect_references(expr, refs);
    if (auto e = check_functions(refs)) return e;
    std::set<std::string> resources;
    for (const auto& ref : refs.refs) {
      if (!t.parameter(ref) && !is_pseudo_parameter(ref)) resources.insert(ref);
    }
    if (!resources.empty() || !refs.attributes.empty()) {
      if (resources.empty()) resources.insert(refs.attributes.begin()->first);
      return "Template format error: Unresolved dependencies " + bracket_list(resources) +
             ". Cannot reference resources in the Conditions block of the template";
    }
    if (auto e = check_conditions(t, refs, "condition " + name)) return e;
  }
  return std::nullopt;
}

}  // namespace

Problem check_template(const Template& t, const ResourceTypeCatalog& types) {
  if (auto e = check_nulls(t)) return e;
  std::set<std::string> unknown;
  for (const auto& [_, r] : t.resources) {
    if (!types.knows_type(r.type)) unknown.insert(r.type);
  }
  if (!unknown.empty()) return "Template format error: Unrecognized resource types: " + bracket_list(unknown);
  std::set<std::string> forwarded;
  for (const auto& [_, r] : t.resources) {
    if (types.needs_upstream(r.type)) forwarded.insert(r.type);
  }
  if (!forwarded.empty()) {
    return "Template format error: Resource types " + bracket_list(forwarded) +
           " are provisioned through an upstream emulator and none is configured. Start Chokepoint with --upstream "
           "http://HOST:PORT (for example moto_server) to use them.";
  }
  if (auto e = check_condition_section(t)) return e;
  if (auto e = check_resources(t, types)) return e;
  if (auto e = check_outputs(t, types)) return e;
  const auto cycle = resource_graph(t).cycle_members();
  if (!cycle.empty()) return "Circular dependency between resources: " + bracket_list({cycle.begin(), cycle.end()});
  return std::nullopt;
}

RequiredCapabilities required_capabilities(const Template& t) {
  RequiredCapabilities out;
  if (!t.transforms.empty()) {
    out.capabilities.emplace_back("CAPABILITY_AUTO_EXPAND");
    out.reason = "The following resource(s) require capabilities: [" + t.transforms.front() + "]";
  }
  return out;
}

}  // namespace chokepoint
