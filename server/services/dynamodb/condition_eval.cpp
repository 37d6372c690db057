#include "services/dynamodb/condition_eval.hpp"

#include <algorithm>

#include "services/dynamodb/document_path.hpp"

namespace chokepoint {

namespace {

bool is_ordered_scalar(AttrType t) { return t == AttrType::kS || t == AttrType::kN || t == AttrType::kB; }

std::size_t size_of(const AttrValue& v, bool& ok) {
  ok = true;
  switch (v.type()) {
    case AttrType::kS: {
      // Characters as Java counts them (UTF-16 code units), not bytes.
      std::size_t n = 0;
      for (unsigned char c : v.scalar()) {
        if ((c & 0xC0) != 0x80) n += c >= 0xF0 ? 2 : 1;
      }
      return n;
    }
    case AttrType::kB:
      return v.scalar().size();
    case AttrType::kSS:
    case AttrType::kNS:
    case AttrType::kBS:
      return v.set_value().size();
    case AttrType::kL:
      return v.list_value().size();
    case AttrType::kM:
      return v.map_value().size();
    default:
      ok = false;
      return 0;
  }
}

// The operand's value (pointing into the item or the expression), computed ones placed in `scratch`.
const AttrValue* operand_value(const Operand& op, const AttrMap& item, AttrValue& scratch) {
  switch (op.kind) {
    case Operand::Kind::kPath:
      return find_path(item, op.path);
    case Operand::Kind::kValue:
      return op.value ? &*op.value : nullptr;
    case Operand::Kind::kFunction: {
      if (op.function != "size" || op.args.empty()) return nullptr;
      AttrValue inner_scratch;
      const AttrValue* inner = operand_value(op.args[0], item, inner_scratch);
      if (!inner) return nullptr;
      bool ok;
      const std::size_t n = size_of(*inner, ok);
      if (!ok) return nullptr;
      scratch = AttrValue::number(std::to_string(n));
      return &scratch;
    }
    default:
      return nullptr;
  }
}

bool equal(const AttrValue* a, const AttrValue* b) { return a && b && *a == *b; }

bool ordered(const AttrValue* a, const AttrValue* b, int& cmp) {
  if (!a || !b || a->type() != b->type() || !is_ordered_scalar(a->type())) return false;
  cmp = compare_scalars(*a, *b);
  return true;
}

bool compare(const std::string& op, const AttrValue* a, const AttrValue* b) {
  if (op == "=") return equal(a, b);
  if (op == "<>") return !equal(a, b);
  int cmp;
  if (!ordered(a, b, cmp)) return false;
  if (op == "<") return cmp < 0;
  if (op == "<=") return cmp <= 0;
  if (op == ">") return cmp > 0;
  return cmp >= 0;
}

bool begins_with(const AttrValue* a, const AttrValue* b) {
  if (!a || !b || a->type() != b->type()) return false;
  if (a->type() != AttrType::kS && a->type() != AttrType::kB) return false;
  return a->scalar().compare(0, b->scalar().size(), b->scalar()) == 0;
}

bool contains(const AttrValue* a, const AttrValue* b) {
  if (!a || !b) return false;
  switch (a->type()) {
    case AttrType::kS:
    case AttrType::kB:
      return b->type() == a->type() && a->scalar().find(b->scalar()) != std::string::npos;
    case AttrType::kSS:
    case AttrType::kNS:
    case AttrType::kBS: {
      if (b->type() != set_element_type(a->type())) return false;
      const auto& s = a->set_value();
      return std::find(s.begin(), s.end(), b->scalar()) != s.end();
    }
    case AttrType::kL: {
      const auto& l = a->list_value();
      return std::find(l.begin(), l.end(), *b) != l.end();
    }
    default:
      return false;
  }
}

bool evaluate_function(const Condition& c, const AttrMap& item) {
  AttrValue s0, s1;
  const AttrValue* a = c.operands.empty() ? nullptr : operand_value(c.operands[0], item, s0);
  const AttrValue* b = c.operands.size() < 2 ? nullptr : operand_value(c.operands[1], item, s1);
  if (c.op == "attribute_exists") return a != nullptr;
  if (c.op == "attribute_not_exists") return a == nullptr;
  if (c.op == "attribute_type") return a && b && b->type() == AttrType::kS && attr_type_name(a->type()) == b->scalar();
  if (c.op == "begins_with") return begins_with(a, b);
  if (c.op == "contains") return contains(a, b);
  return false;
}

bool evaluate_leaf(const Condition& c, const AttrMap& item) {
  AttrValue s0, s1, s2;
  switch (c.kind) {
    case Condition::Kind::kCompare:
      return compare(c.op, operand_value(c.operands[0], item, s0), operand_value(c.operands[1], item, s1));
    case Condition::Kind::kBetween: {
      const AttrValue* x = operand_value(c.operands[0], item, s0);
      int low, high;
      return ordered(x, operand_value(c.operands[1], item, s1), low) &&
             ordered(x, operand_value(c.operands[2], item, s2), high) && low >= 0 && high <= 0;
    }
    case Condition::Kind::kIn: {
      const AttrValue* x = operand_value(c.operands[0], item, s0);
      if (!x) return false;
      for (std::size_t i = 1; i < c.operands.size(); ++i) {
        AttrValue scratch;
        if (equal(x, operand_value(c.operands[i], item, scratch))) return true;
      }
      return false;
    }
    default:
      return evaluate_function(c, item);
  }
}

void collect_operand_heads(const Operand& op, std::vector<std::string>& names) {
  if (op.kind == Operand::Kind::kPath && !op.path.elements.empty()) {
    if (std::find(names.begin(), names.end(), op.path.head()) == names.end()) names.push_back(op.path.head());
  }
  for (const auto& arg : op.args) collect_operand_heads(arg, names);
}

}  // namespace

bool evaluate_condition(const Condition& c, const AttrMap& item) {
  switch (c.kind) {
    case Condition::Kind::kAnd:
      return evaluate_condition(c.children[0], item) && evaluate_condition(c.children[1], item);
    case Condition::Kind::kOr:
      return evaluate_condition(c.children[0], item) || evaluate_condition(c.children[1], item);
    case Condition::Kind::kNot:
      return !evaluate_condition(c.children[0], item);
    default:
      return evaluate_leaf(c, item);
  }
}

void collect_condition_heads(const Condition& c, std::vector<std::string>& names) {
  for (const auto& child : c.children) collect_condition_heads(child, names);
  for (const auto& op : c.operands) collect_operand_heads(op, names);
}

}  // namespace chokepoint
