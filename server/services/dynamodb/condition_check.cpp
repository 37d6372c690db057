// Meaning checks of condition expressions (ConditionExpression, KeyConditionExpression, FilterExpression).
// Problems are collected in slots and the highest-priority one is reported, as DynamoDB does: redundant
// parentheses, unknown functions, misused functions, reserved words, then the first condition's own problem
// (undefined names/values, operand counts, identical operands, operand types).
#include <map>
#include <optional>

#include "common/problem.hpp"
#include "services/dynamodb/attribute_json.hpp"
#include "services/dynamodb/expression_check.hpp"

namespace chokepoint {

namespace {

using expression_check::note;

struct FunctionSpec {
  std::string_view name;
  std::size_t operands;
};

constexpr FunctionSpec kFunctions[] = {{"attribute_exists", 1}, {"attribute_not_exists", 1}, {"attribute_type", 2},
                                       {"begins_with", 2},      {"contains", 2},             {"size", 1}};

const FunctionSpec* find_function(std::string_view name) {
  for (const auto& f : kFunctions) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string operand_type_error(std::string_view function, std::string_view type) {
  return "Incorrect operand type for operator or function; operator or function: " + std::string(function) +
         ", operand type: " + std::string(type);
}

bool is_valid_type_name(const std::string& name) {
  AttrType t;
  return parse_attr_type(name, t);
}

class ConditionChecker {
 public:
  explicit ConditionChecker(ExpressionContext& context) : context_(context) {}

  Problem run(Condition& root) {
    visit(root);
    check_misused_size(root);
    for (const std::string* slot : {&parens_, &unknown_function_, &misused_function_, &reserved_, &condition_}) {
      if (!slot->empty()) return *slot;
    }
    return {};
  }

 private:
  void visit(Condition& c) {
    if (c.parens >= 2) note(parens_, "The expression has redundant parentheses;");
    switch (c.kind) {
      case Condition::Kind::kAnd:
      case Condition::Kind::kOr:
      case Condition::Kind::kNot:
        for (auto& child : c.children) {
          visit(child);
          check_misused_size(child);
        }
        return;
      case Condition::Kind::kCompare:
        visit_operands(c.operands);
        check_misused(c.operands);
        check_distinct(c.op, c.operands);
        break;
      case Condition::Kind::kBetween:
        visit_operands(c.operands);
        check_misused(c.operands);
        check_between(c.operands[1], c.operands[2]);
        break;
      case Condition::Kind::kIn:
        visit_operands(c.operands);
        check_misused(c.operands);
        break;
      case Condition::Kind::kFunction:
        visit_operands(c.operands);
        check_misused(c.operands);
        check_function(c.op, c.operands);
        break;
    }
    // The first condition with a problem decides, its problems taken in this order.
    if (condition_.empty()) {
      for (const std::string* slot : {&undefined_, &operand_count_, &distinct_, &function_}) {
        if (!slot->empty()) {
          condition_ = *slot;
          break;
        }
      }
    }
  }

  void visit_operands(std::vector<Operand>& operands) {
    for (auto& op : operands) visit_operand(op);
  }

  void visit_operand(Operand& op) {
    if (op.parens >= 2) note(parens_, "The expression has redundant parentheses;");
    switch (op.kind) {
      case Operand::Kind::kPath:
        expression_check::resolve_path(op.path, context_, reserved_, undefined_);
        break;
      case Operand::Kind::kValue:
        if (!undefined_.empty()) break;
        if (const AttrValue* v = context_.value(op.value_token)) {
          op.value = *v;
        } else {
          undefined_ = "An expression attribute value used in expression is not defined; attribute value: " +
                       op.value_token;
        }
        break;
      case Operand::Kind::kFunction:
        visit_operands(op.args);
        check_misused(op.args);
        types_[&op] = check_function(op.function, op.args);
        break;
      default:
        break;
    }
  }

  std::optional<AttrType> type_of(const Operand& op) const {
    if (op.kind == Operand::Kind::kValue) return op.value ? std::optional(op.value->type()) : std::nullopt;
    if (op.kind == Operand::Kind::kFunction) {
      const auto it = types_.find(&op);
      return it != types_.end() ? it->second : std::nullopt;
    }
    return std::nullopt;
  }

  // Returns the function's result type when known.
  std::optional<AttrType> check_function(const std::string& name, const std::vector<Operand>& args) {
    if (!unknown_function_.empty()) return std::nullopt;
    const FunctionSpec* spec = find_function(name);
    if (!spec) {
      unknown_function_ = "Invalid function name; function: " + name;
      return std::nullopt;
    }
    if (!operand_count_.empty()) return std::nullopt;
    if (args.size() != spec->operands) {
      operand_count_ = "Incorrect number of operands for operator or function; operator or function: " + name +
                       ", number of operands: " + std::to_string(args.size());
      return std::nullopt;
    }
    check_distinct(name, args);
    if (!function_.empty()) return std::nullopt;
    return check_function_types(name, args);
  }

  std::optional<AttrType> check_function_types(const std::string& name, const std::vector<Operand>& args) {
    if (name == "attribute_exists" || name == "attribute_not_exists") {
      if (args[0].kind != Operand::Kind::kPath) {
        function_ = "Operator or function requires a document path; operator or function: " + name;
      }
      return std::nullopt;
    }
    if (name == "begins_with") {
      for (const auto& a : args) {
        const auto t = type_of(a);
        if (t && *t != AttrType::kS && *t != AttrType::kB) {
          function_ = operand_type_error(name, attr_type_name(*t));
          return std::nullopt;
        }
      }
      return AttrType::kBool;
    }
    if (name == "attribute_type") {
      const auto t = type_of(args[1]);
      if (!t || *t != AttrType::kS) {
        function_ = operand_type_error(name, t ? attr_type_name(*t) : "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}");
        return std::nullopt;
      }
      if (args[1].kind == Operand::Kind::kValue && !is_valid_type_name(args[1].value->scalar())) {
        function_ = "Invalid attribute type name found; type: " + args[1].value->scalar() +
                    ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}";
        return std::nullopt;
      }
      return AttrType::kBool;
    }
    if (name == "size") {
      const auto t = type_of(args[0]);
      if (t && (*t == AttrType::kN || *t == AttrType::kBool || *t == AttrType::kNull)) {
        function_ = operand_type_error(name, attr_type_name(*t));
        return std::nullopt;
      }
      return AttrType::kN;
    }
    return AttrType::kBool;  // contains
  }

  void check_distinct(const std::string& op, const std::vector<Operand>& args) {
    if (!distinct_.empty() || args.size() != 2) return;
    if (args[0].kind != Operand::Kind::kPath || args[1].kind != Operand::Kind::kPath) return;
    const auto& a = args[0].path.elements;
    const auto& b = args[1].path.elements;
    if (a.size() != b.size()) return;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i].is_index != b[i].is_index || a[i].index != b[i].index || a[i].name != b[i].name) return;
    }
    distinct_ = "The first operand must be distinct from the remaining operands for this operator or function; "
                "operator: " + op + ", first operand: " + args[0].path.describe();
  }

  void check_between(const Operand& low, const Operand& high) {
    if (!function_.empty()) return;
    if (low.kind != Operand::Kind::kValue || high.kind != Operand::Kind::kValue || !low.value || !high.value) return;
    const AttrValue& x = *low.value;
    const AttrValue& y = *high.value;
    const std::string bounds = "lower bound operand: AttributeValue: {" + std::string(attr_type_name(x.type())) + ":" +
                               describe_scalar(x) + "}, upper bound operand: AttributeValue: {" +
                               std::string(attr_type_name(y.type())) + ":" + describe_scalar(y) + "}";
    if (x.type() != y.type()) {
      function_ = "The BETWEEN operator requires same data type for lower and upper bounds; " + bounds;
    } else if ((x.type() == AttrType::kS || x.type() == AttrType::kN || x.type() == AttrType::kB) &&
               compare_scalars(x, y) > 0) {
      function_ = "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; " + bounds;
    }
  }

  void check_misused(const std::vector<Operand>& operands) {
    if (!misused_function_.empty()) return;
    for (const auto& op : operands) {
      if (op.kind == Operand::Kind::kFunction && op.function != "size") {
        misused_function_ = "The function is not allowed to be used this way in an expression; function: " + op.function;
        return;
      }
    }
  }

  void check_misused_size(const Condition& c) {
    if (c.kind == Condition::Kind::kFunction && c.op == "size") {
      note(misused_function_, "The function is not allowed to be used this way in an expression; function: size");
    }
  }

  ExpressionContext& context_;
  std::string parens_, unknown_function_, misused_function_, reserved_, condition_;
  std::string undefined_, operand_count_, distinct_, function_;
  std::map<const Operand*, std::optional<AttrType>> types_;
};

}  // namespace

Problem check_condition(Condition& condition, ExpressionContext& context) {
  return ConditionChecker(context).run(condition);
}

}  // namespace chokepoint
