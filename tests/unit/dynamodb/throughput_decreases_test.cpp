#include <catch2/catch.hpp>

#include "common/time_format.hpp"
#include "services/dynamodb/throughput_decreases.hpp"

namespace chokepoint {
namespace {

TimePoint at_utc(const char* text) { return *parse_timestamp(text); }

TEST_CASE("decreases: four a UTC day, then one an hour after the last", "[dynamodb][decreases]") {
  Throughput t;
  CHECK_FALSE(decrease_refused(t, at_utc("2026-12-07T00:10:00Z")));
  t.decreases_today = 3;
  t.last_decrease = at_utc("2026-12-07T00:20:00Z");
  CHECK_FALSE(decrease_refused(t, at_utc("2026-12-07T00:21:00Z")));  // the fourth
  t.decreases_today = 4;
  t.last_decrease = at_utc("2026-12-07T00:21:00Z");
  const auto refused = decrease_refused(t, at_utc("2026-12-07T01:00:00Z"));
  REQUIRE(refused);
  CHECK(refused->find("Number of decreases today: 4. Last decrease at Monday, December 7, 2026 at 12:21:00 AM "
                      "Coordinated Universal Time. Next decrease can be made at Monday, December 7, 2026 at 1:21:00 "
                      "AM Coordinated Universal Time") != std::string::npos);
  CHECK_FALSE(decrease_refused(t, at_utc("2026-12-07T01:21:00Z")));  // an hour without a decrease
  t.decreases_today = 27;
  t.last_decrease = at_utc("2026-12-07T23:30:00Z");
  CHECK(decrease_refused(t, at_utc("2026-12-07T23:59:59Z")));
  // A new UTC day starts the count again.
  CHECK(decreases_on_day(t, at_utc("2026-12-08T00:00:01Z")) == 0);
  CHECK_FALSE(decrease_refused(t, at_utc("2026-12-08T00:00:01Z")));
  CHECK(decreases_on_day(t, at_utc("2026-12-07T23:59:59Z")) == 27);
}

}  // namespace
}  // namespace chokepoint
