#pragma once
// What a CloudWatch Contributor Insights rule has counted: a value per contributor (a tuple of key strings) in
// one-minute buckets on the emulated clock, and the report GetInsightRuleReport builds from them.
// Memory is bounded: a bucket keeps at most kMaxContributorsPerMinute distinct contributors (observations of
// later ones still count in the bucket's totals, but not as contributors), and buckets older than kRetention
// are dropped as new ones arrive. Not thread-safe: the owner locks it.
#include <chrono>
#include <cstdint>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "common/clock.hpp"

namespace chokepoint {

using ContributorKeys = std::vector<std::string>;

struct ContributorDatapoint {
  TimePoint timestamp{};
  double value = 0;
};

struct ReportedContributor {
  ContributorKeys keys;
  double aggregate = 0;  // the sum over the report's range, or the largest datapoint when ordered by Maximum
  std::vector<ContributorDatapoint> datapoints;
};

// One period of the report's time series (GetInsightRuleReport's MetricDatapoints).
struct ContributorPeriod {
  TimePoint timestamp{};
  double unique_contributors = 0;
  double max_contributor_value = 0;
  double sample_count = 0;
  double sum = 0;
  double minimum = 0;
  double maximum = 0;
};

struct ContributorReport {
  double aggregate_value = 0;
  long long approximate_unique_count = 0;
  std::vector<ReportedContributor> contributors;  // best first, at most the requested count
  std::vector<ContributorPeriod> periods;         // periods with data, in time order
};

struct ContributorQuery {
  TimePoint start{};
  TimePoint end{};
  std::chrono::seconds period{60};
  std::size_t max_contributors = 10;
  bool order_by_maximum = false;  // OrderBy "Maximum" rather than "Sum"
};

class ContributorSeries {
 public:
  static constexpr std::size_t kMaxContributorsPerMinute = 1000;
  static constexpr std::chrono::hours kRetention{24};

  // Counts one observation of `value` for the contributor at `now`.
  void add(const ContributorKeys& keys, double value, TimePoint now);
  ContributorReport report(const ContributorQuery& query) const;
  bool empty() const { return minutes_.empty(); }

 private:
  struct Minute {
    std::map<ContributorKeys, double> values;  // capped at kMaxContributorsPerMinute
    double total = 0;
    double samples = 0;
    double minimum = 0;  // the smallest and largest single observation
    double maximum = 0;
  };
  std::map<int64_t, Minute> minutes_;  // by minute since the epoch (minute_of)
};

}  // namespace chokepoint
