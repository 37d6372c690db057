#pragma once
// Tokens of a PartiQL statement: bare words (keywords and identifiers, told apart by the parser), "quoted"
// identifiers, 'string' literals, numbers, `?` and punctuation (including << and >> of set literals).
// Comments (-- to the end of the line, /* */) are skipped.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

enum class PqlTokenKind { kWord, kQuoted, kString, kNumber, kPunct, kEnd, kInvalid };

struct PqlToken {
  PqlTokenKind kind = PqlTokenKind::kEnd;
  std::string text;  // quoted and string tokens without their quotes, doubled quotes undone
  std::size_t pos = 0;
};

// Always ends with a kEnd token; an unterminated literal or unknown character gives a kInvalid token.
std::vector<PqlToken> tokenize_partiql(std::string_view text);

}  // namespace chokepoint
