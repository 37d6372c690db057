#pragma once
// A token bucket with lazy, continuous refill. Every call takes the current time; nothing reads a clock.
// Tokens may go negative (debt) through charge(): costs that are only known after the work is done
// (DynamoDB item sizes) are charged afterwards, and the debt throttles the next requests.
// Not thread-safe: the owning store serialises access.
#include "common/clock.hpp"
#include "config/config.hpp"

namespace chokepoint {

class TokenBucket {
 public:
  TokenBucket(BucketLimit limit, TimePoint now);  // starts full

  // Takes n tokens if at least n are available (after refill). A rejection consumes nothing.
  bool try_take(TimePoint now, double n);
  // Takes n tokens unconditionally; the level may go below zero.
  void charge(TimePoint now, double n);
  // Returns n tokens (e.g. an admitted request that was later cancelled), up to capacity.
  void refund(TimePoint now, double n);
  double level(TimePoint now);
  // The level at `now` without refilling: reading it (a metrics scrape, an idle sweep) does not count as a use.
  double level_at(TimePoint now) const;
  // Seconds until n tokens are available; 0 when they are now; infinity when n exceeds the capacity.
  double seconds_until(TimePoint now, double n);

  // Applies a new size, keeping the current level (clamped to the new capacity).
  void set_limit(BucketLimit limit, TimePoint now);
  // Applies a new size keeping what has been used: a larger burst adds its growth to the level, so a full bucket
  // is full at the new size (a quota increase takes effect at once); a smaller one clamps the level.
  void resize(BucketLimit limit, TimePoint now);
  void fill();
  const BucketLimit& limit() const { return limit_; }
  // The last take, charge, refund or level() call: when the bucket was last used.
  TimePoint last_update() const { return last_; }

 private:
  void refill(TimePoint now);

  BucketLimit limit_;
  double tokens_;
  TimePoint last_;
};

}  // namespace chokepoint
