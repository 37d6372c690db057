#pragma once
// The bucket store that replicas share through Redis (throttling.store: redis://HOST:PORT[/DB]).
//
// Shared (stage 1): the API rate buckets of every service, emulated or forwarded, which the dispatcher takes from
// asynchronously (take_async). Each take runs one Lua script in Redis, atomically: refill from Redis's own clock
// (TIME), so replicas with skewed clocks agree, then take. A bucket is a hash under "chokepoint:bucket:ACCOUNT:
// REGION:SERVICE:BUCKET" {tokens, us}; its size comes with each take, so a changed limit keeps the level, and it
// expires once idle long enough to be full again. A frozen or sped-up emulated clock is not shared: the buckets
// run on Redis's time.
// Per replica (stage 1): everything the synchronous methods serve (EC2 resource tokens, DynamoDB capacity, bucket
// levels shown by the control API and /metrics, quota resizes, internal calls), kept by `local`.
//
// One connection per I/O loop: a take goes out on the caller's loop and its answer comes back there. When Redis
// cannot answer, the failure policy decides (admit: taken, counted, logged at most every few seconds; reject:
// refused, so the caller gets the service's throttling error).
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "config/bucket_store_settings.hpp"
#include "metrics/prometheus_text.hpp"
#include "redis/redis_connection.hpp"
#include "redis/redis_counters.hpp"
#include "throttle/bucket_store.hpp"

namespace chokepoint {

class RedisBucketStore final : public BucketStore {
 public:
  // `loops`: one connection each. `local`: what the synchronous methods use.
  RedisBucketStore(const std::vector<boost::asio::io_context*>& loops, const BucketStoreSettings& settings,
                   BucketStore& local, std::shared_ptr<spdlog::logger> logger,
                   std::chrono::milliseconds reply_timeout = std::chrono::milliseconds(1000));
  // Connects every loop's connection; the loops run them.
  void start();

  bool remote() const override { return true; }
  void take_async(const BucketKey& key, const BucketLimit& limit, TimePoint now, double n, TakeDone done) override;

  bool try_take(const BucketKey& key, const BucketLimit& limit, TimePoint now, double n) override {
    return local_.try_take(key, limit, now, n);
  }
  void charge(const BucketKey& key, const BucketLimit& limit, TimePoint now, double n) override {
    local_.charge(key, limit, now, n);
  }
  double level(const BucketKey& key, const BucketLimit& limit, TimePoint now) override {
    return local_.level(key, limit, now);
  }
  void resize(const BucketKey& key, const BucketLimit& limit, TimePoint now) override {
    local_.resize(key, limit, now);
  }
  std::vector<BucketSnapshot> snapshot(const BucketFilter& filter, TimePoint now) override {
    return local_.snapshot(filter, now);
  }
  void fill_all() override { local_.fill_all(); }
  size_t evict_idle(TimePoint now, Duration idle) override { return local_.evict_idle(now, idle); }
  size_t size() override { return local_.size(); }

  // The worst state of the connections: down if any is down, else connecting if any is, else up.
  RedisState state() const;
  // For the health endpoint: {kind, url, state, failure_policy, ...counts}.
  nlohmann::json health() const;
  // For /metrics: chokepoint_bucket_store_* families.
  void write_metrics(PrometheusText& out) const;

  // The Redis key of a bucket.
  static std::string redis_key(const BucketKey& key);

 private:
  RedisConnection& connection_here();
  void take_on(RedisConnection& connection, std::string key, const BucketLimit& limit, double n, TakeDone done);
  void answer_without_store(TakeDone& done, const char* why);

  const BucketStoreSettings settings_;
  BucketStore& local_;
  std::shared_ptr<spdlog::logger> logger_;
  const std::string script_sha_;  // what EVALSHA calls the token-bucket script by
  RedisCounters counters_;
  std::vector<std::unique_ptr<RedisConnection>> connections_;
  std::atomic<int64_t> last_failure_log_ms_{0};  // steady clock; failures are logged at most every kLogEvery
};

}  // namespace chokepoint
