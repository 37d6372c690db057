#include "services/cloudformation/template_model.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace chokepoint {

namespace {

using nlohmann::json;
constexpr std::string_view kFormat = "Template format error: ";

std::string format_error(std::string_view what) {
  return std::string(kFormat) + std::string(what);
}

bool is_alphanumeric(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c) != 0; });
}

// Scalars as CloudFormation reads them: strings, numbers and booleans are all text.
std::optional<std::string> scalar_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) return v.dump();
  return std::nullopt;
}

std::optional<double> scalar_number(const json& v) {
  if (v.is_number()) return v.get<double>();
  if (!v.is_string()) return std::nullopt;
  const std::string s = v.get<std::string>();
  char* end = nullptr;
  const double d = std::strtod(s.c_str(), &end);
  if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(d)) return std::nullopt;
  return d;
}

std::optional<std::string> unknown_key(const json& object, std::initializer_list<std::string_view> known) {
  for (const auto& [key, _] : object.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) return key;
  }
  return std::nullopt;
}

std::optional<std::string> read_default(const json& v) {
  if (v.is_array()) {
    std::string joined;
    for (const auto& item : v) {
      auto text = scalar_text(item);
      if (!text) return std::nullopt;
      joined += (joined.empty() ? "" : ",") + *text;
    }
    return joined;
  }
  return scalar_text(v);
}

std::optional<std::string> read_parameter_limits(const std::string& name, const json& decl, ParameterDecl& p) {
  for (const char* key : {"MinLength", "MaxLength"}) {
    if (!decl.contains(key)) continue;
    auto n = scalar_number(decl[key]);
    if (!n || *n != std::floor(*n)) return format_error("Parameter '" + name + "' " + key + " must be an integer");
    (std::string(key) == "MinLength" ? p.min_length : p.max_length) = static_cast<long long>(*n);
  }
  for (const char* key : {"MinValue", "MaxValue"}) {
    if (!decl.contains(key)) continue;
    auto n = scalar_number(decl[key]);
    if (!n) return format_error("Parameter '" + name + "' " + key + " must be a number");
    (std::string(key) == "MinValue" ? p.min_value : p.max_value) = *n;
  }
  return std::nullopt;
}

std::optional<std::string> read_parameter(const std::string& name, const json& decl, ParameterDecl& p) {
  if (!is_alphanumeric(name)) return format_error("Parameter name " + name + " is non alphanumeric.");
  if (!decl.is_object()) return format_error("Every Parameters object must be an object.");
  if (auto bad = unknown_key(decl, {"Type", "Default", "Description", "AllowedValues", "AllowedPattern", "MaxLength",
                                    "MinLength", "MaxValue", "MinValue", "NoEcho", "ConstraintDescription"})) {
    return format_error("Invalid template parameter property '" + *bad + "'");
  }
  p.name = name;
  if (!decl.contains("Type"))
    return format_error("[/Parameters/" + name + "] Every Parameters object must contain a Type member.");
  p.type = scalar_text(decl["Type"]).value_or("");
  if (!is_known_parameter_type(p.type)) return format_error("Unrecognized parameter type: " + p.type);
  if (decl.contains("Default")) {
    p.default_value = read_default(decl["Default"]);
    if (!p.default_value) return format_error("Every Default member must be a string.");
  }
  p.description = scalar_text(decl.value("Description", json(""))).value_or("");
  p.constraint_description = scalar_text(decl.value("ConstraintDescription", json(""))).value_or("");
  p.allowed_pattern = scalar_text(decl.value("AllowedPattern", json(""))).value_or("");
  if (decl.contains("AllowedValues")) {
    if (!decl["AllowedValues"].is_array()) return format_error("Every AllowedValues member must be a list.");
    for (const auto& v : decl["AllowedValues"]) p.allowed_values.push_back(scalar_text(v).value_or(v.dump()));
  }
  if (decl.contains("NoEcho")) {
    const auto text = scalar_text(decl["NoEcho"]).value_or("");
    p.no_echo = text == "true" || text == "True" || text == "TRUE";
  }
  return read_parameter_limits(name, decl, p);
}

std::optional<std::string> read_depends_on(const std::string& id, const json& v, std::vector<std::string>& out) {
  if (v.is_string()) {
    out.push_back(v.get<std::string>());
    return std::nullopt;
  }
  if (v.is_array()) {
    for (const auto& item : v) {
      if (!item.is_string()) break;
      out.push_back(item.get<std::string>());
    }
    if (out.size() == v.size()) return std::nullopt;
  }
  return format_error("[/Resources/" + id + "/DependsOn] DependsOn must be a string or a list of strings.");
}

std::optional<std::string> read_resource(const std::string& id, const json& decl, ResourceDecl& r) {
  if (!is_alphanumeric(id)) return format_error("Resource name " + id + " is non alphanumeric.");
  if (!decl.is_object()) return format_error("Any Resources member must be an object.");
  if (auto bad = unknown_key(decl, {"Type", "Properties", "DependsOn", "Condition", "Metadata", "DeletionPolicy",
                                    "UpdateReplacePolicy", "CreationPolicy", "UpdatePolicy", "Version"})) {
    return "Invalid template resource property '" + *bad + "'";
  }
  if (!decl.contains("Type") || !decl["Type"].is_string()) {
    return format_error("[/Resources/" + id + "] Every Resources object must contain a Type member.");
  }
  r.logical_id = id;
  r.type = decl["Type"].get<std::string>();
  r.definition = decl;
  if (decl.contains("Properties")) {
    if (!decl["Properties"].is_object())
      return format_error("[/Resources/" + id + "/Properties] Properties must be an object.");
    r.properties = decl["Properties"];
  }
  if (decl.contains("DependsOn")) {
    if (auto e = read_depends_on(id, decl["DependsOn"], r.depends_on)) return e;
  }
  if (decl.contains("Condition")) r.condition = scalar_text(decl["Condition"]).value_or("");
  if (decl.contains("DeletionPolicy")) {
    r.deletion_policy = scalar_text(decl["DeletionPolicy"]).value_or("");
    static const std::array<std::string_view, 4> kPolicies = {"Delete", "Retain", "Snapshot", "RetainExceptOnCreate"};
    if (std::find(kPolicies.begin(), kPolicies.end(), r.deletion_policy) == kPolicies.end()) {
      return format_error("Unrecognized DeletionPolicy " + r.deletion_policy + " for resource " + id);
    }
  }
  if (decl.contains("Metadata")) r.metadata = decl["Metadata"];
  return std::nullopt;
}

std::optional<std::string> read_output(const std::string& name, const json& decl, OutputDecl& o) {
  if (!is_alphanumeric(name)) return format_error("Output name " + name + " is non alphanumeric.");
  if (!decl.is_object() || !decl.contains("Value"))
    return format_error("Every Outputs member must contain a Value object");
  if (auto bad = unknown_key(decl, {"Value", "Description", "Export", "Condition"})) {
    return format_error("Invalid outputs property : [" + *bad + "]");
  }
  o.name = name;
  o.value = decl["Value"];
  if (decl.contains("Description")) o.description = decl["Description"];
  if (decl.contains("Export")) {
    const json& e = decl["Export"];
    if (!e.is_object() || !e.contains("Name")) return format_error("Every Export member must contain a Name member");
    o.export_name = e["Name"];
  }
  if (decl.contains("Condition")) o.condition = scalar_text(decl["Condition"]).value_or("");
  return std::nullopt;
}

std::optional<std::string> check_mappings(const json& mappings) {
  if (!mappings.is_object()) return format_error("Every Mappings member must be a map");
  for (const auto& [name, map] : mappings.items()) {
    if (!map.is_object()) return format_error("Every Mappings member " + name + " must be a map");
    for (const auto& [key, attributes] : map.items()) {
      if (!attributes.is_object()) return format_error("Every Mappings member " + key + " must be a map");
      for (const auto& [_, v] : attributes.items()) {
        if (!v.is_string() && !v.is_number() && !v.is_boolean() && !v.is_array()) {
          return format_error("Every Mappings attribute must be a String or a List.");
        }
      }
    }
  }
  return std::nullopt;
}

std::optional<std::string> read_sections(const json& tree, Template& t) {
  if (tree.contains("AWSTemplateFormatVersion")) {
    const auto version = scalar_text(tree["AWSTemplateFormatVersion"]).value_or("");
    if (version != "2010-09-09") return format_error("Unsupported template version " + version);
  }
  if (tree.contains("Description")) {
    if (!tree["Description"].is_string()) return format_error("Every Description member must be a string.");
    t.description = tree["Description"].get<std::string>();
  }
  if (tree.contains("Metadata")) t.metadata = tree["Metadata"];
  if (tree.contains("Mappings")) {
    if (auto e = check_mappings(tree["Mappings"])) return e;
    t.mappings = tree["Mappings"];
  }
  if (tree.contains("Conditions")) {
    if (!tree["Conditions"].is_object()) return format_error("Every Conditions member must be an object.");
    t.conditions = tree["Conditions"];
  }
  if (tree.contains("Transform")) {
    const json& tr = tree["Transform"];
    if (tr.is_string()) t.transforms.push_back(tr.get<std::string>());
    for (const auto& item : tr.is_array() ? tr : json::array()) t.transforms.push_back(scalar_text(item).value_or(""));
  }
  return std::nullopt;
}

}  // namespace

const ParameterDecl* Template::parameter(const std::string& name) const {
  for (const auto& p : parameters) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

const ResourceDecl* Template::resource(const std::string& name) const {
  const auto it = resources.find(name);
  return it == resources.end() ? nullptr : &it->second;
}

bool is_list_parameter_type(const std::string& type) {
  return type == "CommaDelimitedList" || type.rfind("List<", 0) == 0 ||
         (is_ssm_parameter_type(type) && type.find("<List<") != std::string::npos) ||
         type == "AWS::SSM::Parameter::Value<CommaDelimitedList>";
}

bool is_ssm_parameter_type(const std::string& type) {
  return type.rfind("AWS::SSM::Parameter::Value<", 0) == 0;
}

bool is_known_parameter_type(const std::string& type) {
  if (type == "String" || type == "Number" || type == "List<Number>" || type == "CommaDelimitedList") return true;
  if (type == "AWS::SSM::Parameter::Name") return true;
  if (is_ssm_parameter_type(type)) return type.back() == '>';
  const bool list = type.rfind("List<AWS::", 0) == 0 && type.back() == '>';
  return list || (type.rfind("AWS::", 0) == 0 && type.find('<') == std::string::npos);
}

TemplateBuild build_template(const json& tree) {
  if (!tree.is_object()) return format_error("unsupported structure.");
  if (auto bad = unknown_key(tree, {"AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules",
                                    "Mappings", "Conditions", "Transform", "Resources", "Outputs", "Hooks"})) {
    return format_error("Invalid template property or properties [" + *bad + "]");
  }
  Template t;
  t.tree = tree;
  if (auto e = read_sections(tree, t)) return *e;
  const json params = tree.value("Parameters", json::object());
  if (!params.is_object()) return format_error("Parameters must be an object.");
  for (const auto& [name, decl] : params.items()) {
    ParameterDecl p;
    if (auto e = read_parameter(name, decl, p)) return *e;
    t.parameters.push_back(std::move(p));
  }
  const json resources = tree.value("Resources", json());
  if (!resources.is_object() || resources.empty())
    return format_error("At least one Resources member must be defined.");
  for (const auto& [id, decl] : resources.items()) {
    ResourceDecl r;
    if (auto e = read_resource(id, decl, r)) return *e;
    t.resources.emplace(id, std::move(r));
  }
  const json outputs = tree.value("Outputs", json::object());
  if (!outputs.is_object()) return format_error("Outputs must be an object.");
  for (const auto& [name, decl] : outputs.items()) {
    OutputDecl o;
    if (auto e = read_output(name, decl, o)) return *e;
    t.outputs.push_back(std::move(o));
  }
  return t;
}

}  // namespace chokepoint
