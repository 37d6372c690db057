#pragma once
// The statistics of one metric over one minute (or, merged, over one period): sample count, sum, minimum,
// maximum, and a bounded set of weighted samples for percentiles. Not thread-safe (the store locks).
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "metrics/metric_sink.hpp"

namespace chokepoint {

class MinuteStats {
 public:
  // Weighted samples kept per minute for percentiles; beyond this, the closest neighbours are merged, so
  // percentiles become approximate (within the gap between merged neighbours).
  static constexpr size_t kMaxSamples = 128;

  // `keep_samples`: whether this value may feed percentiles (single values and Values/Counts do;
  // pre-aggregated StatisticValues cannot, and mark the minute as such).
  void add(const MetricValue& value, bool keep_samples);
  void merge(const MinuteStats& other);

  double sample_count() const { return count_; }
  double sum() const { return sum_; }
  double minimum() const { return min_; }
  double maximum() const { return max_; }
  double average() const { return count_ > 0 ? sum_ / count_ : 0; }
  bool empty() const { return count_ <= 0; }
  // The p-th percentile (0 < p <= 100) of the samples; empty when samples were not kept for all values.
  std::optional<double> percentile(double p) const;

 private:
  void compact();

  double count_ = 0, sum_ = 0, min_ = 0, max_ = 0;
  bool percentiles_ok_ = true;
  std::vector<std::pair<double, double>> samples_;  // (value, weight), sorted by value
};

// A statistic named as CloudWatch names them: SampleCount, Average, Sum, Minimum, Maximum, or pNN(.NN).
struct Statistic {
  enum class Kind { kSampleCount, kAverage, kSum, kMinimum, kMaximum, kPercentile };
  Kind kind = Kind::kAverage;
  double percentile = 0;  // for kPercentile

  static std::optional<Statistic> parse(std::string_view name);           // the five names and p0.0 .. p100
  static std::optional<Statistic> parse_extended(std::string_view name);  // pNN only
  std::optional<double> of(const MinuteStats& stats) const;
};

}  // namespace chokepoint
