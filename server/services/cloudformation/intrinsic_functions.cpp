#include "services/cloudformation/intrinsic_functions.hpp"

#include <openssl/evp.h>

#include "common/strings.hpp"
#include "services/cloudformation/cidr_blocks.hpp"
#include "services/cloudformation/template_references.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& message) {
  throw TemplateError(message);
}

std::string unresolved(const std::string& name) {
  return "Template format error: Unresolved resource dependencies [" + name +
         "] in the Resources block of the template";
}

json required(const json& expr, const EvalContext& ctx) {
  auto v = evaluate(expr, ctx);
  return v ? std::move(*v) : json();
}

std::string string_arg(const json& expr, const EvalContext& ctx, const std::string& message) {
  const auto text = scalar_string(required(expr, ctx));
  if (!text) fail(message);
  return *text;
}

std::optional<json> ref(const json& arg, const EvalContext& ctx) {
  if (!arg.is_string()) fail("Template format error: Every Ref object must have a single String value.");
  const std::string name = arg.get<std::string>();
  if (name == "AWS::NoValue") return std::nullopt;
  if (ctx.parameters) {
    const auto it = ctx.parameters->find(name);
    if (it != ctx.parameters->end()) return it->second;
  }
  if (auto value = ctx.ref ? ctx.ref(name) : std::nullopt) return value;
  fail(unresolved(name));
}

json get_att(const json& arg, const EvalContext& ctx) {
  const auto target = get_att_target(arg);
  const std::string malformed =
      "Template error: every Fn::GetAtt object requires two non-empty parameters, the resource name and the "
      "resource attribute";
  if (!target) fail(malformed);
  const std::string attribute = string_arg(target->second, ctx, malformed);
  if (auto value = ctx.attribute ? ctx.attribute(target->first, attribute) : std::nullopt) return *value;
  fail("Template error: resource " + target->first + " does not support attribute type " + attribute +
       " in Fn::GetAtt");
}

// One ${...} of Fn::Sub: the local variables first, then parameters and resources, then Resource.Attribute.
std::string sub_variable(const std::string& name, const json& locals, const EvalContext& ctx) {
  json value;
  if (locals.is_object() && locals.contains(name)) {
    value = required(locals[name], ctx);
  } else if (name.find('.') == std::string::npos) {
    value = required(json{{"Ref", name}}, ctx);
  } else {
    const auto dot = name.find('.');
    value = get_att(json::array({name.substr(0, dot), name.substr(dot + 1)}), ctx);
  }
  const auto text = scalar_string(value);
  if (!text) fail("Template error: variable " + name + " in Fn::Sub expression does not resolve to a string");
  return *text;
}

json sub(const json& arg, const EvalContext& ctx) {
  const json* text = &arg;
  json locals;
  if (arg.is_array() && arg.size() == 2 && arg[1].is_object()) {
    text = &arg[0];
    locals = arg[1];
  }
  if (!text->is_string()) {
    fail(
        "Template error: One or more Fn::Sub intrinsic functions don't specify expected arguments. Specify a "
        "string as first argument, and an optional second argument to specify a mapping of values to replace "
        "in the string");
  }
  const auto parts = parse_sub_template(text->get<std::string>());
  if (!parts) fail("Template error: Fn::Sub expression contains an empty variable");
  std::string out;
  for (const auto& part : *parts) out += part.variable ? sub_variable(part.text, locals, ctx) : part.text;
  return out;
}

json join(const json& arg, const EvalContext& ctx) {
  const std::string malformed =
      "Template error: every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of "
      "strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined.";
  if (!arg.is_array() || arg.size() != 2 || !arg[0].is_string()) fail(malformed);
  const json list = required(arg[1], ctx);
  if (!list.is_array()) fail(malformed);
  std::string out;
  bool first = true;
  for (const auto& item : list) {
    const auto text = scalar_string(item);
    if (!text) fail(malformed);
    out += (first ? "" : arg[0].get<std::string>()) + *text;
    first = false;
  }
  return out;
}

json select(const json& arg, const EvalContext& ctx) {
  const std::string malformed =
      "Template error: Fn::Select requires a list argument with two elements: an integer "
      "index and a list";
  if (!arg.is_array() || arg.size() != 2) fail(malformed);
  const std::string index_text = string_arg(arg[0], ctx, malformed);
  long long index = 0;
  if (!parse_int64(index_text, index)) fail(malformed);
  json list = required(arg[1], ctx);
  if (list.is_string()) fail(malformed);
  if (!list.is_array()) fail(malformed);
  if (index >= static_cast<long long>(list.size())) {
    fail("Template error: Fn::Select cannot select nonexistent value at index " + std::to_string(index));
  }
  return list[static_cast<size_t>(index)];
}

json split(const json& arg, const EvalContext& ctx) {
  const std::string malformed =
      "Template error: every Fn::Split object requires two parameters, (1) a string delimiter and (2) a string "
      "to be split or a function that returns a string to be split.";
  if (!arg.is_array() || arg.size() != 2 || !arg[0].is_string() || arg[0].get<std::string>().empty()) fail(malformed);
  const std::string text = string_arg(arg[1], ctx, malformed);
  const std::string delimiter = arg[0].get<std::string>();
  json out = json::array();
  size_t start = 0;
  for (size_t at = text.find(delimiter); at != std::string::npos; at = text.find(delimiter, start)) {
    out.push_back(text.substr(start, at - start));
    start = at + delimiter.size();
  }
  out.push_back(text.substr(start));
  return out;
}

json find_in_map(const json& arg, const EvalContext& ctx) {
  if (!arg.is_array() || arg.size() != 3) {
    fail(
        "Template error: every Fn::FindInMap object requires three parameters, the map name, map key and the "
        "attribute for return value");
  }
  std::string keys[3];
  for (size_t i = 0; i < 3; ++i)
    keys[i] = string_arg(arg[i], ctx, "Template error: Fn::FindInMap arguments must be strings");
  const json* maps = ctx.mappings;
  if (maps && maps->contains(keys[0]) && (*maps)[keys[0]].contains(keys[1]) &&
      (*maps)[keys[0]][keys[1]].contains(keys[2])) {
    return (*maps)[keys[0]][keys[1]][keys[2]];
  }
  fail("Template error: Unable to get mapping for " + keys[0] + "::" + keys[1] + "::" + keys[2]);
}

json base64(const json& arg, const EvalContext& ctx) {
  const std::string text = string_arg(arg, ctx, "Template error: every Fn::Base64 object must have a String value");
  std::string out(4 * ((text.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

json get_azs(const json& arg, const EvalContext& ctx) {
  const std::string region = arg.is_string() && arg.get<std::string>().empty()
                                 ? ""
                                 : string_arg(arg, ctx, "Template error: Fn::GetAZs requires a string region");
  json out = json::array();
  for (const auto& zone : ctx.zones ? ctx.zones(region) : std::vector<std::string>{}) out.push_back(zone);
  return out;
}

json import_value(const json& arg, const EvalContext& ctx) {
  const std::string name = string_arg(arg, ctx, "Template error: Fn::ImportValue requires a string export name");
  if (auto value = ctx.import_value ? ctx.import_value(name) : std::nullopt) return *value;
  fail("No export named " + name + " found.");
}

json cidr_blocks(const json& arg, const EvalContext& ctx) {
  const std::string malformed =
      "Template error: Fn::Cidr requires a list argument with three elements: an IP "
      "block, a count of subnets and the number of subnet bits";
  if (!arg.is_array() || arg.size() != 3) fail(malformed);
  const std::string block = string_arg(arg[0], ctx, malformed);
  long long count = 0, bits = 0;
  if (!parse_int64(string_arg(arg[1], ctx, malformed), count) ||
      !parse_int64(string_arg(arg[2], ctx, malformed), bits)) {
    fail(malformed);
  }
  const auto subnets = cidr_subnets(block, count, bits);
  if (!subnets) fail("Template error: Fn::Cidr cannot make " + std::to_string(count) + " subnets of " + block);
  return *subnets;
}

json if_function(const json& arg, const EvalContext& ctx, bool& removed) {
  if (!arg.is_array() || arg.size() != 3 || !arg[0].is_string()) {
    fail("Template error: Fn::If requires a list argument with three elements");
  }
  const bool chosen = ctx.condition ? ctx.condition(arg[0].get<std::string>()) : false;
  auto value = evaluate(arg[chosen ? 1 : 2], ctx);
  removed = !value.has_value();
  return value ? std::move(*value) : json();
}

std::optional<json> call(const std::string& name, const json& arg, const EvalContext& ctx) {
  if (name == "Ref") return ref(arg, ctx);
  if (name == "Fn::GetAtt") return get_att(arg, ctx);
  if (name == "Fn::Sub") return sub(arg, ctx);
  if (name == "Fn::Join") return join(arg, ctx);
  if (name == "Fn::Select") return select(arg, ctx);
  if (name == "Fn::Split") return split(arg, ctx);
  if (name == "Fn::FindInMap") return find_in_map(arg, ctx);
  if (name == "Fn::Base64") return base64(arg, ctx);
  if (name == "Fn::GetAZs") return get_azs(arg, ctx);
  if (name == "Fn::ImportValue") return import_value(arg, ctx);
  if (name == "Fn::Cidr") return cidr_blocks(arg, ctx);
  if (name == "Fn::If") {
    bool removed = false;
    json value = if_function(arg, ctx, removed);
    if (removed) return std::nullopt;
    return value;
  }
  if (name == "Fn::Equals" || name == "Fn::And" || name == "Fn::Or" || name == "Fn::Not") {
    return evaluate_condition(json{{name, arg}}, ctx);
  }
  fail("Template format error: Encountered unsupported function: " + name +
       " Supported functions are: " + supported_functions_list());
}

bool condition_operand(const json& expr, const EvalContext& ctx) {
  if (expr.is_object() && expr.size() == 1 && expr.contains("Condition") && expr["Condition"].is_string()) {
    return ctx.condition ? ctx.condition(expr["Condition"].get<std::string>()) : false;
  }
  return evaluate_condition(expr, ctx);
}

bool logical(const std::string& name, const json& arg, const EvalContext& ctx) {
  if (name == "Fn::Not") {
    if (!arg.is_array() || arg.size() != 1) fail("Template error: Fn::Not requires a list argument with one element");
    return !condition_operand(arg[0], ctx);
  }
  if (!arg.is_array() || arg.size() < 2 || arg.size() > 10) {
    fail("Template error: every " + name + " object requires a list of at least 2 and at most 10 boolean parameters.");
  }
  const bool is_and = name == "Fn::And";
  for (const auto& operand : arg) {
    if (condition_operand(operand, ctx) != is_and) return !is_and;
  }
  return is_and;
}

}  // namespace

std::optional<std::string> scalar_string(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  if (value.is_number()) return value.dump();
  return std::nullopt;
}

bool evaluate_condition(const json& expr, const EvalContext& ctx) {
  if (expr.is_boolean()) return expr.get<bool>();
  if (expr.is_object() && expr.size() == 1) {
    const std::string& name = expr.begin().key();
    const json& arg = expr.begin().value();
    if (name == "Condition") return condition_operand(expr, ctx);
    if (name == "Fn::Equals") {
      const std::string malformed = "Template error: every Fn::Equals object requires a list of 2 string parameters.";
      if (!arg.is_array() || arg.size() != 2) fail(malformed);
      const json a = required(arg[0], ctx), b = required(arg[1], ctx);
      const auto sa = scalar_string(a), sb = scalar_string(b);
      if (sa && sb) return *sa == *sb;
      return a == b;
    }
    if (name == "Fn::And" || name == "Fn::Or" || name == "Fn::Not") return logical(name, arg, ctx);
  }
  const json value = required(expr, ctx);
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_string() && (value == "true" || value == "false")) return value == "true";
  fail("Template format error: Conditions can only be boolean operations on parameters and other conditions");
}

std::optional<json> evaluate(const json& expr, const EvalContext& ctx) {
  if (expr.is_object()) {
    if (expr.size() == 1) {
      const std::string& key = expr.begin().key();
      if (key == "Ref" || key.rfind("Fn::", 0) == 0) return call(key, expr.begin().value(), ctx);
    }
    json out = json::object();
    for (const auto& [key, value] : expr.items()) {
      if (auto v = evaluate(value, ctx)) out[key] = std::move(*v);
    }
    return out;
  }
  if (expr.is_array()) {
    json out = json::array();
    for (const auto& item : expr) {
      if (auto v = evaluate(item, ctx)) out.push_back(std::move(*v));
    }
    return out;
  }
  return expr;
}

}  // namespace chokepoint
