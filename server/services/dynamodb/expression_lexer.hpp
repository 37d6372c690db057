#pragma once
// Tokens of DynamoDB's expression languages. Identifiers are [A-Za-z_][A-Za-z0-9_]*, names #x, values :x,
// numbers only appear as list indexes; whitespace separates tokens.
#include <cstddef>
#include <string_view>
#include <vector>

namespace chokepoint {

enum class TokenKind {
  kIdent,
  kName,    // #name
  kValue,   // :value
  kNumber,  // digits
  kLParen,
  kRParen,
  kLBracket,
  kRBracket,
  kComma,
  kDot,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kPlus,
  kMinus,
  kEnd,
  kInvalid,  // any other character
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string_view text;
  std::size_t pos = 0;  // byte offset in the expression
};

// Always ends with a kEnd token.
std::vector<Token> tokenize(std::string_view text);

// True when `token` is an identifier equal to `keyword`, ignoring case.
bool is_keyword(const Token& token, std::string_view keyword);

}  // namespace chokepoint
