#pragma once
// Shared machinery of the expression parsers: the token cursor, syntax failures (recorded at the furthest
// token reached, as a backtracking parser reports them) and document paths.
#include <string>
#include <string_view>
#include <vector>

#include "services/dynamodb/expression_ast.hpp"
#include "services/dynamodb/expression_lexer.hpp"

namespace chokepoint {

struct SyntaxFailure {};  // thrown inside the parsers only; the furthest position is kept by the parser

class ExprParserBase {
 public:
  explicit ExprParserBase(std::string_view text) : text_(text), tokens_(tokenize(text)) {}

 protected:

  const Token& peek(std::size_t ahead = 0) const;
  const Token& next() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
  bool at(TokenKind kind) const { return peek().kind == kind; }
  bool accept(TokenKind kind);
  void expect(TokenKind kind);
  [[noreturn]] void fail();
  bool at_end() const { return at(TokenKind::kEnd); }

  // Identifier or #name, then any number of [n] and .name parts. `keywords` cannot be identifiers.
  DocumentPath parse_path(const std::vector<std::string_view>& keywords);
  void parse_path_tail(DocumentPath& path, const std::vector<std::string_view>& keywords);
  PathElement parse_path_name(const std::vector<std::string_view>& keywords);
  bool is_any_keyword(const Token& token, const std::vector<std::string_view>& keywords) const;

  // The message for the furthest failure: Syntax error; token: "x", near: "prev x".
  std::string syntax_message() const;

  // Counts nested parentheses; beyond a sane depth the expression is refused as a syntax error rather than
  // risking the stack.
  void enter_parens() {
    if (++paren_depth_ > kMaxParenDepth) fail();
  }
  void leave_parens() { --paren_depth_; }

  std::size_t pos_ = 0;

 private:
  static constexpr int kMaxParenDepth = 100;
  int paren_depth_ = 0;
  std::string_view text_;
  std::vector<Token> tokens_;
  std::size_t furthest_ = 0;
};

}  // namespace chokepoint
