#include "services/dynamodb/expression_parser.hpp"

#include "services/dynamodb/expression_parser_base.hpp"

namespace chokepoint {

namespace {

const std::vector<std::string_view> kConditionKeywords = {"AND", "OR", "NOT", "BETWEEN", "IN"};
const std::vector<std::string_view> kUpdateKeywords = {"SET", "REMOVE", "ADD", "DELETE"};
const std::vector<std::string_view> kNoKeywords = {};

bool is_comparator(TokenKind k) {
  return k == TokenKind::kEq || k == TokenKind::kNe || k == TokenKind::kLt || k == TokenKind::kLe ||
         k == TokenKind::kGt || k == TokenKind::kGe;
}

class ParserCommon : public ExprParserBase {
 protected:
  using ExprParserBase::ExprParserBase;

  // The token after the ')' that closes the '(' at the cursor; kEnd when unbalanced.
  const Token& after_matching_paren() const {
    int depth = 0;
    for (std::size_t i = 0;; ++i) {
      const Token& t = peek(i);
      if (t.kind == TokenKind::kEnd) return t;
      if (t.kind == TokenKind::kLParen) ++depth;
      if (t.kind == TokenKind::kRParen && --depth == 0) return peek(i + 1);
    }
  }

  Operand value_operand() {
    Operand op;
    op.kind = Operand::Kind::kValue;
    op.value_token = std::string(next().text);
    return op;
  }
};

class ConditionParser : public ParserCommon {
 public:
  using ParserCommon::ParserCommon;

  ConditionParse run() {
    try {
      Condition c = parse_or();
      if (!at_end()) fail();
      return c;
    } catch (const SyntaxFailure&) {
      return syntax_message();
    }
  }

 private:
  Condition parse_or() {
    Condition left = parse_and();
    while (is_keyword(peek(), "OR")) {
      next();
      Condition c;
      c.kind = Condition::Kind::kOr;
      c.children.push_back(std::move(left));
      c.children.push_back(parse_and());
      left = std::move(c);
    }
    return left;
  }

  Condition parse_and() {
    Condition left = parse_not();
    while (is_keyword(peek(), "AND")) {
      next();
      Condition c;
      c.kind = Condition::Kind::kAnd;
      c.children.push_back(std::move(left));
      c.children.push_back(parse_not());
      left = std::move(c);
    }
    return left;
  }

  Condition parse_not() {
    if (!is_keyword(peek(), "NOT")) return parse_primary();
    next();
    enter_parens();  // NOT NOT NOT ... nests like parentheses do
    Condition c;
    c.kind = Condition::Kind::kNot;
    c.children.push_back(parse_not());
    leave_parens();
    return c;
  }

  Condition parse_primary() {
    // "(" opens a condition unless what follows its ")" shows it was an operand: "(a) = b".
    if (at(TokenKind::kLParen)) {
      const Token& after = after_matching_paren();
      if (!is_comparator(after.kind) && !is_keyword(after, "BETWEEN") && !is_keyword(after, "IN")) {
        next();
        enter_parens();
        Condition c = parse_or();
        expect(TokenKind::kRParen);
        leave_parens();
        ++c.parens;
        return c;
      }
    }
    return parse_simple();
  }

  Condition parse_simple() {
    Operand x = parse_operand();
    Condition c;
    if (is_comparator(peek().kind)) {
      c.kind = Condition::Kind::kCompare;
      c.op = std::string(next().text);
      c.operands.push_back(std::move(x));
      c.operands.push_back(parse_operand());
    } else if (is_keyword(peek(), "BETWEEN")) {
      next();
      c.kind = Condition::Kind::kBetween;
      c.operands.push_back(std::move(x));
      c.operands.push_back(parse_operand());
      if (!is_keyword(peek(), "AND")) fail();
      next();
      c.operands.push_back(parse_operand());
    } else if (is_keyword(peek(), "IN")) {
      next();
      c.kind = Condition::Kind::kIn;
      c.operands.push_back(std::move(x));
      expect(TokenKind::kLParen);
      for (auto& op : parse_arguments()) c.operands.push_back(std::move(op));
      expect(TokenKind::kRParen);
    } else if (x.kind == Operand::Kind::kFunction && x.parens == 0) {
      c.kind = Condition::Kind::kFunction;
      c.op = x.function;
      c.operands = std::move(x.args);
    } else {
      fail();
    }
    return c;
  }

  std::vector<Operand> parse_arguments() {
    std::vector<Operand> args;
    args.push_back(parse_operand());
    while (accept(TokenKind::kComma)) args.push_back(parse_operand());
    return args;
  }

  Operand parse_operand() {
    if (accept(TokenKind::kLParen)) {
      enter_parens();
      Operand op = parse_operand();
      expect(TokenKind::kRParen);
      leave_parens();
      ++op.parens;
      if (op.kind == Operand::Kind::kPath) parse_path_tail(op.path, kConditionKeywords);
      return op;
    }
    if (at(TokenKind::kValue)) return value_operand();
    if (at(TokenKind::kIdent) && peek(1).kind == TokenKind::kLParen && !is_any_keyword(peek(), kConditionKeywords)) {
      Operand op;
      op.kind = Operand::Kind::kFunction;
      op.function = std::string(next().text);
      next();
      enter_parens();
      op.args = parse_arguments();
      expect(TokenKind::kRParen);
      leave_parens();
      return op;
    }
    Operand op;
    op.path = parse_path(kConditionKeywords);
    return op;
  }
};

class UpdateParser : public ParserCommon {
 public:
  using ParserCommon::ParserCommon;

  UpdateParse run() {
    try {
      UpdateExpression u;
      do {
        parse_section(u);
      } while (!at_end());
      return u;
    } catch (const SyntaxFailure&) {
      return syntax_message();
    }
  }

 private:
  void parse_section(UpdateExpression& u) {
    UpdateAction::Kind kind;
    if (is_keyword(peek(), "SET")) {
      kind = UpdateAction::Kind::kSet;
    } else if (is_keyword(peek(), "REMOVE")) {
      kind = UpdateAction::Kind::kRemove;
    } else if (is_keyword(peek(), "ADD")) {
      kind = UpdateAction::Kind::kAdd;
    } else if (is_keyword(peek(), "DELETE")) {
      kind = UpdateAction::Kind::kDelete;
    } else {
      fail();
    }
    next();
    u.sections.push_back(kind);
    do {
      u.actions.push_back(parse_action(kind));
    } while (accept(TokenKind::kComma));
  }

  UpdateAction parse_action(UpdateAction::Kind kind) {
    UpdateAction a;
    a.kind = kind;
    a.path = parse_path(kUpdateKeywords);
    if (kind == UpdateAction::Kind::kSet) {
      expect(TokenKind::kEq);
      a.value = parse_set_value();
    } else if (kind != UpdateAction::Kind::kRemove) {
      if (!at(TokenKind::kValue)) fail();
      a.value = value_operand();
    }
    return a;
  }

  Operand parse_set_value() {
    if (at(TokenKind::kLParen)) {
      const TokenKind after = after_matching_paren().kind;
      if (after != TokenKind::kPlus && after != TokenKind::kMinus) {
        next();
        Operand v = parse_arithmetic();
        expect(TokenKind::kRParen);
        return v;
      }
    }
    return parse_arithmetic();
  }

  Operand parse_arithmetic() {
    Operand x = parse_operand_parens();
    if (!at(TokenKind::kPlus) && !at(TokenKind::kMinus)) return x;
    Operand op;
    op.kind = next().kind == TokenKind::kPlus ? Operand::Kind::kPlus : Operand::Kind::kMinus;
    op.function.assign(1, op.kind == Operand::Kind::kPlus ? '+' : '-');
    op.args.push_back(std::move(x));
    op.args.push_back(parse_operand_parens());
    return op;
  }

  Operand parse_operand_parens() {
    if (!accept(TokenKind::kLParen)) return parse_operand();
    Operand op = parse_operand();
    expect(TokenKind::kRParen);
    ++op.parens;
    return op;
  }

  Operand parse_operand() {
    if (at(TokenKind::kValue)) return value_operand();
    if (at(TokenKind::kIdent) && peek(1).kind == TokenKind::kLParen && !is_any_keyword(peek(), kUpdateKeywords)) {
      Operand op;
      op.kind = Operand::Kind::kFunction;
      op.function = std::string(next().text);
      next();
      enter_parens();
      op.args.push_back(parse_operand_parens());
      while (accept(TokenKind::kComma)) op.args.push_back(parse_operand_parens());
      expect(TokenKind::kRParen);
      leave_parens();
      return op;
    }
    Operand op;
    op.path = parse_path(kUpdateKeywords);
    return op;
  }
};

class ProjectionParser : public ParserCommon {
 public:
  using ParserCommon::ParserCommon;

  ProjectionParse run() {
    try {
      ProjectionExpression p;
      p.paths.push_back(parse_path(kNoKeywords));
      while (accept(TokenKind::kComma)) p.paths.push_back(parse_path(kNoKeywords));
      if (!at_end()) fail();
      return p;
    } catch (const SyntaxFailure&) {
      return syntax_message();
    }
  }
};

constexpr const char* kEmpty = "The expression can not be empty;";

}  // namespace

ConditionParse parse_condition_syntax(std::string_view text) {
  if (text.empty()) return std::string(kEmpty);
  return ConditionParser(text).run();
}

UpdateParse parse_update_syntax(std::string_view text) {
  if (text.empty()) return std::string(kEmpty);
  return UpdateParser(text).run();
}

ProjectionParse parse_projection_syntax(std::string_view text) {
  if (text.empty()) return std::string(kEmpty);
  return ProjectionParser(text).run();
}

}  // namespace chokepoint
