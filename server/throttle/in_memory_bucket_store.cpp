#include "throttle/in_memory_bucket_store.hpp"

#include <algorithm>

#include "common/strings.hpp"

namespace chokepoint {

namespace {
constexpr char kSep = '\x1f';  // cannot appear in account ids, regions, service or bucket names

// The four parts joined by kSep, built on the stack: admission runs on every request, and a bucket key
// (about 60 bytes) is too long for std::string's small-string buffer.
class FlatKey {
 public:
  explicit FlatKey(const BucketKey& k) {
    const size_t size = k.account.size() + k.region.size() + k.service.size() + k.bucket.size() + 3;
    if (size > kInline) heap_.resize(size);
    char* const begin = size <= kInline ? inline_.data() : heap_.data();
    char* out = begin;
    for (const std::string* part : {&k.account, &k.region, &k.service, &k.bucket}) {
      if (part != &k.account) *out++ = kSep;
      out = std::copy(part->begin(), part->end(), out);
    }
    view_ = std::string_view(begin, size);
  }
  FlatKey(const FlatKey&) = delete;  // view_ points into this object
  FlatKey& operator=(const FlatKey&) = delete;
  std::string_view view() const { return view_; }

 private:
  static constexpr size_t kInline = 192;
  std::array<char, kInline> inline_;
  std::string heap_;  // only for keys longer than kInline
  std::string_view view_;
};

BucketKey split_key(const std::string& flat) {
  const auto parts = split(flat, kSep);
  BucketKey k;
  if (parts.size() == 4) {
    k.account = parts[0];
    k.region = parts[1];
    k.service = parts[2];
    k.bucket = parts[3];
  }
  return k;
}
}  // namespace

bool BucketFilter::matches(const BucketKey& key) const {
  return (account.empty() || account == key.account) && (region.empty() || region == key.region) &&
         (service.empty() || service == key.service);
}

template <typename Fn>
auto InMemoryBucketStore::with_bucket(const BucketKey& key, const BucketLimit& limit, TimePoint now, Fn&& fn) {
  const FlatKey flat(key);
  Shard& shard = shards_[KeyHash{}(flat.view()) % kShards];
  std::lock_guard lock(shard.mutex);
  auto it = shard.buckets.find(flat.view());
  if (it == shard.buckets.end()) {
    it = shard.buckets.emplace(std::string(flat.view()), TokenBucket(limit, now)).first;
  } else if (!(it->second.limit() == limit)) {
    it->second.set_limit(limit, now);
  }
  return fn(it->second);
}

bool InMemoryBucketStore::try_take(const BucketKey& key, const BucketLimit& limit, TimePoint now, double n) {
  return with_bucket(key, limit, now, [&](TokenBucket& b) { return b.try_take(now, n); });
}

void InMemoryBucketStore::charge(const BucketKey& key, const BucketLimit& limit, TimePoint now, double n) {
  with_bucket(key, limit, now, [&](TokenBucket& b) { b.charge(now, n); });
}

void InMemoryBucketStore::resize(const BucketKey& key, const BucketLimit& limit, TimePoint now) {
  const FlatKey flat(key);
  Shard& shard = shards_[KeyHash{}(flat.view()) % kShards];
  std::lock_guard lock(shard.mutex);
  const auto it = shard.buckets.find(flat.view());
  if (it != shard.buckets.end()) it->second.resize(limit, now);
}

double InMemoryBucketStore::level(const BucketKey& key, const BucketLimit& limit, TimePoint now) {
  return with_bucket(key, limit, now, [&](TokenBucket& b) { return b.level(now); });
}

std::vector<BucketSnapshot> InMemoryBucketStore::snapshot(const BucketFilter& filter, TimePoint now) {
  std::vector<BucketSnapshot> out;
  for (auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    for (auto& [flat, bucket] : shard.buckets) {
      BucketKey key = split_key(flat);
      if (!filter.matches(key)) continue;
      out.push_back(BucketSnapshot{std::move(key), bucket.limit(), bucket.level_at(now)});
    }
  }
  return out;
}

void InMemoryBucketStore::fill_all() {
  for (auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    for (auto& [_, bucket] : shard.buckets) bucket.fill();
  }
}

size_t InMemoryBucketStore::evict_idle(TimePoint now, Duration idle) {
  size_t evicted = 0;
  for (auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    for (auto it = shard.buckets.begin(); it != shard.buckets.end();) {
      TokenBucket& bucket = it->second;
      if (now - bucket.last_update() >= idle && bucket.level_at(now) >= bucket.limit().burst) {
        it = shard.buckets.erase(it);
        ++evicted;
      } else {
        ++it;
      }
    }
  }
  return evicted;
}

size_t InMemoryBucketStore::size() {
  size_t n = 0;
  for (auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    n += shard.buckets.size();
  }
  return n;
}

}  // namespace chokepoint
