#include "services/dynamodb/expression_lexer.hpp"

#include "common/strings.hpp"

namespace chokepoint {

namespace {

bool ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool ident_part(char c) { return ident_start(c) || (c >= '0' && c <= '9'); }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

TokenKind punctuation(std::string_view text, std::size_t i, std::size_t& length) {
  length = 1;
  const char c = text[i];
  const char next = i + 1 < text.size() ? text[i + 1] : '\0';
  switch (c) {
    case '(':
      return TokenKind::kLParen;
    case ')':
      return TokenKind::kRParen;
    case '[':
      return TokenKind::kLBracket;
    case ']':
      return TokenKind::kRBracket;
    case ',':
      return TokenKind::kComma;
    case '.':
      return TokenKind::kDot;
    case '=':
      return TokenKind::kEq;
    case '+':
      return TokenKind::kPlus;
    case '-':
      return TokenKind::kMinus;
    case '<':
      if (next == '>' || next == '=') length = 2;
      return next == '>' ? TokenKind::kNe : (next == '=' ? TokenKind::kLe : TokenKind::kLt);
    case '>':
      if (next == '=') length = 2;
      return next == '=' ? TokenKind::kGe : TokenKind::kGt;
    default:
      return TokenKind::kInvalid;
  }
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    if (space(text[i])) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    TokenKind kind;
    if (ident_start(text[i])) {
      while (i < text.size() && ident_part(text[i])) ++i;
      kind = TokenKind::kIdent;
    } else if (text[i] == '#' || text[i] == ':') {
      kind = text[i] == '#' ? TokenKind::kName : TokenKind::kValue;
      ++i;
      while (i < text.size() && ident_part(text[i])) ++i;
    } else if (digit(text[i])) {
      while (i < text.size() && digit(text[i])) ++i;
      kind = TokenKind::kNumber;
    } else {
      std::size_t length;
      kind = punctuation(text, i, length);
      if (kind == TokenKind::kInvalid) {
        // One whole UTF-8 character, so that messages never cut one in half.
        length = 1;
        while (i + length < text.size() && (static_cast<unsigned char>(text[i + length]) & 0xC0) == 0x80) ++length;
      }
      i += length;
    }
    tokens.push_back(Token{kind, text.substr(start, i - start), start});
  }
  tokens.push_back(Token{TokenKind::kEnd, {}, text.size()});
  return tokens;
}

bool is_keyword(const Token& token, std::string_view keyword) {
  return token.kind == TokenKind::kIdent && iequals(token.text, keyword);
}

}  // namespace chokepoint
