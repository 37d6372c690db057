#include <catch2/catch.hpp>

#include "throttle/token_bucket.hpp"

using namespace chokepoint;
using namespace std::chrono_literals;

namespace {
const TimePoint kStart{std::chrono::seconds{1'800'000'000}};
}

TEST_CASE("token bucket admits up to its burst, then at its refill rate", "[throttle]") {
  struct Case {
    const char* name;
    BucketLimit limit;
    std::chrono::milliseconds wait;  // after draining
    int expected_after_wait;
  };
  const Case cases[] = {
      {"integer rate", {10, 50}, 1000ms, 10},
      {"fractional rate", {0.3, 4}, 10'000ms, 3},
      {"slow fractional rate, not yet a token", {0.1, 1}, 9'000ms, 0},
      {"refill capped at burst", {20, 100}, 60'000ms, 100},
      {"sub-second refill", {5, 5}, 400ms, 2},
  };
  for (const auto& c : cases) {
    SECTION(c.name) {
      TokenBucket bucket(c.limit, kStart);
      int admitted = 0;
      while (bucket.try_take(kStart, 1)) ++admitted;
      CHECK(admitted == static_cast<int>(c.limit.burst));
      int later = 0;
      while (bucket.try_take(kStart + c.wait, 1)) ++later;
      CHECK(later == c.expected_after_wait);
    }
  }
}

TEST_CASE("a rejected take consumes nothing", "[throttle]") {
  TokenBucket bucket({1, 3}, kStart);
  REQUIRE(bucket.try_take(kStart, 2));
  CHECK_FALSE(bucket.try_take(kStart, 2));
  CHECK(bucket.level(kStart) == Approx(1));
  CHECK(bucket.try_take(kStart, 1));
}

TEST_CASE("debt from charge throttles until it is paid back", "[throttle]") {
  TokenBucket bucket({5, 5}, kStart);
  bucket.charge(kStart, 15);  // 10 tokens of debt
  CHECK(bucket.level(kStart) == Approx(-10));
  CHECK_FALSE(bucket.try_take(kStart + 2s, 1));  // back to 0
  CHECK(bucket.seconds_until(kStart + 2s, 1) == Approx(0.2));
  CHECK(bucket.try_take(kStart + 2200ms, 1));
}

TEST_CASE("time going backwards neither refills nor credits an interval twice", "[throttle]") {
  TokenBucket bucket({10, 10}, kStart);
  for (int i = 0; i < 10; ++i) REQUIRE(bucket.try_take(kStart + 1s, 1));
  CHECK_FALSE(bucket.try_take(kStart, 1));            // clock stepped back one second
  CHECK_FALSE(bucket.try_take(kStart + 1s, 1));       // and forward again: nothing gained
  CHECK(bucket.try_take(kStart + 1100ms, 1));         // only real progress refills
  CHECK_FALSE(bucket.try_take(kStart + 1100ms, 1));
}

TEST_CASE("changing the limit keeps the level, clamped to the new burst", "[throttle]") {
  TokenBucket bucket({10, 100}, kStart);
  REQUIRE(bucket.try_take(kStart, 40));
  bucket.set_limit({10, 200}, kStart);
  CHECK(bucket.level(kStart) == Approx(60));
  bucket.set_limit({10, 20}, kStart);
  CHECK(bucket.level(kStart) == Approx(20));
}

TEST_CASE("resizing keeps what was used: a larger burst adds its growth to the level", "[throttle]") {
  TokenBucket bucket({40, 40}, kStart);
  REQUIRE(bucket.try_take(kStart, 30));
  bucket.resize({100, 100}, kStart);
  CHECK(bucket.level(kStart) == Approx(70));  // 30 used of 100
  CHECK(bucket.limit() == BucketLimit{100, 100});
  bucket.resize({100, 100}, kStart + 1s);  // refills to full first: still full at the same size
  CHECK(bucket.level(kStart + 1s) == Approx(100));
  bucket.resize({10, 20}, kStart + 1s);  // a smaller burst clamps
  CHECK(bucket.level(kStart + 1s) == Approx(20));
}

TEST_CASE("seconds_until is infinite when the request exceeds the capacity", "[throttle]") {
  TokenBucket bucket({2, 1000}, kStart);
  CHECK(std::isinf(bucket.seconds_until(kStart, 1001)));
  CHECK(bucket.seconds_until(kStart, 1000) == 0);
}

TEST_CASE("admission over a long run equals burst plus rate times time", "[throttle]") {
  // Offer four times the rate for 10 s in 1 ms steps.
  TokenBucket bucket({40, 40}, kStart);
  int admitted = 0;
  for (int ms = 0; ms <= 10'000; ++ms) {
    for (int k = 0; k < (ms % 25 == 0 ? 4 : 0); ++k) admitted += bucket.try_take(kStart + std::chrono::milliseconds(ms), 1);
  }
  // 1,604 offered; capacity 40 + 40/s * 10 s = 440.
  CHECK(admitted == 440);
}
