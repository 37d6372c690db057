#include "services/cloudformation/template_references.hpp"

#include <array>

namespace chokepoint {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 18> kFunctions = {
    "Fn::Base64",    "Fn::GetAtt", "Fn::GetAZs", "Fn::ImportValue", "Fn::Join", "Fn::Split",
    "Fn::FindInMap", "Fn::Select", "Ref",        "Fn::Equals",      "Fn::If",   "Fn::Not",
    "Condition",     "Fn::And",    "Fn::Or",     "Fn::Sub",         "Fn::Cidr", "Fn::Transform"};

void collect_sub(const json& arg, References& out, const ConditionOracle* decide) {
  const json* text = &arg;
  std::set<std::string> local;
  if (arg.is_array() && arg.size() == 2 && arg[1].is_object()) {
    text = &arg[0];
    for (const auto& [name, value] : arg[1].items()) {
      local.insert(name);
      collect_references(value, out, decide);
    }
  }
  if (!text->is_string()) {
    out.malformed.emplace_back(
        "Template error: One or more Fn::Sub intrinsic functions don't specify expected arguments. "
        "Specify a string as first argument, and an optional second argument to specify a "
        "mapping of values to replace in the string");
    return;
  }
  const auto parts = parse_sub_template(text->get<std::string>());
  for (const auto& part : parts.value_or(std::vector<SubPart>{})) {
    if (!part.variable || local.count(part.text)) continue;
    const auto dot = part.text.find('.');
    if (dot == std::string::npos) {
      out.refs.insert(part.text);
    } else {
      out.attributes.emplace(part.text.substr(0, dot), part.text.substr(dot + 1));
    }
  }
}

void collect_if(const json& arg, References& out, const ConditionOracle* decide) {
  if (!arg.is_array() || arg.size() != 3 || !arg[0].is_string()) {
    out.malformed.emplace_back("Template error: Fn::If requires a list argument with three elements");
    return;
  }
  const std::string name = arg[0].get<std::string>();
  out.conditions.insert(name);
  const std::optional<bool> chosen = decide ? (*decide)(name) : std::nullopt;
  if (!chosen || *chosen) collect_references(arg[1], out, decide);
  if (!chosen || !*chosen) collect_references(arg[2], out, decide);
}

void collect_function(const std::string& name, const json& arg, References& out, const ConditionOracle* decide) {
  if (name == "Ref") {
    if (arg.is_string()) {
      out.refs.insert(arg.get<std::string>());
    } else {
      out.malformed.emplace_back("Template format error: Every Ref object must have a single String value.");
    }
  } else if (name == "Fn::GetAtt") {
    const auto target = get_att_target(arg);
    if (!target) {
      out.malformed.emplace_back(
          "Template error: every Fn::GetAtt object requires two non-empty parameters, the "
          "resource name and the resource attribute");
      return;
    }
    std::string attribute;
    if (target->second.is_string()) attribute = target->second.get<std::string>();
    out.attributes.emplace(target->first, std::move(attribute));
    if (!target->second.is_string()) collect_references(target->second, out, decide);
  } else if (name == "Fn::Sub") {
    collect_sub(arg, out, decide);
  } else if (name == "Fn::If") {
    collect_if(arg, out, decide);
  } else {
    collect_references(arg, out, decide);
  }
}

}  // namespace

bool is_supported_function(const std::string& name) {
  for (auto f : kFunctions) {
    if (f == name) return true;
  }
  return false;
}

std::string supported_functions_list() {
  std::string out = "[";
  for (size_t i = 0; i < kFunctions.size(); ++i) {
    if (kFunctions[i] == "Fn::Transform") continue;
    out += (out.size() > 1 ? ", " : "") + std::string(kFunctions[i]);
  }
  return out + "]";
}

void collect_references(const json& expr, References& out, const ConditionOracle* decide) {
  if (expr.is_array()) {
    for (const auto& item : expr) collect_references(item, out, decide);
    return;
  }
  if (!expr.is_object()) return;
  if (expr.size() == 1) {
    const std::string& key = expr.begin().key();
    if (key == "Ref" || key.rfind("Fn::", 0) == 0) {
      if (!is_supported_function(key)) {
        out.unsupported.insert(key);
        return;
      }
      collect_function(key, expr.begin().value(), out, decide);
      return;
    }
    if (key == "Condition" && expr.begin()->is_string()) out.conditions.insert(expr.begin()->get<std::string>());
  }
  for (const auto& [_, value] : expr.items()) collect_references(value, out, decide);
}

std::optional<std::vector<SubPart>> parse_sub_template(const std::string& text) {
  std::vector<SubPart> parts;
  std::string literal;
  size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 2, "${") != 0) {
      literal.push_back(text[i++]);
      continue;
    }
    const auto close = text.find('}', i + 2);
    if (close == std::string::npos) {
      literal.append(text, i, std::string::npos);
      break;
    }
    std::string name = text.substr(i + 2, close - i - 2);
    if (!name.empty() && name[0] == '!') {
      literal += "${" + name.substr(1) + "}";
    } else {
      if (!literal.empty()) parts.push_back(SubPart{std::move(literal), false});
      literal.clear();
      const auto first = name.find_first_not_of(" \t");
      const auto last = name.find_last_not_of(" \t");
      if (first == std::string::npos) return std::nullopt;
      parts.push_back(SubPart{name.substr(first, last - first + 1), true});
    }
    i = close + 1;
  }
  if (!literal.empty()) parts.push_back(SubPart{std::move(literal), false});
  return parts;
}

std::optional<std::pair<std::string, json>> get_att_target(const json& arg) {
  if (arg.is_string()) {
    const std::string s = arg.get<std::string>();
    const auto dot = s.find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == s.size()) return std::nullopt;
    return std::make_pair(s.substr(0, dot), json(s.substr(dot + 1)));
  }
  if (!arg.is_array() || arg.size() != 2 || !arg[0].is_string() || arg[0].get<std::string>().empty()) {
    return std::nullopt;
  }
  if (arg[1].is_string() && arg[1].get<std::string>().empty()) return std::nullopt;
  return std::make_pair(arg[0].get<std::string>(), arg[1]);
}

}  // namespace chokepoint
