#include "services/dynamodb/partiql_lexer.hpp"

#include <cctype>

namespace chokepoint {

namespace {

bool pql_word_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}
bool pql_word_char(char c) {
  return pql_word_start(c) || std::isdigit(static_cast<unsigned char>(c));
}
bool pql_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// Skips blanks and comments from `i`; false when a /* comment never ends.
bool skip_pql_blanks(std::string_view s, std::size_t& i) {
  while (i < s.size()) {
    if (std::isspace(static_cast<unsigned char>(s[i]))) {
      ++i;
    } else if (s.compare(i, 2, "--") == 0) {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (s.compare(i, 2, "/*") == 0) {
      const std::size_t end = s.find("*/", i + 2);
      if (end == std::string_view::npos) return false;
      i = end + 2;
    } else {
      break;
    }
  }
  return true;
}

// A literal between `quote` characters, a doubled quote standing for one. False when it never ends.
bool read_pql_quoted(std::string_view s, std::size_t& i, char quote, std::string& out) {
  for (++i; i < s.size(); ++i) {
    if (s[i] != quote) {
      out.push_back(s[i]);
    } else if (i + 1 < s.size() && s[i + 1] == quote) {
      out.push_back(quote);
      ++i;
    } else {
      ++i;
      return true;
    }
  }
  return false;
}

// Digits with an optional fraction and exponent: 12, 1.5, .5, 1e10, 2.5E-3.
std::size_t pql_number_end(std::string_view s, std::size_t i) {
  while (i < s.size() && pql_digit(s[i])) ++i;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && pql_digit(s[i])) ++i;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    if (j < s.size() && pql_digit(s[j])) {
      i = j;
      while (i < s.size() && pql_digit(s[i])) ++i;
    }
  }
  return i;
}

std::size_t pql_punct_length(std::string_view s, std::size_t i) {
  for (std::string_view two : {"<>", "!=", "<=", ">=", "<<", ">>"}) {
    if (s.compare(i, 2, two) == 0) return 2;
  }
  static constexpr std::string_view kSingles = "()[]{},.:?*=<>+-;";
  return kSingles.find(s[i]) != std::string_view::npos ? 1 : 0;
}

}  // namespace

std::vector<PqlToken> tokenize_partiql(std::string_view s) {
  std::vector<PqlToken> tokens;
  std::size_t i = 0;
  while (true) {
    if (!skip_pql_blanks(s, i)) {
      tokens.push_back({PqlTokenKind::kInvalid, "/*", i});
      break;
    }
    if (i >= s.size()) break;
    PqlToken t{PqlTokenKind::kPunct, {}, i};
    const char c = s[i];
    if (pql_word_start(c)) {
      while (i < s.size() && pql_word_char(s[i])) t.text.push_back(s[i++]);
      t.kind = PqlTokenKind::kWord;
    } else if (c == '"' || c == '\'') {
      t.kind = c == '"' ? PqlTokenKind::kQuoted : PqlTokenKind::kString;
      if (!read_pql_quoted(s, i, c, t.text)) t.kind = PqlTokenKind::kInvalid;
    } else if (pql_digit(c) || (c == '.' && i + 1 < s.size() && pql_digit(s[i + 1]))) {
      const std::size_t end = pql_number_end(s, i);
      t.kind = PqlTokenKind::kNumber;
      t.text = std::string(s.substr(i, end - i));
      i = end;
    } else if (const std::size_t n = pql_punct_length(s, i)) {
      t.text = std::string(s.substr(i, n));
      i += n;
    } else {
      t.kind = PqlTokenKind::kInvalid;
      t.text = std::string(1, c);
      ++i;
    }
    tokens.push_back(std::move(t));
    if (tokens.back().kind == PqlTokenKind::kInvalid) break;
  }
  tokens.push_back({PqlTokenKind::kEnd, {}, s.size()});
  return tokens;
}

}  // namespace chokepoint
