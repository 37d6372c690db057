#pragma once
// A metric's datapoints over a time range, one per period: what GetMetricStatistics, GetMetricData and
// alarm evaluation read. The store keeps 1-minute statistics; a period of 60 s or more merges whole minutes,
// a shorter (high-resolution) period holds the minute that starts in it.
#include <optional>
#include <string_view>
#include <vector>

#include "metrics/metric_store.hpp"

namespace chokepoint {

struct PeriodPoint {
  TimePoint start;
  MinuteStats stats;
  UnitIndex unit = 0;
};

struct MetricQuery {
  std::string_view account, region;
  const MetricId* metric = nullptr;
  TimePoint start, end;  // end exclusive
  long long period_seconds = 60;
  std::optional<UnitIndex> unit;
};

// CloudWatch rounds a start time down to the minute (to the period for periods under a minute).
TimePoint round_start(TimePoint start, long long period_seconds);

// The periods that have data, oldest first.
std::vector<PeriodPoint> query_periods(const MetricStore& store, const MetricQuery& query, TimePoint now);

}  // namespace chokepoint
