#include "common/json_text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <utility>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "common/utf8.hpp"

namespace chokepoint {

namespace {

// True when none of the eight bytes in `word` needs escaping (control characters, '"', '\\').
bool plain_word(uint64_t word) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHighs = 0x8080808080808080ull;
  const uint64_t below_space = (word - kOnes * 0x20) & ~word & kHighs;
  const uint64_t quote = word ^ (kOnes * '"');
  const uint64_t backslash = word ^ (kOnes * '\\');
  const uint64_t has_quote = (quote - kOnes) & ~quote & kHighs;
  const uint64_t has_backslash = (backslash - kOnes) & ~backslash & kHighs;
  return (below_space | has_quote | has_backslash) == 0;
}

void append_escape(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  switch (c) {
    case '"':
      out.append("\\\"");
      break;
    case '\\':
      out.append("\\\\");
      break;
    case '\n':
      out.append("\\n");
      break;
    case '\r':
      out.append("\\r");
      break;
    case '\t':
      out.append("\\t");
      break;
    case '\b':
      out.append("\\b");
      break;
    case '\f':
      out.append("\\f");
      break;
    default:
      out.append("\\u00");
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
  }
}

}  // namespace

std::size_t plain_json_prefix(std::string_view text) {
  std::size_t i = 0;
  // Most text needs no escaping: look at it sixteen bytes at a time where SSE2 is there (every x86-64), else
  // eight. Request bodies and stored items pass through here once or twice each, byte by byte otherwise.
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i control_max = _mm_set1_epi8(0x1F);
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(chunk, control_max), chunk);  // byte <= 0x1F
    const __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash)),
                                         control);
    const int mask = _mm_movemask_epi8(special);
    if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    if (!plain_word(word)) break;
  }
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == '"' || c == '\\') break;
  }
  return i;
}

bool needs_json_escape(std::string_view text) { return plain_json_prefix(text) < text.size(); }

void append_json_string(std::string& out, std::string_view text) {
  out.reserve(out.size() + text.size() + 2);
  out.push_back('"');
  while (!text.empty()) {
    const std::size_t plain = plain_json_prefix(text);
    out.append(text.data(), plain);
    if (plain == text.size()) break;
    append_escape(out, static_cast<unsigned char>(text[plain]));
    text.remove_prefix(plain + 1);
  }
  out.push_back('"');
}

void append_json_text(std::string& out, std::string_view text) {
  if (is_valid_utf8(text)) return append_json_string(out, text);
  out.append(nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void append_json(std::string& out, const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& [key, member] : value.items()) {
        if (!std::exchange(first, false)) out.push_back(',');
        append_json_text(out, key);
        out.push_back(':');
        append_json(out, member);
      }
      out.push_back('}');
      return;
    }
    case nlohmann::json::value_t::array: {
      out.push_back('[');
      bool first = true;
      for (const auto& element : value) {
        if (!std::exchange(first, false)) out.push_back(',');
        append_json(out, element);
      }
      out.push_back(']');
      return;
    }
    case nlohmann::json::value_t::string:
      return append_json_text(out, value.get_ref<const std::string&>());
    case nlohmann::json::value_t::boolean:
      out.append(value.get<bool>() ? "true" : "false");
      return;
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: {
      char digits[24];
      const auto end = value.is_number_unsigned()
                           ? std::to_chars(digits, digits + sizeof digits, value.get<uint64_t>()).ptr
                           : std::to_chars(digits, digits + sizeof digits, value.get<int64_t>()).ptr;
      out.append(digits, end);
      return;
    }
    default:  // null, and doubles: the library's own shortest form, exactly
      out.append(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }
}

void append_json_double(std::string& out, double value) {
  // The shortest form that reads back exactly, as printf's %.*g prints it, with ".0" on whole numbers as DynamoDB
  // prints them. The shortest round-trip form gives the number of significant digits; %g's layout at that
  // precision then decides between fixed and exponent notation.
  char buf[64];
  int precision = 17;
  if (std::isfinite(value)) {
    const auto shortest = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
    const std::string_view mantissa(buf, std::find(buf, shortest.ptr, 'e') - buf);
    const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
    precision = static_cast<int>(std::count_if(mantissa.begin(), mantissa.end(), is_digit));
  }
  const auto end = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::general, precision).ptr;
  const std::string_view text(buf, static_cast<std::size_t>(end - buf));
  out.append(text);
  if (text.find_first_of(".eEn") == std::string_view::npos) out.append(".0");
}

}  // namespace chokepoint
