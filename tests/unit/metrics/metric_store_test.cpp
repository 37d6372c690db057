#include <catch2/catch.hpp>

#include "metrics/metric_store.hpp"

using namespace chokepoint;

namespace {

const TimePoint kT0{std::chrono::seconds{1'800'000'000 / 60 * 60}};  // a minute boundary

MetricPoint point(std::span<const MetricDimensionRef> dims, double v, TimePoint t, std::string_view name = "Lat",
                  std::string_view unit = "Milliseconds") {
  return MetricPoint{"111111111111", "us-east-1", "App", name, dims, MetricValue::of(v), unit, t};
}

MetricId metric(std::string name = "Lat", MetricDimensions dims = {{"Svc", "a"}}) {
  return MetricId{"App", std::move(name), std::move(dims)};
}

}  // namespace

TEST_CASE("metric store: datapoints of one minute merge into one statistic set", "[metrics]") {
  MetricStore store;
  const MetricDimensionRef dims[] = {{"Svc", "a"}};
  for (double v : {1.0, 2.0, 3.0, 10.0}) store.put(point(dims, v, kT0 + std::chrono::seconds(5)));
  store.put(point(dims, 7, kT0 + std::chrono::seconds(65)));
  const auto points = store.read("111111111111", "us-east-1", metric(), minute_of(kT0), minute_of(kT0) + 5, {}, kT0);
  REQUIRE(points.size() == 2);
  CHECK(points[0].minute == minute_of(kT0));
  CHECK(points[0].stats.sample_count() == 4);
  CHECK(points[0].stats.sum() == 16);
  CHECK(points[0].stats.minimum() == 1);
  CHECK(points[0].stats.maximum() == 10);
  CHECK(points[1].stats.sum() == 7);
}

TEST_CASE("metric store: dimension order does not matter, account and region do", "[metrics]") {
  MetricStore store;
  const MetricDimensionRef ab[] = {{"A", "1"}, {"B", "2"}};
  const MetricDimensionRef ba[] = {{"B", "2"}, {"A", "1"}};
  store.put(point(ab, 1, kT0));
  store.put(point(ba, 2, kT0));
  auto m = metric("Lat", {{"A", "1"}, {"B", "2"}});
  auto points = store.read("111111111111", "us-east-1", m, minute_of(kT0), minute_of(kT0) + 1, {}, kT0);
  REQUIRE(points.size() == 1);
  CHECK(points[0].stats.sum() == 3);
  CHECK(store.series_count() == 1);
  CHECK(store.read("222222222222", "us-east-1", m, minute_of(kT0), minute_of(kT0) + 1, {}, kT0).empty());
  CHECK(store.read("111111111111", "eu-west-1", m, minute_of(kT0), minute_of(kT0) + 1, {}, kT0).empty());
}

TEST_CASE("metric store: the unit filter picks datapoints published with that unit", "[metrics]") {
  MetricStore store;
  const MetricDimensionRef dims[] = {{"Svc", "a"}};
  store.put(point(dims, 1, kT0, "Lat", "Seconds"));
  store.put(point(dims, 1000, kT0, "Lat", "Milliseconds"));
  const auto all = store.read("111111111111", "us-east-1", metric(), minute_of(kT0), minute_of(kT0) + 1, {}, kT0);
  CHECK(all.size() == 2);
  const auto ms = store.read("111111111111", "us-east-1", metric(), minute_of(kT0), minute_of(kT0) + 1,
                             unit_index("Milliseconds"), kT0);
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].stats.sum() == 1000);
}

TEST_CASE("metric store: minutes older than the retention are dropped", "[metrics]") {
  MetricStore store(MetricStoreOptions{std::chrono::minutes(10), 100});
  const MetricDimensionRef dims[] = {{"Svc", "a"}};
  store.put(point(dims, 1, kT0));
  store.put(point(dims, 2, kT0 + std::chrono::minutes(5)));
  store.put(point(dims, 3, kT0 + std::chrono::minutes(12)));  // pushes the first minute out
  const auto points = store.read("111111111111", "us-east-1", metric(), minute_of(kT0) - 100, minute_of(kT0) + 100, {},
                                 kT0 + std::chrono::minutes(12));
  REQUIRE(points.size() == 2);
  CHECK(points[0].stats.sum() == 2);
  // Reading later than the retention hides what is left, and a sweep frees the series.
  const TimePoint later = kT0 + std::chrono::minutes(30);
  CHECK(
      store.read("111111111111", "us-east-1", metric(), minute_of(kT0) - 100, minute_of(later) + 1, {}, later).empty());
  store.sweep(later);
  CHECK(store.series_count() == 0);
}

TEST_CASE("metric store: beyond max_series new metrics are dropped and counted, old ones keep working", "[metrics]") {
  MetricStore store(MetricStoreOptions{std::chrono::minutes(60), 2});
  const MetricDimensionRef dims[] = {{"Svc", "a"}};
  store.put(point(dims, 1, kT0, "A"));
  store.put(point(dims, 1, kT0, "B"));
  store.put(point(dims, 1, kT0, "C"));
  store.put(point(dims, 5, kT0, "A"));
  CHECK(store.series_count() == 2);
  CHECK(store.dropped_points() == 1);
  const auto a = store.read("111111111111", "us-east-1", metric("A"), minute_of(kT0), minute_of(kT0) + 1, {}, kT0);
  REQUIRE(a.size() == 1);
  CHECK(a[0].stats.sum() == 6);
  CHECK(store.list("111111111111", "us-east-1", kT0 - std::chrono::hours(1)).size() == 2);
  store.clear();
  CHECK(store.series_count() == 0);
}

TEST_CASE("metric store: list shows an account-region's metrics active since a time", "[metrics]") {
  MetricStore store;
  const MetricDimensionRef dims[] = {{"Svc", "a"}};
  store.put(point(dims, 1, kT0, "Old"));
  store.put(point(dims, 1, kT0 + std::chrono::hours(4), "New"));
  const auto recent = store.list("111111111111", "us-east-1", kT0 + std::chrono::hours(1));
  REQUIRE(recent.size() == 1);
  CHECK(recent[0].metric_name == "New");
  CHECK(recent[0].dimensions == MetricDimensions{{"Svc", "a"}});
  CHECK(store.list("111111111111", "us-east-1", kT0 - std::chrono::hours(1)).size() == 2);
  CHECK(store.list("999999999999", "us-east-1", kT0 - std::chrono::hours(1)).empty());
}

TEST_CASE("minute stats: percentiles from samples, none after pre-aggregated values", "[metrics]") {
  MinuteStats s;
  for (int i = 1; i <= 100; ++i) s.add(MetricValue::of(i), true);
  CHECK(s.percentile(50) == Approx(50));
  CHECK(s.percentile(99) == Approx(99));
  CHECK(s.percentile(100) == Approx(100));
  // Many more values than kept samples: still close.
  MinuteStats big;
  for (int i = 1; i <= 10'000; ++i) big.add(MetricValue::of(i % 1000), true);
  CHECK(big.percentile(90).value() == Approx(900).margin(30));
  CHECK(big.sample_count() == 10'000);
  big.add(MetricValue{10, 50, 1, 9}, true);
  CHECK_FALSE(big.percentile(90).has_value());
}

TEST_CASE("statistic names: the five statistics and pNN", "[metrics]") {
  CHECK(Statistic::parse("Sum")->kind == Statistic::Kind::kSum);
  CHECK(Statistic::parse("p99.9")->percentile == Approx(99.9));
  CHECK_FALSE(Statistic::parse("p101"));
  CHECK_FALSE(Statistic::parse("p99.999"));
  CHECK_FALSE(Statistic::parse("sum"));
  CHECK_FALSE(Statistic::parse_extended("Average"));
  MinuteStats s;
  s.add(MetricValue::of(2), true);
  s.add(MetricValue::of(4), true);
  CHECK(Statistic::parse("Average")->of(s) == 3);
  CHECK(Statistic::parse("SampleCount")->of(s) == 2);
  CHECK(Statistic::parse("Minimum")->of(s) == 2);
  CHECK(Statistic::parse("Maximum")->of(s) == 4);
}
