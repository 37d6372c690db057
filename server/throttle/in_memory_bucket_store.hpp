#pragma once
// The default BucketStore: hash maps split into shards, one mutex each, so concurrent requests for
// different buckets rarely contend. Buckets idle long enough to be full again are dropped by evict_idle().
#include <array>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "throttle/bucket_store.hpp"
#include "throttle/token_bucket.hpp"

namespace chokepoint {

class InMemoryBucketStore final : public BucketStore {
 public:
  bool try_take(const BucketKey& key, const BucketLimit& limit, TimePoint now, double n) override;
  void charge(const BucketKey& key, const BucketLimit& limit, TimePoint now, double n) override;
  double level(const BucketKey& key, const BucketLimit& limit, TimePoint now) override;
  void resize(const BucketKey& key, const BucketLimit& limit, TimePoint now) override;
  std::vector<BucketSnapshot> snapshot(const BucketFilter& filter, TimePoint now) override;
  void fill_all() override;
  size_t evict_idle(TimePoint now, Duration idle) override;
  size_t size() override;

 private:
  static constexpr size_t kShards = 64;
  // Lookups by string_view: a request builds its key on the stack and allocates only for a new bucket.
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
  };
  struct Shard {
    std::mutex mutex;
    std::unordered_map<std::string, TokenBucket, KeyHash, std::equal_to<>> buckets;
  };

  // Runs `fn` on the bucket for `key`, creating it or applying a new limit first, under the shard lock.
  template <typename Fn>
  auto with_bucket(const BucketKey& key, const BucketLimit& limit, TimePoint now, Fn&& fn);

  std::array<Shard, kShards> shards_;
};

}  // namespace chokepoint
