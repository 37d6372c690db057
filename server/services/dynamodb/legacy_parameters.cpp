#include "services/dynamodb/legacy_parameters.hpp"

#include <set>

#include "services/dynamodb/attribute_json.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"

namespace chokepoint {

namespace {


bool has(const nlohmann::json& obj, const char* key) {
  const auto it = obj.find(key);
  return it != obj.end() && !it->is_null();
}

std::string str(const nlohmann::json& obj, const char* key) {
  const auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Expected allows its own set of counts per operator.
bool valid_count(const std::string& op, std::size_t n) {
  if (op == "NULL" || op == "NOT_NULL") return n == 0;
  if (op == "IN") return n > 0;
  if (op == "BETWEEN") return n == 2;
  return n == 1;
}

std::vector<AttrValue> value_list(const nlohmann::json& condition, std::string& error) {
  std::vector<AttrValue> out;
  if (has(condition, "AttributeValueList")) {
    for (const auto& v : condition["AttributeValueList"]) {
      AttrValue value;
      if (error.empty()) error = attr_from_json(v, value);
      out.push_back(std::move(value));
    }
  } else if (has(condition, "Value")) {
    AttrValue value;
    error = attr_from_json(condition["Value"], value);
    out.push_back(std::move(value));
  }
  return out;
}

bool same_types(const std::vector<AttrValue>& values) {
  for (const auto& v : values) {
    if (v.type() != values.front().type()) return false;
  }
  return true;
}

bool type_allowed(const std::string& op, AttrType t) {
  const bool scalar = t == AttrType::kS || t == AttrType::kN || t == AttrType::kB;
  if (op == "EQ" || op == "NE") return scalar || is_set_type(t);
  if (op == "BEGINS_WITH") return t == AttrType::kS || t == AttrType::kB;
  if (op == "NULL" || op == "NOT_NULL") return true;
  return scalar;
}

Operand path_operand(const std::string& attribute) {
  Operand op;
  PathElement e;
  e.token = attribute;
  e.name = attribute;
  op.path.elements.push_back(std::move(e));
  return op;
}

Operand value_operand(AttrValue v) {
  Operand op;
  op.kind = Operand::Kind::kValue;
  op.value = std::move(v);
  return op;
}

Condition function(const char* name, const std::string& attribute, std::vector<AttrValue> values) {
  Condition c;
  c.kind = Condition::Kind::kFunction;
  c.op = name;
  c.operands.push_back(path_operand(attribute));
  for (auto& v : values) c.operands.push_back(value_operand(std::move(v)));
  return c;
}

Condition combine(std::vector<Condition> parts, bool use_or) {
  Condition result = std::move(parts.front());
  for (std::size_t i = 1; i < parts.size(); ++i) {
    Condition c;
    c.kind = use_or ? Condition::Kind::kOr : Condition::Kind::kAnd;
    c.children.push_back(std::move(result));
    c.children.push_back(std::move(parts[i]));
    result = std::move(c);
  }
  return result;
}

Problem check_expected_entry(const std::string& key, const nlohmann::json& c) {
  if (has(c, "AttributeValueList") && has(c, "Value")) {
    return std::string(kInvalidParameterValues) + "Value and AttributeValueList cannot be used together for Attribute: " + key;
  }
  if (has(c, "ComparisonOperator")) {
    const std::string op = str(c, "ComparisonOperator");
    if (has(c, "Exists")) return std::string(kInvalidParameterValues) + "Exists and ComparisonOperator cannot be used together for Attribute: " + key;
    if (op != "NULL" && op != "NOT_NULL" && !has(c, "AttributeValueList") && !has(c, "Value")) {
      return std::string(kInvalidParameterValues) + "Value or AttributeValueList must be used with ComparisonOperator: " + op +
             " for Attribute: " + key;
    }
    std::string error;
    auto values = value_list(c, error);
    if (!valid_count(op, values.size())) {
      return std::string(kInvalidParameterValues) + "Invalid number of argument(s) for the " + op + " ComparisonOperator";
    }
    if (!error.empty()) return error;
    // The same checks as QueryFilter's and ScanFilter's: value types the operator takes (BETWEEN of two sets is a
    // ValidationException, never a comparison), one type throughout, and BETWEEN's bounds in order.
    return check_condition_values(op, values);
  }
  if (has(c, "AttributeValueList")) {
    return std::string(kInvalidParameterValues) + "AttributeValueList can only be used with a ComparisonOperator for Attribute: " + key;
  }
  const bool exists = !has(c, "Exists") || lenient_bool(c["Exists"]);
  if (exists && !has(c, "Value")) {
    const std::string shown = has(c, "Exists") ? (lenient_bool(c["Exists"]) ? "true" : "false") : "null";
    return std::string(kInvalidParameterValues) + "Value must be provided when Exists is " + shown + " for Attribute: " + key;
  }
  if (!exists && has(c, "Value")) return std::string(kInvalidParameterValues) + "Value cannot be used when Exists is false for Attribute: " + key;
  if (has(c, "Value")) {
    AttrValue v;
    if (auto e = attr_from_json(c["Value"], v); !e.empty()) return e;
  }
  return {};
}

}  // namespace

Problem validate_expected(const nlohmann::json& expected) {
  if (!expected.is_object()) return {};
  for (const auto& [key, c] : expected.items()) {
    if (auto e = check_expected_entry(key, c)) return e;
  }
  return {};
}

Problem check_conditional_operator(const nlohmann::json& params, const char* conditions) {
  const auto op = params.find("ConditionalOperator");
  if (op == params.end() || op->is_null()) return {};
  const auto joined = params.find(conditions);
  const std::size_t count = joined != params.end() && joined->is_object() ? joined->size() : 0;
  if (count == 0) return "ConditionalOperator cannot be used without Filter or Expected";
  if (count == 1) return "ConditionalOperator can only be used when Filter or Expected has two or more elements";
  return {};
}

Problem check_condition_values(const std::string& op, const std::vector<AttrValue>& values) {
  if (!valid_count(op, values.size())) {
    return std::string(kInvalidParameterValues) + "Invalid number of argument(s) for the " + op + " ComparisonOperator";
  }
  if (!values.empty() && !same_types(values)) {
    return std::string(kInvalidParameterValues) + "AttributeValues inside AttributeValueList must be of same type";
  }
  for (const auto& v : values) {
    if (!type_allowed(op, v.type())) {
      return std::string(kInvalidParameterValues) + "ComparisonOperator " + op + " is not valid for " +
             std::string(attr_type_name(v.type())) + " AttributeValue type";
    }
  }
  if (op == "BETWEEN" && compare_scalars(values[0], values[1]) > 0) {
    return "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound";
  }
  return {};
}

Problem validate_legacy_conditions(const nlohmann::json& conditions) {
  if (!conditions.is_object()) return {};
  for (const auto& [key, c] : conditions.items()) {
    std::vector<AttrValue> values;
    if (has(c, "AttributeValueList")) {
      for (const auto& v : c["AttributeValueList"]) {
        AttrValue value;
        if (auto e = attr_from_json(v, value); !e.empty()) return e;
        values.push_back(std::move(value));
      }
    }
    if (auto e = check_condition_values(str(c, "ComparisonOperator"), values)) return e;
  }
  return {};
}

Problem duplicate_attribute_name(const nlohmann::json& names) {
  if (!names.is_array()) return {};
  std::set<std::string> seen;
  for (const auto& n : names) {
    if (!n.is_string()) continue;
    if (!seen.insert(n.get<std::string>()).second) {
      return std::string(kInvalidParameterValues) + "Duplicate value in attribute name: " + n.get<std::string>();
    }
  }
  return {};
}

Condition legacy_comparison(const std::string& attribute, const std::string& op, std::vector<AttrValue> values) {
  static const std::pair<const char*, const char*> kCompare[] = {{"EQ", "="}, {"NE", "<>"}, {"LT", "<"},
                                                                 {"LE", "<="}, {"GT", ">"}, {"GE", ">="}};
  for (const auto& [name, symbol] : kCompare) {
    if (op != name) continue;
    Condition c;
    c.kind = Condition::Kind::kCompare;
    c.op = symbol;
    c.operands.push_back(path_operand(attribute));
    c.operands.push_back(value_operand(values.empty() ? AttrValue::null() : std::move(values[0])));
    return c;
  }
  if (op == "NULL") return function("attribute_not_exists", attribute, {});
  if (op == "NOT_NULL") return function("attribute_exists", attribute, {});
  if (op == "CONTAINS") return function("contains", attribute, std::move(values));
  if (op == "BEGINS_WITH") return function("begins_with", attribute, std::move(values));
  if (op == "NOT_CONTAINS") {
    Condition c;
    c.kind = Condition::Kind::kNot;
    c.children.push_back(function("contains", attribute, std::move(values)));
    return c;
  }
  Condition c;
  c.kind = op == "BETWEEN" ? Condition::Kind::kBetween : Condition::Kind::kIn;
  c.operands.push_back(path_operand(attribute));
  for (auto& v : values) c.operands.push_back(value_operand(std::move(v)));
  return c;
}

std::optional<Condition> expected_condition(const nlohmann::json& params) {
  const auto it = params.find("Expected");
  if (it == params.end() || !it->is_object() || it->empty()) return std::nullopt;
  std::vector<Condition> parts;
  for (const auto& [key, c] : it->items()) {
    std::string ignored;
    auto values = value_list(c, ignored);
    if (has(c, "ComparisonOperator")) {
      parts.push_back(legacy_comparison(key, str(c, "ComparisonOperator"), std::move(values)));
    } else if (has(c, "Exists") && !lenient_bool(c["Exists"])) {
      parts.push_back(function("attribute_not_exists", key, {}));
    } else {
      parts.push_back(legacy_comparison(key, "EQ", std::move(values)));
    }
  }
  return combine(std::move(parts), str(params, "ConditionalOperator") == "OR");
}

std::optional<Condition> legacy_filter(const nlohmann::json& filter, const nlohmann::json& conditional_operator) {
  if (!filter.is_object() || filter.empty()) return std::nullopt;
  std::vector<Condition> parts;
  for (const auto& [key, c] : filter.items()) {
    std::string ignored;
    parts.push_back(legacy_comparison(key, str(c, "ComparisonOperator"), value_list(c, ignored)));
  }
  return combine(std::move(parts), conditional_operator.is_string() && conditional_operator.get<std::string>() == "OR");
}

ProjectionExpression attributes_to_get(const nlohmann::json& names) {
  ProjectionExpression p;
  for (const auto& n : names) {
    if (!n.is_string()) continue;
    DocumentPath path;
    PathElement e;
    e.token = e.name = n.get<std::string>();
    path.elements.push_back(std::move(e));
    p.paths.push_back(std::move(path));
  }
  return p;
}

UpdateExpression attribute_updates(const nlohmann::json& updates) {
  UpdateExpression u;
  u.legacy = true;
  if (!updates.is_object()) return u;
  for (const auto& [key, update] : updates.items()) {
    const std::string action = str(update, "Action");
    UpdateAction a;
    a.path = path_operand(key).path;
    AttrValue value;
    const bool has_value = has(update, "Value") && attr_from_json(update["Value"], value).empty();
    if (action == "DELETE") {
      a.kind = has_value ? UpdateAction::Kind::kDelete : UpdateAction::Kind::kRemove;
    } else {
      a.kind = action == "ADD" ? UpdateAction::Kind::kAdd : UpdateAction::Kind::kSet;
    }
    if (has_value) a.value = value_operand(std::move(value));
    u.actions.push_back(std::move(a));
  }
  return u;
}

}  // namespace chokepoint
