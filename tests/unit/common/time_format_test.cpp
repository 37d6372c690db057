#include <catch2/catch.hpp>
#include <limits>

#include "common/time_format.hpp"

namespace chokepoint {

namespace {
TimePoint at(std::string_view amz_date) { return *parse_amz_date(amz_date); }
}  // namespace

TEST_CASE("rfc1123 formats the Date header as HTTP and the SDKs expect", "[common][time]") {
  CHECK(rfc1123(at("20261122T054434Z")) == "Sun, 22 Nov 2026 05:44:34 GMT");
  CHECK(rfc1123(at("20240229T235959Z")) == "Thu, 29 Feb 2024 23:59:59 GMT");
  CHECK(rfc1123(at("20000101T000000Z")) == "Sat, 01 Jan 2000 00:00:00 GMT");
  CHECK(rfc1123(at("19991231T120509Z")) == "Fri, 31 Dec 1999 12:05:09 GMT");
  CHECK(rfc1123(TimePoint{}) == "Thu, 01 Jan 1970 00:00:00 GMT");
}

TEST_CASE("rfc1123 drops fractions of a second rather than rounding up", "[common][time]") {
  CHECK(rfc1123(at("20261122T054434Z") + std::chrono::milliseconds(999)) == "Sun, 22 Nov 2026 05:44:34 GMT");
}

TEST_CASE("timestamps beyond what a TimePoint holds are invalid, not an overflow", "[common][time]") {
  CHECK_FALSE(parse_timestamp("1014-01-01T00:00:00Z"));
  CHECK_FALSE(parse_timestamp("9999-12-31T23:59:59Z"));
  CHECK_FALSE(parse_timestamp("1e300"));
  CHECK_FALSE(parse_timestamp("-1e12"));
  CHECK_FALSE(from_epoch_seconds(std::numeric_limits<double>::infinity()));
  REQUIRE(parse_timestamp("2026-11-22T05:44:34Z"));
  CHECK(*parse_timestamp("2026-11-22T05:44:34Z") == at("20261122T054434Z"));
  REQUIRE(parse_timestamp("1795331625.5"));
  CHECK(epoch_seconds(*parse_timestamp("1795331625.5")) == 1795331625.5);
}

}  // namespace chokepoint
