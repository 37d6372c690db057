// ContributorSeries: counts per contributor in minute buckets, the report over a range (contributors, their
// datapoints, the period metrics), the per-minute contributor cap and the retention.
#include <catch2/catch.hpp>

#include "metrics/contributor_series.hpp"

using namespace chokepoint;

namespace {

const TimePoint kSeriesStart{std::chrono::minutes(30'000'000)};  // on a minute (and an hour) boundary

ContributorQuery whole_hour(std::chrono::seconds period = std::chrono::seconds(60)) {
  ContributorQuery q;
  q.start = kSeriesStart;
  q.end = kSeriesStart + std::chrono::hours(1);
  q.period = period;
  return q;
}

}  // namespace

TEST_CASE("contributor series: the largest contributor comes first, with its datapoints per period", "[metrics]") {
  ContributorSeries series;
  for (int i = 0; i < 5; ++i) series.add({"hot"}, 1, kSeriesStart + std::chrono::seconds(10));
  series.add({"cold"}, 1, kSeriesStart + std::chrono::seconds(20));
  for (int i = 0; i < 3; ++i) series.add({"hot"}, 1, kSeriesStart + std::chrono::minutes(2));

  const ContributorReport r = series.report(whole_hour());
  CHECK(r.aggregate_value == 9);
  CHECK(r.approximate_unique_count == 2);
  REQUIRE(r.contributors.size() == 2);
  CHECK(r.contributors[0].keys == ContributorKeys{"hot"});
  CHECK(r.contributors[0].aggregate == 8);
  REQUIRE(r.contributors[0].datapoints.size() == 2);
  CHECK(r.contributors[0].datapoints[0].timestamp == kSeriesStart);
  CHECK(r.contributors[0].datapoints[0].value == 5);
  CHECK(r.contributors[0].datapoints[1].timestamp == kSeriesStart + std::chrono::minutes(2));
  CHECK(r.contributors[1].keys == ContributorKeys{"cold"});
  CHECK(r.contributors[1].aggregate == 1);

  REQUIRE(r.periods.size() == 2);
  CHECK(r.periods[0].unique_contributors == 2);
  CHECK(r.periods[0].max_contributor_value == 5);
  CHECK(r.periods[0].sample_count == 6);
  CHECK(r.periods[0].sum == 6);
  CHECK(r.periods[1].unique_contributors == 1);
}

TEST_CASE("contributor series: the range, the period, the count and the order are the query's", "[metrics]") {
  ContributorSeries series;
  // a: 4 in one minute; b: 1 a minute for 3 minutes.
  for (int i = 0; i < 4; ++i) series.add({"a", "1"}, 1, kSeriesStart);
  for (int m = 0; m < 3; ++m) series.add({"b", "2"}, 1, kSeriesStart + std::chrono::minutes(m));

  SECTION("a five-minute period sums the minutes") {
    const ContributorReport r = series.report(whole_hour(std::chrono::seconds(300)));
    REQUIRE(r.periods.size() == 1);
    CHECK(r.periods[0].sum == 7);
    CHECK(r.contributors[1].datapoints.size() == 1);
    CHECK(r.contributors[1].datapoints[0].value == 3);
  }
  SECTION("ordered by Maximum, the largest single datapoint ranks") {
    ContributorQuery q = whole_hour();
    q.order_by_maximum = true;
    const ContributorReport r = series.report(q);
    CHECK(r.contributors[0].keys == ContributorKeys{"a", "1"});
    CHECK(r.contributors[0].aggregate == 4);
    CHECK(r.contributors[1].aggregate == 1);
  }
  SECTION("MaxContributorCount keeps the best") {
    ContributorQuery q = whole_hour();
    q.max_contributors = 1;
    const ContributorReport r = series.report(q);
    REQUIRE(r.contributors.size() == 1);
    CHECK(r.contributors[0].keys == ContributorKeys{"a", "1"});
    CHECK(r.approximate_unique_count == 2);
  }
  SECTION("minutes outside [start, end) are left out") {
    ContributorQuery q = whole_hour();
    q.start = kSeriesStart + std::chrono::minutes(1);
    q.end = kSeriesStart + std::chrono::minutes(2);
    const ContributorReport r = series.report(q);
    REQUIRE(r.contributors.size() == 1);
    CHECK(r.contributors[0].keys == ContributorKeys{"b", "2"});
    CHECK(r.aggregate_value == 1);
  }
}

TEST_CASE("contributor series: memory is bounded by the per-minute cap and the retention", "[metrics]") {
  ContributorSeries series;
  const std::size_t cap = ContributorSeries::kMaxContributorsPerMinute;
  for (std::size_t i = 0; i < cap + 50; ++i) series.add({std::to_string(i)}, 1, kSeriesStart);
  ContributorQuery q = whole_hour();
  q.max_contributors = cap + 100;
  const ContributorReport r = series.report(q);
  CHECK(r.contributors.size() == cap);
  CHECK(r.aggregate_value == static_cast<double>(cap + 50));  // the totals still count every observation

  // A day later, the first minute is gone.
  series.add({"late"}, 1, kSeriesStart + ContributorSeries::kRetention + std::chrono::minutes(1));
  CHECK(series.report(whole_hour()).contributors.empty());
}
