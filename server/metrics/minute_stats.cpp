#include "metrics/minute_stats.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

namespace chokepoint {

void MinuteStats::add(const MetricValue& value, bool keep_samples) {
  if (value.sample_count <= 0) return;
  if (count_ <= 0) {
    min_ = value.minimum;
    max_ = value.maximum;
  } else {
    min_ = std::min(min_, value.minimum);
    max_ = std::max(max_, value.maximum);
  }
  count_ += value.sample_count;
  sum_ += value.sum;
  const bool single_valued = value.minimum == value.maximum;
  if (!keep_samples || !single_valued) {
    percentiles_ok_ = false;
    samples_.clear();
    return;
  }
  if (!percentiles_ok_) return;
  // Samples stay sorted by value; an equal value only adds weight.
  const auto it = std::lower_bound(samples_.begin(), samples_.end(), std::make_pair(value.minimum, 0.0));
  if (it != samples_.end() && it->first == value.minimum) {
    it->second += value.sample_count;
  } else {
    samples_.emplace(it, value.minimum, value.sample_count);
    if (samples_.size() > kMaxSamples) compact();
  }
}

void MinuteStats::merge(const MinuteStats& other) {
  if (other.empty()) return;
  if (empty()) {
    *this = other;
    return;
  }
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  count_ += other.count_;
  sum_ += other.sum_;
  percentiles_ok_ = percentiles_ok_ && other.percentiles_ok_;
  if (!percentiles_ok_) {
    samples_.clear();
    return;
  }
  // Merged stats (a period's) are read once: kept whole, not compacted.
  const auto middle = samples_.insert(samples_.end(), other.samples_.begin(), other.samples_.end());
  std::inplace_merge(samples_.begin(), middle, samples_.end());
}

// Merges close neighbours into their weighted means (a streaming histogram): dense regions lose detail first,
// so the distribution keeps its shape while memory stays bounded. A quarter of the samples go in one linear pass
// rather than one pair per new value, since latencies are all distinct and every add would otherwise compact.
void MinuteStats::compact() {
  const size_t wanted_merges = samples_.size() - kMaxSamples * 3 / 4;
  std::vector<double> gaps(samples_.size() - 1);
  for (size_t i = 0; i + 1 < samples_.size(); ++i) gaps[i] = samples_[i + 1].first - samples_[i].first;
  std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(wanted_merges - 1), gaps.end());
  const double threshold = gaps[wanted_merges - 1];

  size_t kept = 0, merges = 0;
  for (size_t i = 0; i < samples_.size(); ++i) {
    auto [value, weight] = samples_[i];
    if (merges < wanted_merges && i + 1 < samples_.size() && samples_[i + 1].first - value <= threshold) {
      const auto [next, next_weight] = samples_[++i];
      value = (value * weight + next * next_weight) / (weight + next_weight);
      weight += next_weight;
      ++merges;
    }
    samples_[kept++] = {value, weight};
  }
  samples_.resize(kept);
}

std::optional<double> MinuteStats::percentile(double p) const {
  if (!percentiles_ok_ || samples_.empty()) return std::nullopt;
  double total = 0;
  for (const auto& s : samples_) total += s.second;
  // Nearest rank: the smallest value whose cumulative weight reaches p% of the total.
  const double rank = p / 100.0 * total;
  double seen = 0;
  for (const auto& [value, weight] : samples_) {
    seen += weight;
    if (seen >= rank - 1e-9) return value;
  }
  return samples_.back().first;
}

std::optional<Statistic> Statistic::parse_extended(std::string_view name) {
  if (name.size() < 2 || name[0] != 'p') return std::nullopt;
  const std::string number(name.substr(1));
  // p99, p99.9, p99.99: digits, at most one dot, at most two decimals.
  const auto dot = number.find('.');
  if (number.find_first_not_of("0123456789.") != std::string::npos || number.front() == '.' || number.back() == '.' ||
      (dot != std::string::npos && (number.find('.', dot + 1) != std::string::npos || number.size() - dot - 1 > 2))) {
    return std::nullopt;
  }
  const double p = std::strtod(number.c_str(), nullptr);
  if (p < 0 || p > 100) return std::nullopt;
  return Statistic{Kind::kPercentile, p};
}

std::optional<Statistic> Statistic::parse(std::string_view name) {
  if (name == "SampleCount") return Statistic{Kind::kSampleCount, 0};
  if (name == "Average") return Statistic{Kind::kAverage, 0};
  if (name == "Sum") return Statistic{Kind::kSum, 0};
  if (name == "Minimum") return Statistic{Kind::kMinimum, 0};
  if (name == "Maximum") return Statistic{Kind::kMaximum, 0};
  return parse_extended(name);
}

std::optional<double> Statistic::of(const MinuteStats& stats) const {
  if (stats.empty()) return std::nullopt;
  switch (kind) {
    case Kind::kSampleCount:
      return stats.sample_count();
    case Kind::kAverage:
      return stats.average();
    case Kind::kSum:
      return stats.sum();
    case Kind::kMinimum:
      return stats.minimum();
    case Kind::kMaximum:
      return stats.maximum();
    case Kind::kPercentile:
      return stats.percentile(percentile);
  }
  return std::nullopt;
}

}  // namespace chokepoint
