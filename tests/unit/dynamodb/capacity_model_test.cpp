// The capacity model's building blocks: partition layout, per-second history, the sustained-rate window, and
// admission under concurrency.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "capacity_fixture.hpp"
#include "services/dynamodb/partition_map.hpp"
#include "services/dynamodb/usage_series.hpp"

namespace chokepoint {
namespace {

using namespace testing;

TEST_CASE("partition map: the formula, data growth, declared counts and the cap", "[dynamodb][capacity][model]") {
  PartitionSizing s;
  CHECK(partition_count(s) == 1);
  s.read_units = 3000;
  s.write_units = 1000;
  CHECK(partition_count(s) == 2);
  s.read_units = 1;
  s.write_units = 4000;
  CHECK(partition_count(s) == 5);
  s.declared = 3;
  CHECK(partition_count(s) == 3);
  s.data_bytes = 45LL * 1024 * 1024 * 1024;  // 45 GB need five 10 GB partitions whatever is declared
  CHECK(partition_count(s) == 5);
  s.declared = 0;
  s.write_units = 1e9;
  CHECK(partition_count(s) == 1024);
}

TEST_CASE("partition map: slices cover the hash space without gaps", "[dynamodb][capacity][model]") {
  for (uint32_t count : {1u, 3u, 4u, 7u, 1024u}) {
    uint32_t expected_first = 0;
    for (uint32_t i = 0; i < count; ++i) {
      const HashRange r = partition_range(i, count);
      CHECK(r.first == expected_first);
      CHECK(partition_of(uint64_t{r.first} << 40, count) == i);
      CHECK(partition_of(uint64_t{r.last} << 40, count) == i);
      expected_first = r.last + 1;
    }
    CHECK(expected_first == (1u << 24));
  }
  CHECK(hash_hex(0x3fffff) == "3fffff");
}

TEST_CASE("second series: a minute of history, oldest first, stale seconds read as zero", "[dynamodb][capacity][model]") {
  SecondSeries s;
  s.add_consumed(1000, 1, 2.5);
  s.add_consumed(1000, 1, 1);
  s.add_consumed(1059, 1, 4);
  s.add_throttled(1059, 1);
  auto consumed = s.consumed(1059, 1);
  CHECK(consumed[0] == 3.5);
  CHECK(consumed[59] == 4);
  CHECK(s.consumed(1059, 0)[59] == 0);
  CHECK(s.throttled(1059, 1)[59] == 1);
  s.add_consumed(1060, 1, 1);  // reuses second 1000's slot
  consumed = s.consumed(1060, 1);
  CHECK(consumed[58] == 4);
  CHECK(consumed[59] == 1);
  CHECK(s.consumed(1200, 1)[59] == 0);
}

TEST_CASE("sustained rate: the average over the last complete window", "[dynamodb][capacity][model]") {
  SustainedRate rate(30);  // 30 slots of one second
  CHECK(rate.add(100.0, 300) < 0);
  for (int second = 101; second < 130; ++second) CHECK(rate.add(second, 300) == Approx(300.0 * (second - 100) / 30));
  CHECK(rate.add(130.0, 300) == Approx(300));
  CHECK(rate.add(130.5, 300) < 0);  // same slot: nothing closed
  CHECK(rate.add(200.0, 1) == Approx(0));  // silence longer than a window forgets everything
}

TEST_CASE("admission: concurrent writers never get more than the bucket holds", "[dynamodb][capacity][concurrency]") {
  DynamoHarness h("dynamodb:\n  capacity:\n    burst_window_seconds: 1\n");
  h.ok("CreateTable", provisioned_table("shared", 5, 600));
  // Items are built here: item_of asserts, and Catch's assertions are not thread-safe.
  std::vector<std::vector<json>> items(8);
  for (int t = 0; t < 8; ++t) {
    for (int i = 0; i < 200; ++i) items[t].push_back(item_of(numbered(numbered("t", t) + "-", i), 500));
  }
  std::atomic<int> admitted{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const ApiResult r = h.call("PutItem", {{"TableName", "shared"}, {"Item", items[t][i]}});
        if (!is_error(r)) ++admitted;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(admitted == 600);
  CHECK(inspect(h, "shared")["table"]["write"]["burst_level"].get<double>() == Approx(0).margin(1e-6));
}

}  // namespace
}  // namespace chokepoint
