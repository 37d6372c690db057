#pragma once
// Reads a client's backoff from the waits it left between attempts: percentiles per attempt, and whether the
// waits follow a fixed schedule (no jitter: botocore's legacy DynamoDB backoff is exactly 50 ms x 2^n) or
// vary (jitter: botocore's legacy backoff for other services is rand() x 2^n s, standard and adaptive modes
// rand() x min(2^n, 20) s). Pure functions.
#include <string>
#include <vector>

namespace chokepoint {

// One wait: after attempt `attempt` (1-based) failed, until the next attempt arrived.
struct WaitSample {
  int attempt = 1;
  double ms = 0;
};

struct WaitPercentiles {
  int attempt = 1;
  size_t count = 0;
  double p50_ms = 0, p90_ms = 0, max_ms = 0, mean_ms = 0;
};

enum class JitterVerdict { kInsufficientData, kNotJittered, kJittered, kUnclear };

struct BackoffAnalysis {
  JitterVerdict verdict = JitterVerdict::kInsufficientData;
  // For kNotJittered: "exponential" (waits = base x 2^(attempt-1)), "constant", or "fixed per attempt".
  std::string schedule;
  double base_ms = 0;   // the exponential base or the constant wait
  std::string summary;  // one readable sentence
};

const char* jitter_verdict_name(JitterVerdict verdict);  // "insufficient data", "not jittered", ...

// Percentiles of the waits after each attempt, by attempt.
std::vector<WaitPercentiles> wait_percentiles(const std::vector<WaitSample>& waits);

// Needs at least 3 waits. A schedule is "fixed" when the waits spread (p90 - p10) by at most 10 % of their
// median (2 ms at least, for timer and network noise); "jittered" when they spread by 25 % or more.
BackoffAnalysis analyse_backoff(const std::vector<WaitSample>& waits);

// The p-th percentile (0..100, nearest rank) of values; 0 for none. Sorts a copy.
double percentile_of(std::vector<double> values, double p);

}  // namespace chokepoint
