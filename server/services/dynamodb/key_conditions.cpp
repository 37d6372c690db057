#include "services/dynamodb/key_conditions.hpp"

#include <algorithm>

#include "services/dynamodb/attribute_json.hpp"
#include "services/dynamodb/legacy_parameters.hpp"

namespace chokepoint {

namespace {

const char* legacy_name(const std::string& op) {
  if (op == "=") return "EQ";
  if (op == "<") return "LT";
  if (op == "<=") return "LE";
  if (op == ">") return "GT";
  if (op == ">=") return "GE";
  return nullptr;
}

// The opposite comparison, for `:v < key` written with the value first.
std::string flipped(const std::string& op) {
  if (op == "<") return ">";
  if (op == "<=") return ">=";
  if (op == ">") return "<";
  if (op == ">=") return "<=";
  return op;
}

bool has_size(const Operand& op) {
  if (op.kind == Operand::Kind::kFunction && op.function == "size") return true;
  return std::any_of(op.args.begin(), op.args.end(), has_size);
}

Problem leaf_problem(const Condition& c) {
  switch (c.kind) {
    case Condition::Kind::kOr:
    case Condition::Kind::kNot:
    case Condition::Kind::kIn:
      return "Invalid operator used in KeyConditionExpression: " +
             std::string(c.kind == Condition::Kind::kOr ? "OR" : c.kind == Condition::Kind::kNot ? "NOT" : "IN");
    case Condition::Kind::kCompare:
      if (c.op == "<>") return "Invalid operator used in KeyConditionExpression: <>";
      break;
    case Condition::Kind::kFunction:
      if (c.op != "begins_with" && c.op != "size") return "Invalid operator used in KeyConditionExpression: " + c.op;
      break;
    default:
      break;
  }
  if (c.kind == Condition::Kind::kFunction && c.op == "size") return "KeyConditionExpressions cannot contain nested operations";
  const bool needs_key_first = c.kind == Condition::Kind::kBetween || c.kind == Condition::Kind::kFunction;
  if (needs_key_first && c.operands[0].kind != Operand::Kind::kPath) {
    const std::string name = c.kind == Condition::Kind::kBetween ? "BETWEEN" : c.op;
    return "Invalid condition in KeyConditionExpression: " + name + " operator must have the key attribute as its first operand";
  }
  return {};
}

Problem convert(const Condition& c, std::vector<KeyCondition>& out) {
  if (c.kind == Condition::Kind::kAnd) {
    for (const auto& child : c.children) {
      if (auto e = convert(child, out)) return e;
    }
    return {};
  }
  if (auto e = leaf_problem(c)) return e;
  const Operand* key = nullptr;
  std::size_t key_index = 0;
  for (std::size_t i = 0; i < c.operands.size(); ++i) {
    if (has_size(c.operands[i])) return "KeyConditionExpressions cannot contain nested operations";
    if (c.operands[i].kind != Operand::Kind::kPath) continue;
    if (key) return "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition";
    if (c.operands[i].path.elements.size() > 1) return "KeyConditionExpressions cannot have conditions on nested attributes";
    key = &c.operands[i];
    key_index = i;
  }
  if (!key) return "Invalid condition in KeyConditionExpression: No key attribute specified";
  const std::string& name = key->path.head();
  if (find_condition(out, name)) return "KeyConditionExpressions must only contain one condition per key";
  KeyCondition kc;
  kc.attribute = name;
  if (c.kind == Condition::Kind::kBetween) {
    kc.op = "BETWEEN";
  } else if (c.kind == Condition::Kind::kFunction) {
    kc.op = "BEGINS_WITH";
  } else {
    kc.op = legacy_name(key_index == 0 ? c.op : flipped(c.op));
  }
  for (std::size_t i = 0; i < c.operands.size(); ++i) {
    if (i != key_index && c.operands[i].value) kc.values.push_back(*c.operands[i].value);
  }
  out.push_back(std::move(kc));
  return {};
}

}  // namespace

Problem key_conditions_from_expression(const Condition& expression, std::vector<KeyCondition>& out) {
  return convert(expression, out);
}

std::vector<KeyCondition> key_conditions_from_legacy(const nlohmann::json& key_conditions) {
  std::vector<KeyCondition> out;
  if (!key_conditions.is_object()) return out;
  for (const auto& [name, c] : key_conditions.items()) {
    KeyCondition kc;
    kc.attribute = name;
    const auto op = c.find("ComparisonOperator");
    kc.op = op != c.end() && op->is_string() ? op->get<std::string>() : std::string();
    const auto list = c.find("AttributeValueList");
    if (list != c.end() && list->is_array()) {
      for (const auto& v : *list) {
        // Converted after validation; values that failed validation never reach here.
        AttrValue value;
        attr_from_json(v, value);
        kc.values.push_back(std::move(value));
      }
    }
    out.push_back(std::move(kc));
  }
  return out;
}

Problem check_key_conditions(const std::vector<KeyCondition>& conditions, std::size_t max_conditions) {
  for (const auto& c : conditions) {
    if (auto e = check_condition_values(c.op, c.values)) return e;
  }
  if (conditions.empty() || conditions.size() > max_conditions) return std::string(kConditionCountMessage);
  return {};
}

const KeyCondition* find_condition(const std::vector<KeyCondition>& conditions, const std::string& attribute) {
  for (const auto& c : conditions) {
    if (c.attribute == attribute) return &c;
  }
  return nullptr;
}

Problem check_against_key(const std::vector<KeyCondition>& conditions, const KeySchema& key, const KeyAttribute& attr,
                          bool is_hash) {
  if (is_hash && !key.range && conditions.size() > 1) return "Query key condition not supported";
  const KeyCondition* c = find_condition(conditions, attr.name);
  if (!c) {
    if (is_hash || conditions.size() > 1) return "Query condition missed key schema element: " + attr.name;
    return {};
  }
  if (auto e = check_condition_on(*c, attr)) return e;
  if (is_hash && c->op != "EQ") return "Query key condition not supported";
  return {};
}

Problem check_condition_on(const KeyCondition& c, const KeyAttribute& attr) {
  static const char* kNotIndexable[] = {"NULL", "NOT_NULL", "NE", "CONTAINS", "NOT_CONTAINS", "IN"};
  for (const char* op : kNotIndexable) {
    if (c.op == op) return "Attempted conditional constraint is not an indexable operation";
  }
  for (const auto& v : c.values) {
    if (v.type() != attr.type) {
      return "One or more parameter values were invalid: Condition parameter type does not match schema type";
    }
  }
  return {};
}

bool matches_key_condition(const KeyCondition& c, const AttrValue& value) {
  if (c.values.empty() || value.type() != c.values[0].type()) return false;
  const int cmp = compare_scalars(value, c.values[0]);
  if (c.op == "EQ") return cmp == 0;
  if (c.op == "LT") return cmp < 0;
  if (c.op == "LE") return cmp <= 0;
  if (c.op == "GT") return cmp > 0;
  if (c.op == "GE") return cmp >= 0;
  if (c.op == "BETWEEN") return c.values.size() == 2 && cmp >= 0 && compare_scalars(value, c.values[1]) <= 0;
  if (c.op == "BEGINS_WITH") return value.scalar().compare(0, c.values[0].scalar().size(), c.values[0].scalar()) == 0;
  return false;
}

}  // namespace chokepoint
