#include "services/dynamodb/request_expressions.hpp"

#include <algorithm>
#include <map>

#include "services/dynamodb/attribute_json.hpp"
#include "services/dynamodb/expression_check.hpp"
#include "services/dynamodb/expression_context.hpp"
#include "services/dynamodb/expression_parser.hpp"

namespace chokepoint {

namespace {

constexpr std::size_t kMaxExpressionBytes = 4096;  // DynamoDB's limit on any one expression string

bool present(const nlohmann::json& params, std::string_view key) {
  const auto it = params.find(key);
  return it != params.end() && !it->is_null();
}

bool key_matches(const std::string& key, char first) {
  if (key.size() < 2 || key[0] != first) return false;
  return std::all_of(key.begin() + 1, key.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

std::string join(const std::vector<std::string_view>& names) {
  std::string out;
  for (const auto n : names) out.append(out.empty() ? "" : ", ").append(n);
  return out;
}

std::string read_names(const nlohmann::json& params, std::map<std::string, std::string>& names) {
  const auto it = params.find("ExpressionAttributeNames");
  if (it == params.end() || it->is_null()) return {};
  if (it->empty()) return "ExpressionAttributeNames must not be empty";
  for (const auto& [key, value] : it->items()) {
    if (!key_matches(key, '#')) return "ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + key + "\"";
    names[key] = value.is_string() ? value.get<std::string>() : std::string();
  }
  return {};
}

std::string read_values(const nlohmann::json& params, AttrMap& values) {
  const auto it = params.find("ExpressionAttributeValues");
  if (it == params.end() || it->is_null()) return {};
  if (it->empty()) return "ExpressionAttributeValues must not be empty";
  for (const auto& [key, value] : it->items()) {
    if (!key_matches(key, ':')) return "ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + key + "\"";
  }
  for (const auto& [key, value] : it->items()) {
    AttrValue v;
    if (auto e = attr_from_json(value, v); !e.empty()) return "ExpressionAttributeValues contains invalid value: " + e + " for key " + key;
    values.set(key, std::move(v));
  }
  return {};
}

void collect_operand_nested(const Operand& op, std::set<std::string>& out) {
  if (op.kind == Operand::Kind::kPath && op.path.elements.size() > 1) out.insert(op.path.head());
  for (const auto& a : op.args) collect_operand_nested(a, out);
}

void collect_condition_nested(const Condition& c, std::set<std::string>& out) {
  for (const auto& op : c.operands) collect_operand_nested(op, out);
  for (const auto& child : c.children) collect_condition_nested(child, out);
}

template <typename Tree, typename Parse, typename Check>
Problem compile_one(const nlohmann::json& params, std::string_view param, Parse parse, Check check,
                    ExpressionContext& context, std::optional<Tree>& out) {
  const auto it = params.find(param);
  if (it == params.end() || it->is_null()) return {};
  const std::string text = it->is_string() ? it->template get<std::string>() : std::string();
  if (text.size() > kMaxExpressionBytes) {
    return "Invalid " + std::string(param) +
           ": Expression size has exceeded the maximum allowed size; expression size: " + std::to_string(text.size());
  }
  auto parsed = parse(text);
  if (auto* error = std::get_if<std::string>(&parsed)) return "Invalid " + std::string(param) + ": " + *error;
  Tree tree = std::move(std::get<Tree>(parsed));
  if (auto error = check(tree, context)) return "Invalid " + std::string(param) + ": " + *error;
  out = std::move(tree);
  return {};
}

bool accepts(ParamNames accepted, std::string_view name) {
  return std::find(accepted.begin(), accepted.end(), name) != accepted.end();
}

}  // namespace

Problem check_expression_style(const nlohmann::json& params, ParamNames expressions, ParamNames legacy) {
  std::vector<std::string_view> used_expressions;
  for (const auto e : expressions) {
    if (present(params, e)) used_expressions.push_back(e);
  }
  if (!used_expressions.empty()) {
    // KeyConditions may accompany FilterExpression etc. as long as KeyConditionExpression is absent.
    const bool key_conditions_allowed = present(params, "KeyConditions") && !present(params, "KeyConditionExpression");
    std::vector<std::string_view> used_legacy;
    for (const auto l : legacy) {
      if (present(params, l) && !(key_conditions_allowed && l == "KeyConditions")) used_legacy.push_back(l);
    }
    if (!used_legacy.empty()) {
      return "Can not use both expression and non-expression parameters in the same request: Non-expression "
             "parameters: {" + join(used_legacy) + "} Expression parameters: {" + join(used_expressions) + "}";
    }
  }
  if (present(params, "ExpressionAttributeNames") && used_expressions.empty()) {
    return "ExpressionAttributeNames can only be specified when using expressions";
  }
  std::vector<std::string_view> value_expressions;
  for (const auto e : expressions) {
    if (e != "ProjectionExpression") value_expressions.push_back(e);
  }
  if (!value_expressions.empty() && present(params, "ExpressionAttributeValues") &&
      std::none_of(value_expressions.begin(), value_expressions.end(), [&](std::string_view e) { return present(params, e); })) {
    std::string list;
    for (const auto e : value_expressions) list.append(list.empty() ? "" : " and ").append(e);
    return "ExpressionAttributeValues can only be specified when using expressions: " + list +
           (value_expressions.size() > 1 ? " are" : " is") + " null";
  }
  return {};
}

Problem compile_expressions(const nlohmann::json& params, ParamNames accepted, CompiledExpressions& out) {
  // Most requests carry no expressions at all: nothing to validate or compile.
  if (!present(params, "ExpressionAttributeNames") && !present(params, "ExpressionAttributeValues") &&
      std::none_of(accepted.begin(), accepted.end(), [&](std::string_view name) { return present(params, name); })) {
    return {};
  }
  std::map<std::string, std::string> names;
  AttrMap values;
  if (auto e = read_names(params, names); !e.empty()) return e;
  if (auto e = read_values(params, values); !e.empty()) return e;
  ExpressionContext context(std::move(names), std::move(values));
  if (accepts(accepted, "UpdateExpression")) {
    if (auto e = compile_one(params, "UpdateExpression", parse_update_syntax, check_update, context, out.update)) return e;
  }
  if (accepts(accepted, "ConditionExpression")) {
    if (auto e = compile_one(params, "ConditionExpression", parse_condition_syntax, check_condition, context, out.condition)) return e;
  }
  if (accepts(accepted, "KeyConditionExpression")) {
    if (auto e = compile_one(params, "KeyConditionExpression", parse_condition_syntax, check_condition, context, out.key_condition)) return e;
  }
  if (accepts(accepted, "FilterExpression")) {
    if (auto e = compile_one(params, "FilterExpression", parse_condition_syntax, check_condition, context, out.filter)) return e;
  }
  if (accepts(accepted, "ProjectionExpression")) {
    if (auto e = compile_one(params, "ProjectionExpression", parse_projection_syntax, check_projection, context, out.projection)) return e;
  }
  if (auto e = context.unused_message(); !e.empty()) return e;
  if (out.update) {
    for (const auto& a : out.update->actions) {
      if (a.path.elements.size() > 1) out.nested_heads.insert(a.path.head());
      collect_operand_nested(a.value, out.nested_heads);
    }
  }
  for (const auto* c : {&out.condition, &out.key_condition, &out.filter}) {
    if (*c) collect_condition_nested(**c, out.nested_heads);
  }
  if (out.projection) collect_nested_heads(out.projection->paths, out.nested_heads);
  return {};
}

void collect_nested_heads(const std::vector<DocumentPath>& paths, std::set<std::string>& out) {
  for (const auto& p : paths) {
    if (p.elements.size() > 1) out.insert(p.head());
  }
}

}  // namespace chokepoint
