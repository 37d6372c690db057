#include "common/json_parser.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "common/json_text.hpp"
#include "common/utf8.hpp"

namespace chokepoint {

namespace {

using json = nlohmann::json;

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Iterative rather than recursive, so that nesting depth is bounded by memory, as in the library, and never by
// the thread's stack.
class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  bool parse(json& out) {
    skip_byte_order_mark();
    if (!begin_value(out)) return false;
    while (!open_.empty()) {
      if (!continue_container()) return false;
    }
    skip_whitespace();
    return pos_ == text_.size();
  }

 private:
  struct Open {
    json* node;
    bool empty_so_far;
  };

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }

  void skip_byte_order_mark() {
    if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
  }

  void skip_whitespace() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) ++pos_;
  }

  // Parses a scalar into `slot`, or opens an object or array there (filled by continue_container).
  bool begin_value(json& slot) {
    skip_whitespace();
    if (at_end()) return false;
    switch (peek()) {
      case '{':
        ++pos_;
        slot = json::object();
        open_.push_back({&slot, true});
        return true;
      case '[':
        ++pos_;
        slot = json::array();
        open_.push_back({&slot, true});
        return true;
      case '"': {
        std::string s;
        if (!string(s)) return false;
        slot = std::move(s);
        return true;
      }
      case 't':
        return literal("true", slot, json(true));
      case 'f':
        return literal("false", slot, json(false));
      case 'n':
        return literal("null", slot, json(nullptr));
      default:
        return number(slot);
    }
  }

  // One step inside the innermost open container: its end, or its next member or element.
  bool continue_container() {
    Open& open = open_.back();
    const bool is_object = open.node->is_object();
    skip_whitespace();
    if (at_end()) return false;
    if (peek() == (is_object ? '}' : ']')) {
      ++pos_;
      open_.pop_back();
      return true;
    }
    if (!open.empty_so_far) {
      if (peek() != ',') return false;
      ++pos_;
      skip_whitespace();
      if (at_end()) return false;
    }
    open.empty_so_far = false;
    json* container = open.node;  // open_ may grow below, moving `open`
    if (!is_object) {
      auto& elements = container->get_ref<json::array_t&>();
      elements.emplace_back();
      return begin_value(elements.back());
    }
    std::string key;
    if (peek() != '"' || !string(key)) return false;
    skip_whitespace();
    if (at_end() || peek() != ':') return false;
    ++pos_;
    json& slot = container->get_ref<json::object_t&>()[std::move(key)];
    slot = nullptr;  // a repeated key starts over
    return begin_value(slot);
  }

  bool literal(std::string_view word, json& slot, json value) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    slot = std::move(value);
    return true;
  }

  // After the opening quote; leaves pos_ after the closing one.
  bool string(std::string& out) {
    ++pos_;
    while (true) {
      const std::string_view rest = text_.substr(pos_);
      const std::size_t plain = plain_json_prefix(rest);
      out.append(rest.data(), plain);
      pos_ += plain;
      if (at_end()) return false;
      const char c = peek();
      ++pos_;
      if (c == '"') return true;
      if (c != '\\' || at_end()) return false;  // a control character, or a lone backslash at the end
      if (!escape(out)) return false;
    }
  }

  bool escape(std::string& out) {
    const char c = text_[pos_++];
    switch (c) {
      case '"':
      case '\\':
      case '/':
        out += c;
        return true;
      case 'b':
        out += '\b';
        return true;
      case 'f':
        out += '\f';
        return true;
      case 'n':
        out += '\n';
        return true;
      case 'r':
        out += '\r';
        return true;
      case 't':
        out += '\t';
        return true;
      case 'u':
        return unicode_escape(out);
      default:
        return false;
    }
  }

  bool hex4(uint32_t& out) {
    if (text_.size() - pos_ < 4) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const int d = hex_digit(text_[pos_++]);
      if (d < 0) return false;
      out = out * 16 + static_cast<uint32_t>(d);
    }
    return true;
  }

  // After "\u": one code point, or a surrogate pair written as two escapes.
  bool unicode_escape(std::string& out) {
    uint32_t cp = 0;
    if (!hex4(cp)) return false;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      uint32_t low = 0;
      if (text_.substr(pos_, 2) != "\\u") return false;
      pos_ += 2;
      if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(out, cp);
    return true;
  }

  bool digits() {
    const std::size_t start = pos_;
    while (!at_end() && peek() >= '0' && peek() <= '9') ++pos_;
    return pos_ > start;
  }

  // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? ; converted as the library converts it.
  bool number(json& slot) {
    const std::size_t start = pos_;
    if (peek() == '-') ++pos_;
    if (at_end()) return false;
    if (peek() == '0') {
      ++pos_;
    } else if (!digits()) {
      return false;
    }
    bool integral = true;
    if (!at_end() && peek() == '.') {
      ++pos_;
      if (!digits()) return false;
      integral = false;
    }
    if (!at_end() && (peek() == 'e' || peek() == 'E')) {
      ++pos_;
      if (!at_end() && (peek() == '+' || peek() == '-')) ++pos_;
      if (!digits()) return false;
      integral = false;
    }
    const std::string token(text_.substr(start, pos_ - start));  // strto* need a terminated string
    if (integral) {
      errno = 0;
      if (token[0] == '-') {
        const long long value = std::strtoll(token.c_str(), nullptr, 10);
        if (errno == 0) {
          slot = static_cast<json::number_integer_t>(value);
          return true;
        }
      } else {
        const unsigned long long value = std::strtoull(token.c_str(), nullptr, 10);
        if (errno == 0) {
          slot = static_cast<json::number_unsigned_t>(value);
          return true;
        }
      }
    }
    // Beyond 64 bits an integer becomes a double; a number too large for a double is an error.
    const double value = std::strtod(token.c_str(), nullptr);
    if (!std::isfinite(value)) return false;
    slot = static_cast<json::number_float_t>(value);
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::vector<Open> open_;
};

}  // namespace

bool parse_json(std::string_view text, json& out) {
  // The library's lexer takes a NUL byte for the end of the input: after a complete value the rest is ignored,
  // anywhere else the value is cut short (inside a string, a NUL is an error anyway).
  text = text.substr(0, text.find('\0'));
  // Bytes outside strings must be ASCII for the grammar, so validating all of the text at once is the same as
  // validating every string.
  if (!is_valid_utf8(text)) return false;
  return Parser(text).parse(out);
}

}  // namespace chokepoint
