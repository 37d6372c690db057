// Meaning checks of update expressions, reported in DynamoDB's priority order: reserved words, unknown
// functions, repeated sections, undefined names, undefined values, overlapping and conflicting paths,
// ADD/DELETE operand types, then function operands.
#include <optional>

#include "common/problem.hpp"
#include "services/dynamodb/expression_check.hpp"

namespace chokepoint {

namespace {

using expression_check::note;

const char* section_name(UpdateAction::Kind kind) {
  switch (kind) {
    case UpdateAction::Kind::kSet:
      return "SET";
    case UpdateAction::Kind::kRemove:
      return "REMOVE";
    case UpdateAction::Kind::kAdd:
      return "ADD";
    case UpdateAction::Kind::kDelete:
      return "DELETE";
  }
  return "";
}

const char* operand_type_word(AttrType t) {
  switch (t) {
    case AttrType::kS:
      return "STRING";
    case AttrType::kN:
      return "NUMBER";
    case AttrType::kB:
      return "BINARY";
    case AttrType::kNull:
      return "NULL";
    case AttrType::kBool:
      return "BOOLEAN";
    case AttrType::kL:
      return "LIST";
    case AttrType::kM:
      return "MAP";
    default:
      return nullptr;  // sets are valid operands of ADD and DELETE
  }
}

class UpdateChecker {
 public:
  explicit UpdateChecker(ExpressionContext& context) : context_(context) {}

  Problem run(UpdateExpression& u) {
    check_sections(u.sections);
    for (auto& a : u.actions) visit(a);
    for (const std::string* slot : {&reserved_, &unknown_function_, &section_, &undefined_name_, &undefined_value_}) {
      if (!slot->empty()) return *slot;
    }
    if (!paths_.overlap().empty()) return paths_.overlap();
    if (!paths_.conflict().empty()) return paths_.conflict();
    if (!operand_.empty()) return operand_;
    if (!function_.empty()) return function_;
    return {};
  }

 private:
  void check_sections(const std::vector<UpdateAction::Kind>& sections) {
    for (std::size_t i = 0; i < sections.size() && section_.empty(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (sections[j] == sections[i]) {
          section_ = std::string("The \"") + section_name(sections[i]) +
                     "\" section can only be used once in an update expression;";
          break;
        }
      }
    }
  }

  void visit(UpdateAction& a) {
    expression_check::resolve_path(a.path, context_, reserved_, undefined_name_);
    if (a.kind == UpdateAction::Kind::kSet) {
      visit_operand(a.value);
    } else if (a.kind != UpdateAction::Kind::kRemove) {
      visit_operand(a.value);
      check_operator(a.kind, a.value);
    }
    paths_.add(a.path);
  }

  void visit_operand(Operand& op) {
    switch (op.kind) {
      case Operand::Kind::kPath:
        expression_check::resolve_path(op.path, context_, reserved_, undefined_name_);
        break;
      case Operand::Kind::kValue:
        if (!undefined_value_.empty()) break;
        if (const AttrValue* v = context_.value(op.value_token)) {
          op.value = *v;
        } else {
          undefined_value_ = "An expression attribute value used in expression is not defined; attribute value: " +
                             op.value_token;
        }
        break;
      case Operand::Kind::kFunction:
      case Operand::Kind::kPlus:
      case Operand::Kind::kMinus:
        for (auto& arg : op.args) visit_operand(arg);
        check_function(op);
        break;
    }
  }

  void check_operator(UpdateAction::Kind kind, const Operand& value) {
    if (!operand_.empty() || !value.value) return;
    const AttrType t = value.value->type();
    const char* word = operand_type_word(t);
    if (word && !(kind == UpdateAction::Kind::kAdd && t == AttrType::kN)) {
      operand_ = std::string("Incorrect operand type for operator or function; operator: ") + section_name(kind) +
                 ", operand type: " + word;
    }
  }

  static std::optional<AttrType> immediate_type(const Operand& op) {
    if (op.kind == Operand::Kind::kValue && op.value) return op.value->type();
    return std::nullopt;
  }

  void check_function(const Operand& op) {
    if (!unknown_function_.empty()) return;
    const std::string& name = op.function;
    const bool known = name == "if_not_exists" || name == "list_append" || name == "+" || name == "-";
    if (!known) {
      unknown_function_ = "Invalid function name; function: " + name;
      return;
    }
    if (!function_.empty()) return;
    if (op.args.size() != 2) {
      function_ = "Incorrect number of operands for operator or function; operator or function: " + name +
                  ", number of operands: " + std::to_string(op.args.size());
      return;
    }
    if (name == "if_not_exists") {
      if (op.args[0].kind != Operand::Kind::kPath) {
        function_ = "Operator or function requires a document path; operator or function: " + name;
      }
      return;
    }
    const AttrType wanted = name == "list_append" ? AttrType::kL : AttrType::kN;
    for (const auto& arg : op.args) {
      const auto t = immediate_type(arg);
      if (t && *t != wanted) {
        function_ = "Incorrect operand type for operator or function; operator or function: " + name +
                    ", operand type: " + std::string(attr_type_name(*t));
        return;
      }
    }
  }

  ExpressionContext& context_;
  expression_check::PathSet paths_;
  std::string reserved_, unknown_function_, section_, undefined_name_, undefined_value_, operand_, function_;
};

}  // namespace

Problem check_update(UpdateExpression& update, ExpressionContext& context) {
  return UpdateChecker(context).run(update);
}

Problem check_projection(ProjectionExpression& projection, ExpressionContext& context) {
  std::string reserved, undefined;
  for (auto& path : projection.paths) expression_check::resolve_path(path, context, reserved, undefined);
  expression_check::PathSet paths;
  for (const auto& path : projection.paths) paths.add(path);
  for (const std::string* slot : std::initializer_list<const std::string*>{&reserved, &undefined, &paths.overlap(), &paths.conflict()}) {
    if (!slot->empty()) return *slot;
  }
  return {};
}

}  // namespace chokepoint
