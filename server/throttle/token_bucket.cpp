#include "throttle/token_bucket.hpp"

#include <algorithm>
#include <limits>

namespace chokepoint {

TokenBucket::TokenBucket(BucketLimit limit, TimePoint now) : limit_(limit), tokens_(limit.burst), last_(now) {}

void TokenBucket::refill(TimePoint now) {
  // A clock that steps backwards adds nothing and does not move `last_` back, so the same interval
  // is never credited twice.
  if (now <= last_) return;
  tokens_ = level_at(now);
  last_ = now;
}

double TokenBucket::level_at(TimePoint now) const {
  if (now <= last_) return tokens_;
  const double elapsed = std::chrono::duration<double>(now - last_).count();
  return std::min(limit_.burst, tokens_ + elapsed * limit_.rate_per_sec);
}

bool TokenBucket::try_take(TimePoint now, double n) {
  refill(now);
  if (tokens_ < n) return false;
  tokens_ -= n;
  return true;
}

void TokenBucket::charge(TimePoint now, double n) {
  refill(now);
  tokens_ -= n;
}

void TokenBucket::refund(TimePoint now, double n) {
  refill(now);
  tokens_ = std::min(limit_.burst, tokens_ + n);
}

double TokenBucket::level(TimePoint now) {
  refill(now);
  return tokens_;
}

double TokenBucket::seconds_until(TimePoint now, double n) {
  refill(now);
  if (tokens_ >= n) return 0;
  if (n > limit_.burst || limit_.rate_per_sec <= 0) return std::numeric_limits<double>::infinity();
  return (n - tokens_) / limit_.rate_per_sec;
}

void TokenBucket::set_limit(BucketLimit limit, TimePoint now) {
  refill(now);
  limit_ = limit;
  tokens_ = std::min(tokens_, limit_.burst);
}

void TokenBucket::resize(BucketLimit limit, TimePoint now) {
  refill(now);
  const double growth = std::max(limit.burst - limit_.burst, 0.0);
  limit_ = limit;
  tokens_ = std::min(tokens_ + growth, limit_.burst);
}

void TokenBucket::fill() { tokens_ = limit_.burst; }

}  // namespace chokepoint
