#include "metrics/contributor_series.hpp"

#include <algorithm>

#include "metrics/metric_store.hpp"

namespace chokepoint {

namespace {

// The start of the report period a minute falls in; periods are aligned on multiples of their length.
TimePoint report_period_start(int64_t minute, std::chrono::seconds period) {
  const int64_t seconds = minute * 60;
  const int64_t length = std::max<int64_t>(60, period.count());
  return TimePoint(std::chrono::seconds(seconds - seconds % length));
}

// Per-period values of one contributor, and its datapoints.
struct ContributorAccumulation {
  std::map<TimePoint, double> by_period;
  double sum = 0;
};

}  // namespace

void ContributorSeries::add(const ContributorKeys& keys, double value, TimePoint now) {
  const int64_t minute = minute_of(now);
  Minute& bucket = minutes_[minute];
  if (bucket.samples == 0) {
    bucket.minimum = bucket.maximum = value;
  } else {
    bucket.minimum = std::min(bucket.minimum, value);
    bucket.maximum = std::max(bucket.maximum, value);
  }
  bucket.total += value;
  bucket.samples += 1;
  if (auto it = bucket.values.find(keys); it != bucket.values.end()) {
    it->second += value;
  } else if (bucket.values.size() < kMaxContributorsPerMinute) {
    bucket.values.emplace(keys, value);
  }
  const int64_t oldest = minute - std::chrono::duration_cast<std::chrono::minutes>(kRetention).count();
  minutes_.erase(minutes_.begin(), minutes_.lower_bound(oldest));
}

ContributorReport ContributorSeries::report(const ContributorQuery& query) const {
  ContributorReport out;
  std::map<ContributorKeys, ContributorAccumulation> contributors;
  std::map<TimePoint, ContributorPeriod> periods;
  std::map<TimePoint, std::map<ContributorKeys, double>> period_values;
  for (auto it = minutes_.lower_bound(minute_of(query.start)); it != minutes_.end(); ++it) {
    if (minute_start(it->first) >= query.end) break;
    if (minute_start(it->first) < query.start) continue;
    const Minute& bucket = it->second;
    const TimePoint at = report_period_start(it->first, query.period);
    ContributorPeriod& p = periods[at];
    const bool first = p.sample_count == 0;
    p.timestamp = at;
    p.minimum = first ? bucket.minimum : std::min(p.minimum, bucket.minimum);
    p.maximum = first ? bucket.maximum : std::max(p.maximum, bucket.maximum);
    p.sample_count += bucket.samples;
    p.sum += bucket.total;
    out.aggregate_value += bucket.total;
    for (const auto& [keys, value] : bucket.values) {
      ContributorAccumulation& c = contributors[keys];
      c.by_period[at] += value;
      c.sum += value;
      period_values[at][keys] += value;
    }
  }
  for (auto& [at, values] : period_values) {
    ContributorPeriod& p = periods[at];
    p.unique_contributors = static_cast<double>(values.size());
    for (const auto& entry : values) p.max_contributor_value = std::max(p.max_contributor_value, entry.second);
  }
  out.approximate_unique_count = static_cast<long long>(contributors.size());
  for (auto& [keys, c] : contributors) {
    ReportedContributor r{keys, c.sum, {}};
    double largest = 0;
    for (const auto& [at, value] : c.by_period) {
      r.datapoints.push_back({at, value});
      largest = std::max(largest, value);
    }
    if (query.order_by_maximum) r.aggregate = largest;
    out.contributors.push_back(std::move(r));
  }
  // Largest first; equal values in key order, so that reports are deterministic.
  std::stable_sort(out.contributors.begin(), out.contributors.end(),
                   [](const ReportedContributor& a, const ReportedContributor& b) { return a.aggregate > b.aggregate; });
  if (out.contributors.size() > query.max_contributors) out.contributors.resize(query.max_contributors);
  for (auto& entry : periods) out.periods.push_back(entry.second);
  return out;
}

}  // namespace chokepoint
