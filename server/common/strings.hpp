#pragma once
// Small string utilities with no AWS knowledge.
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

std::string to_lower(std::string_view s);
void to_lower_in_place(std::string& s);
bool iequals(std::string_view a, std::string_view b);
std::string_view trim(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char sep);
// Appends `value` unless `list` holds it already (small lists that keep their order).
void append_unique(std::vector<std::string>& list, const std::string& value);
// The strings of `list` with `separator` between them.
std::string join(const std::vector<std::string>& list, std::string_view separator);

// application/x-www-form-urlencoded decoding ('+' is a space). Returns false on a bad escape.
bool form_decode(std::string_view in, std::string& out);
// Percent-decoding of a URI path ('+' stays '+'). Returns false on a bad escape.
bool uri_decode(std::string_view in, std::string& out);
// RFC 3986 encoding: unreserved characters A-Z a-z 0-9 - _ . ~ stay, everything else is %XX (upper hex).
std::string uri_encode(std::string_view in, bool keep_slash = false);

// Shell-style glob: '*' matches any run, '?' one character. Case-sensitive.
bool glob_match(std::string_view pattern, std::string_view text);

std::string xml_escape(std::string_view in);
std::string to_hex(const unsigned char* data, size_t size);

// Parses a non-negative decimal integer that fits in int64; rejects signs, spaces and empty input.
bool parse_int64(std::string_view s, long long& out);

}  // namespace chokepoint
