#include <catch2/catch.hpp>

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

}  // namespace chokepoint
