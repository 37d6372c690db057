#include <catch2/catch.hpp>

#include "auth/sigv4_support.hpp"
#include "common/time_format.hpp"

namespace chokepoint {

TEST_CASE("parse_http_date: RFC 1123 with named and numeric zones", "[auth][sigv4]") {
  const TimePoint expected = *parse_amz_date("20261121T202909Z");
  CHECK(parse_http_date("Sat, 21 Nov 2026 20:29:09 GMT") == expected);
  CHECK(parse_http_date("Sat, 21 Nov 2026 20:29:09 -0000") == expected);  // Python's formatdate()
  CHECK(parse_http_date("Sat, 21 Nov 2026 21:29:09 +0100") == expected);
  CHECK(parse_http_date("Sat, 21 Nov 2026 19:59:09 -0030") == expected);
  CHECK(parse_http_date("  21 Nov 2026 20:29:09 UTC ") == expected);
  CHECK(parse_http_date("Sat, 1 Nov 2026 20:29:09 GMT") == *parse_amz_date("20261101T202909Z"));
  CHECK_FALSE(parse_http_date("Sat, 21 Foo 2026 20:29:09 GMT"));
  CHECK_FALSE(parse_http_date("Sat, 21 Nov 2026 20:29 GMT"));
  CHECK_FALSE(parse_http_date("Sat, 21 Nov 2026 20:29:09 EST"));
  CHECK_FALSE(parse_http_date("Sat, 21 Nov 2026 25:29:09 GMT"));
  CHECK_FALSE(parse_http_date("Sat, 2x Nov 2026 20:29:09 GMT"));
  CHECK_FALSE(parse_http_date("20261121T202909Z"));
  CHECK_FALSE(parse_http_date(""));
}

TEST_CASE("parse_signing_time and format_amz_date", "[auth][sigv4]") {
  const TimePoint t = *parse_amz_date("20261121T202909Z");
  CHECK(parse_signing_time("20261121T202909Z") == t);
  CHECK(parse_signing_time("Sat, 21 Nov 2026 20:29:09 GMT") == t);
  CHECK_FALSE(parse_signing_time("2026-11-21T20:29:09Z"));
  CHECK(format_amz_date(t) == "20261121T202909Z");
}

TEST_CASE("far_signing_time_side: valid dates beyond a TimePoint's years", "[auth][sigv4]") {
  CHECK(far_signing_time_side("30200101T010101Z") == 1);
  CHECK(far_signing_time_side("10000101T010101Z") == -1);
  CHECK(far_signing_time_side("20261121T202909Z") == 0);  // readable: not far
  CHECK(far_signing_time_side("30201301T010101Z") == 0);  // month 13
  CHECK(far_signing_time_side("+3020101T010101Z") == 0);
  CHECK(far_signing_time_side("yesterday") == 0);
}

TEST_CASE("collapse_whitespace", "[auth][sigv4]") {
  CHECK(collapse_whitespace("  a   b\t\tc  ") == "a b c");
  CHECK(collapse_whitespace("") == "");
  CHECK(collapse_whitespace(" \t ") == "");
  CHECK(collapse_whitespace("application/x-www-form-urlencoded; charset=utf-8") ==
        "application/x-www-form-urlencoded; charset=utf-8");
}

TEST_CASE("normalize_url_path: as botocore", "[auth][sigv4]") {
  CHECK(normalize_url_path("") == "/");
  CHECK(normalize_url_path("/") == "/");
  CHECK(normalize_url_path("//") == "/");
  CHECK(normalize_url_path("/a/./b/../c") == "/a/c");
  CHECK(normalize_url_path("/a//b/") == "/a/b/");
  CHECK(normalize_url_path("/../..") == "/");
  CHECK(normalize_url_path("/a/b/..") == "/a");
}

TEST_CASE("decode_query", "[auth][sigv4]") {
  const auto params = decode_query("a=1&&b&c=x+y%2F&%zz=bad%");
  REQUIRE(params.size() == 4);
  CHECK(params[0].key == "a");
  CHECK(params[0].value == "1");
  CHECK(params[1].key == "b");
  CHECK(params[1].value == "");
  CHECK(params[2].value == "x y/");
  CHECK(params[3].key == "%zz");  // bad escapes stay as sent
  CHECK(params[3].value == "bad%");
  CHECK(find_query_param(params, "c") == &params[2]);
  CHECK(find_query_param(params, "C") == nullptr);
  CHECK(decode_query("").empty());
}

}  // namespace chokepoint
