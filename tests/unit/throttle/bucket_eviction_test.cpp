#include <catch2/catch.hpp>

#include "app/command_line.hpp"
#include "throttle/in_memory_bucket_store.hpp"

using namespace chokepoint;
using namespace std::chrono_literals;

namespace {
const BucketKey kKey{"111111111111", "us-east-1", "ssm", "ParameterReads"};
const BucketLimit kLimit{10, 40};  // 10 tokens/s, burst 40: empty to full in 4 s
}  // namespace

TEST_CASE("a bucket unused for the idle time is evicted, and comes back full", "[throttle][eviction]") {
  ManualClock clock;
  InMemoryBucketStore store;
  for (int i = 0; i < 40; ++i) REQUIRE(store.try_take(kKey, kLimit, clock.now(), 1));
  CHECK_FALSE(store.try_take(kKey, kLimit, clock.now(), 1));

  clock.advance(299s);
  CHECK(store.evict_idle(clock.now(), 300s) == 0);  // not idle long enough yet
  CHECK(store.size() == 1);
  clock.advance(1s);
  CHECK(store.evict_idle(clock.now(), 300s) == 1);
  CHECK(store.size() == 0);
  // Recreated on next use, full: the same level the kept bucket would have had.
  CHECK(store.level(kKey, kLimit, clock.now()) == Approx(40));
}

TEST_CASE("an idle bucket still refilling from debt is kept until it is full", "[throttle][eviction]") {
  ManualClock clock;
  InMemoryBucketStore store;
  store.charge(kKey, kLimit, clock.now(), 3040);  // 3,000 tokens of debt: full again after 304 s
  clock.advance(300s);
  CHECK(store.evict_idle(clock.now(), 300s) == 0);
  clock.advance(3s);
  CHECK(store.evict_idle(clock.now(), 300s) == 0);
  clock.advance(1s);
  CHECK(store.evict_idle(clock.now(), 300s) == 1);
}

TEST_CASE("reading buckets (a metrics scrape) does not keep them from being evicted", "[throttle][eviction]") {
  ManualClock clock;
  InMemoryBucketStore store;
  store.try_take(kKey, kLimit, clock.now(), 1);
  for (int scrape = 0; scrape < 10; ++scrape) {  // every 30 s, for the whole idle time
    clock.advance(30s);
    const auto buckets = store.snapshot(BucketFilter{}, clock.now());
    REQUIRE(buckets.size() == 1);
    CHECK(buckets[0].tokens == Approx(40));
  }
  CHECK(store.evict_idle(clock.now(), 300s) == 1);
}

TEST_CASE("a bucket in use is never evicted", "[throttle][eviction]") {
  ManualClock clock;
  InMemoryBucketStore store;
  const BucketKey other{"222222222222", "us-east-1", "ssm", "ParameterReads"};
  store.try_take(kKey, kLimit, clock.now(), 1);
  store.try_take(other, kLimit, clock.now(), 1);
  for (int i = 0; i < 20; ++i) {
    clock.advance(60s);
    store.try_take(kKey, kLimit, clock.now(), 1);
    store.evict_idle(clock.now(), 300s);
  }
  CHECK(store.size() == 1);
  CHECK(store.snapshot(BucketFilter{"111111111111", "", ""}, clock.now()).size() == 1);
}

TEST_CASE("the bucket idle time comes from the command line, bad values refused", "[throttle][eviction][cli]") {
  CHECK(parse_command_line({"--bucket-idle-seconds", "30"}).options.bucket_idle_seconds == 30);
  CHECK(parse_command_line({"--bucket-idle-seconds=604800"}).options.bucket_idle_seconds == 604800);
  CHECK_FALSE(parse_command_line({}).options.bucket_idle_seconds.has_value());
  for (const char* bad : {"0", "-5", "abc", "604801"}) {
    INFO(bad);
    CHECK_THAT(parse_command_line({"--bucket-idle-seconds", bad}).error, Catch::Contains("--bucket-idle-seconds"));
  }
}
