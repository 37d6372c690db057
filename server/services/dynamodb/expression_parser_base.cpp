#include "services/dynamodb/expression_parser_base.hpp"

#include <algorithm>
#include <limits>

namespace chokepoint {

const Token& ExprParserBase::peek(std::size_t ahead) const {
  return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
}

bool ExprParserBase::accept(TokenKind kind) {
  if (!at(kind)) return false;
  next();
  return true;
}

void ExprParserBase::expect(TokenKind kind) {
  if (!accept(kind)) fail();
}

void ExprParserBase::fail() {
  furthest_ = std::max(furthest_, pos_);
  throw SyntaxFailure{};
}

bool ExprParserBase::is_any_keyword(const Token& token, const std::vector<std::string_view>& keywords) const {
  return std::any_of(keywords.begin(), keywords.end(), [&](std::string_view k) { return is_keyword(token, k); });
}

PathElement ExprParserBase::parse_path_name(const std::vector<std::string_view>& keywords) {
  const Token& t = peek();
  if (t.kind == TokenKind::kName || (t.kind == TokenKind::kIdent && !is_any_keyword(t, keywords))) {
    next();
    PathElement e;
    e.token = std::string(t.text);
    if (t.kind == TokenKind::kIdent) e.name = e.token;
    return e;
  }
  fail();
}

void ExprParserBase::parse_path_tail(DocumentPath& path, const std::vector<std::string_view>& keywords) {
  for (;;) {
    if (accept(TokenKind::kDot)) {
      path.elements.push_back(parse_path_name(keywords));
    } else if (at(TokenKind::kLBracket)) {
      next();
      if (!at(TokenKind::kNumber)) fail();
      PathElement e;
      e.is_index = true;
      unsigned long long index = 0;
      for (char c : next().text) {
        index = std::min<unsigned long long>(index * 10 + static_cast<unsigned>(c - '0'),
                                             std::numeric_limits<uint32_t>::max());
      }
      e.index = static_cast<uint32_t>(index);
      expect(TokenKind::kRBracket);
      path.elements.push_back(std::move(e));
    } else {
      return;
    }
  }
}

DocumentPath ExprParserBase::parse_path(const std::vector<std::string_view>& keywords) {
  DocumentPath path;
  path.elements.push_back(parse_path_name(keywords));
  parse_path_tail(path, keywords);
  return path;
}

std::string ExprParserBase::syntax_message() const {
  const Token& bad = tokens_[std::min(furthest_, tokens_.size() - 1)];
  const std::string token = bad.kind == TokenKind::kEnd ? "<EOF>" : std::string(bad.text);
  const std::size_t near_start = furthest_ > 0 ? tokens_[furthest_ - 1].pos : bad.pos;
  const std::size_t near_end = bad.kind == TokenKind::kEnd ? text_.size() : bad.pos + bad.text.size();
  const std::string near(text_.substr(near_start, near_end - near_start));
  return "Syntax error; token: \"" + token + "\", near: \"" + near + "\"";
}

}  // namespace chokepoint
