#include "services/dynamodb/partiql_expressions.hpp"

namespace chokepoint {

namespace {

bool same_pql_path(const PqlPath& a, const PqlPath& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || a[i].index != b[i].index) return false;
  }
  return true;
}

}  // namespace

std::string PqlExpressionWriter::path(const PqlPath& path) {
  std::string out;
  for (const PqlStep& step : path) {
    if (step.index >= 0) {
      out += "[" + std::to_string(step.index) + "]";
      continue;
    }
    auto [it, added] = name_of_.try_emplace(step.name, "#n" + std::to_string(name_of_.size()));
    if (added) names_[it->second] = step.name;
    if (!out.empty()) out.push_back('.');
    out += it->second;
  }
  return out;
}

std::string PqlExpressionWriter::value(const nlohmann::json& value) {
  std::string name = ":v" + std::to_string(values_.size());
  values_[name] = value;
  return name;
}

std::string PqlExpressionWriter::operand(const PqlOperand& o) {
  switch (o.kind) {
    case PqlOperand::Kind::kPath:
      return path(o.path);
    case PqlOperand::Kind::kSize:
      return "size(" + path(o.path) + ")";
    case PqlOperand::Kind::kValue:
      break;
  }
  return value(o.value);
}

std::string PqlExpressionWriter::condition(const PqlCondition& c) {
  using Kind = PqlCondition::Kind;
  switch (c.kind) {
    case Kind::kAnd:
    case Kind::kOr: {
      const std::string left = condition(*c.children[0]);
      return "(" + left + (c.kind == Kind::kAnd ? ") AND (" : ") OR (") + condition(*c.children[1]) + ")";
    }
    case Kind::kNot:
      return "NOT (" + condition(*c.children[0]) + ")";
    case Kind::kMissing:
    case Kind::kNotMissing:
      if (c.operands[0].kind != PqlOperand::Kind::kPath) fail("IS MISSING applies to an attribute path");
      return (c.kind == Kind::kMissing ? "attribute_not_exists(" : "attribute_exists(") + path(c.operands[0].path) +
             ")";
    case Kind::kFunction:
      return function(c);
    default:
      return comparison(c);
  }
}

std::string PqlExpressionWriter::comparison(const PqlCondition& c) {
  const std::string left = operand(c.operands[0]);
  if (c.kind == PqlCondition::Kind::kCompare) return left + " " + c.name + " " + operand(c.operands[1]);
  if (c.kind == PqlCondition::Kind::kBetween) {
    const std::string low = operand(c.operands[1]);
    return left + " BETWEEN " + low + " AND " + operand(c.operands[2]);
  }
  std::string list;
  for (std::size_t i = 1; i < c.operands.size(); ++i) list += (i > 1 ? ", " : "") + operand(c.operands[i]);
  return left + " IN (" + list + ")";
}

std::string PqlExpressionWriter::function(const PqlCondition& c) {
  std::string out = c.name + "(" + path(c.operands[0].path);
  for (std::size_t i = 1; i < c.operands.size(); ++i) out += ", " + operand(c.operands[i]);
  return out + ")";
}

std::string PqlExpressionWriter::term(const PqlTerm& t) {
  switch (t.kind) {
    case PqlTerm::Kind::kOperand:
      return operand(t.args[0]);
    case PqlTerm::Kind::kPlus:
    case PqlTerm::Kind::kMinus: {
      const std::string left = operand(t.args[0]);
      return left + (t.kind == PqlTerm::Kind::kPlus ? " + " : " - ") + operand(t.args[1]);
    }
    case PqlTerm::Kind::kCall:
      break;
  }
  const std::string first = operand(t.args[0]);
  return t.function + "(" + first + ", " + operand(t.args[1]) + ")";
}

std::string PqlExpressionWriter::update_expression(const std::vector<PqlAssignment>& sets,
                                                   const std::vector<PqlPath>& removes) {
  // set_add and set_delete (ql-functions.html) are UpdateItem's ADD and DELETE of set elements.
  std::string set, add, del, remove;
  for (const PqlAssignment& a : sets) {
    const bool set_function = a.value.kind == PqlTerm::Kind::kCall && a.value.function != "list_append";
    if (!set_function) {
      const std::string target = path(a.path);
      set += (set.empty() ? "" : ", ") + target + " = " + term(a.value);
      continue;
    }
    const PqlOperand& target = a.value.args[0];
    if (target.kind != PqlOperand::Kind::kPath || !same_pql_path(target.path, a.path)) {
      fail(a.value.function + " must take the attribute it sets as its first argument");
      continue;
    }
    std::string& clause = a.value.function == "set_add" ? add : del;
    const std::string p = path(a.path);
    clause += (clause.empty() ? "" : ", ") + p + " " + operand(a.value.args[1]);
  }
  for (const PqlPath& p : removes) remove += (remove.empty() ? "" : ", ") + path(p);
  std::string out;
  if (!set.empty()) out += "SET " + set;
  if (!remove.empty()) out += (out.empty() ? "" : " ") + std::string("REMOVE ") + remove;
  if (!add.empty()) out += (out.empty() ? "" : " ") + std::string("ADD ") + add;
  if (!del.empty()) out += (out.empty() ? "" : " ") + std::string("DELETE ") + del;
  return out;
}

void PqlExpressionWriter::finish(nlohmann::json& params) const {
  if (!names_.empty()) params["ExpressionAttributeNames"] = names_;
  if (!values_.empty()) params["ExpressionAttributeValues"] = values_;
}

void PqlExpressionWriter::fail(std::string message) {
  if (problem_.empty()) problem_ = std::move(message);
}

}  // namespace chokepoint
