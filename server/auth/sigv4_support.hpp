#pragma once
// Text and time helpers shared by the SigV4 parser and signer: query-string decoding, the two date
// forms a signed request may carry, and the whitespace/path normalization botocore applies. Pure
// functions; thread-safe.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"

namespace chokepoint {

struct QueryParam {
  std::string key;  // decoded
  std::string value;  // decoded; empty for "?key" and "?key="
};

// Splits a raw query string on '&' and decodes keys and values ('+' is a space). A piece with a bad
// escape stays as sent, so a malformed URL still yields a (failing) canonical form rather than none.
// Empty pieces ("a=1&&b=2") are skipped.
std::vector<QueryParam> decode_query(std::string_view raw_query);
// First parameter with exactly this key (query keys are case-sensitive), or nullptr.
const QueryParam* find_query_param(const std::vector<QueryParam>& params, std::string_view key);

// RFC 1123 / IMF-fixdate ("Sat, 21 Nov 2026 20:29:09 GMT"). Also accepts a numeric zone ("-0000"),
// because botocore writes the Date header with Python's formatdate(), which uses one.
std::optional<TimePoint> parse_http_date(std::string_view s);
// The request time as signed: X-Amz-Date's basic form, or a Date header's RFC 1123 form.
std::optional<TimePoint> parse_signing_time(std::string_view amz_date);
// For a basic-format date with valid fields that lies beyond the years a TimePoint holds (1678 to 2261):
// 1 when it is in the future, -1 in the past. 0 for anything else, including dates parse_signing_time reads.
int far_signing_time_side(std::string_view amz_date);
// SigV4 basic format, 20261121T202909Z.
std::string format_amz_date(TimePoint t);

// SigV4's Trimall: leading/trailing whitespace removed, inner runs folded to one space.
std::string collapse_whitespace(std::string_view s);
// RFC 3986 5.2.4 dot-segment removal plus the empty-segment folding AWS expects ("//a/./b/../c" ->
// "/a/c"), exactly as botocore's normalize_url_path; "" becomes "/".
std::string normalize_url_path(std::string_view path);

}  // namespace chokepoint
