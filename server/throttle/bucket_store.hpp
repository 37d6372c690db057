#pragma once
// Where bucket state lives, behind a small interface so that a shared store (e.g. on Redis) can let
// several replicas enforce one limit. Keys are (account, region, service, bucket). Thread-safe.
// A remote store answers take_async later, without blocking the calling thread; its synchronous methods may keep
// state in-process (see the store's own header for what it shares).
#include <functional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "config/config.hpp"

namespace chokepoint {

struct BucketKey {
  std::string account;
  std::string region;
  std::string service;
  std::string bucket;
};

struct BucketSnapshot {
  BucketKey key;
  BucketLimit limit;
  double tokens = 0;
};

struct BucketFilter {
  std::string account, region, service;  // empty matches all
  bool matches(const BucketKey& key) const;
};

// The answer of an asynchronous take: whether the tokens were taken. Called exactly once, on any thread.
using TakeDone = std::function<void(bool taken)>;

class BucketStore {
 public:
  virtual ~BucketStore() = default;
  // True: take_async answers later, from a store other replicas share; callers that can wait should use it for
  // the buckets that store shares. False (in-process): try_take answers at once and take_async adds nothing.
  virtual bool remote() const { return false; }
  // try_take, answered through `done`: at once by default, later by a remote store.
  virtual void take_async(const BucketKey& key, const BucketLimit& limit, TimePoint now, double n, TakeDone done) {
    done(try_take(key, limit, now, n));
  }
  // Takes n tokens if available. The bucket is created full with `limit` on first use; a changed limit
  // (after a config reload) is applied keeping the level.
  virtual bool try_take(const BucketKey& key, const BucketLimit& limit, TimePoint now, double n) = 0;
  virtual void charge(const BucketKey& key, const BucketLimit& limit, TimePoint now, double n) = 0;
  virtual double level(const BucketKey& key, const BucketLimit& limit, TimePoint now) = 0;
  // Gives an existing bucket a new size at once, keeping what it has used (TokenBucket::resize); nothing for a
  // bucket not yet created, which starts full at its size on first use anyway.
  virtual void resize(const BucketKey& key, const BucketLimit& limit, TimePoint now) = 0;
  virtual std::vector<BucketSnapshot> snapshot(const BucketFilter& filter, TimePoint now) = 0;
  virtual void fill_all() = 0;
  // Drops buckets untouched for `idle`: they are full by then, so dropping them loses nothing.
  virtual size_t evict_idle(TimePoint now, Duration idle) = 0;
  virtual size_t size() = 0;
};

}  // namespace chokepoint
