#include "metrics/backoff_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace chokepoint {

namespace {

constexpr size_t kMinSamples = 3;
constexpr double kFixedSpread = 0.10;
constexpr double kJitterSpread = 0.25;
constexpr double kNoiseFloorMs = 2.0;

// How much a set of waits varies: (p90 - p10) against the median. nullopt for too few values.
struct Spread {
  double median = 0;
  double width = 0;  // p90 - p10
  bool fixed() const { return width <= std::max(kFixedSpread * median, kNoiseFloorMs); }
  bool varies() const { return width >= std::max(kJitterSpread * median, 2.5 * kNoiseFloorMs); }
};

Spread spread_of(const std::vector<double>& values) {
  return Spread{percentile_of(values, 50), percentile_of(values, 90) - percentile_of(values, 10)};
}

std::string format_ms(double ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, ms >= 100 ? "%.0f ms" : "%.1f ms", ms);
  return buf;
}

BackoffAnalysis fixed(std::string schedule, double base_ms, std::string summary) {
  return BackoffAnalysis{JitterVerdict::kNotJittered, std::move(schedule), base_ms, std::move(summary)};
}

// Per attempt, the waits of attempts seen at least kMinSamples times.
std::map<int, std::vector<double>> by_attempt(const std::vector<WaitSample>& waits) {
  std::map<int, std::vector<double>> out;
  for (const auto& w : waits) out[w.attempt].push_back(w.ms);
  return out;
}

}  // namespace

const char* jitter_verdict_name(JitterVerdict verdict) {
  switch (verdict) {
    case JitterVerdict::kInsufficientData:
      return "insufficient data";
    case JitterVerdict::kNotJittered:
      return "not jittered";
    case JitterVerdict::kJittered:
      return "jittered";
    case JitterVerdict::kUnclear:
      return "unclear";
  }
  return "unclear";
}

double percentile_of(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const double rank = std::ceil(p / 100.0 * static_cast<double>(values.size()));
  const size_t index = rank < 1 ? 0 : std::min(values.size() - 1, static_cast<size_t>(rank) - 1);
  return values[index];
}

std::vector<WaitPercentiles> wait_percentiles(const std::vector<WaitSample>& waits) {
  std::vector<WaitPercentiles> out;
  for (const auto& [attempt, values] : by_attempt(waits)) {
    double sum = 0;
    for (double v : values) sum += v;
    out.push_back(WaitPercentiles{attempt, values.size(), percentile_of(values, 50), percentile_of(values, 90),
                                  *std::max_element(values.begin(), values.end()),
                                  sum / static_cast<double>(values.size())});
  }
  return out;
}

BackoffAnalysis analyse_backoff(const std::vector<WaitSample>& waits) {
  if (waits.size() < kMinSamples) {
    return BackoffAnalysis{JitterVerdict::kInsufficientData, "", 0, "fewer than 3 retries seen"};
  }
  const auto attempts = by_attempt(waits);
  std::vector<double> raw, normalised;
  for (const auto& w : waits) {
    raw.push_back(w.ms);
    normalised.push_back(w.ms / std::ldexp(1.0, std::clamp(w.attempt, 1, 60) - 1));
  }
  const Spread exponential = spread_of(normalised), constant = spread_of(raw);
  if (attempts.size() >= 2 && exponential.fixed()) {
    return fixed("exponential", exponential.median,
                 "waits are " + format_ms(exponential.median) + " x 2^(attempt-1) with no jitter");
  }
  if (constant.fixed()) return fixed("constant", constant.median, "every wait is " + format_ms(constant.median));
  bool any_measured = false, all_fixed = true, any_varies = false;
  for (const auto& [attempt, values] : attempts) {
    if (values.size() < kMinSamples) continue;
    const Spread s = spread_of(values);
    any_measured = true;
    all_fixed = all_fixed && s.fixed();
    any_varies = any_varies || s.varies();
  }
  if (any_measured && all_fixed) return fixed("fixed per attempt", 0, "each attempt's wait is fixed, with no jitter");
  if (any_varies || (exponential.varies() && constant.varies())) {
    return BackoffAnalysis{JitterVerdict::kJittered, "", 0, "waits vary beyond any fixed schedule: jittered"};
  }
  return BackoffAnalysis{JitterVerdict::kUnclear, "", 0, "waits vary a little; not enough to tell"};
}

}  // namespace chokepoint
