#include "throttle/in_memory_bucket_store.hpp"

#include "common/strings.hpp"

namespace chokepoint {

namespace {
constexpr char kSep = '\x1f';  // cannot appear in account ids, regions, service or bucket names

std::string flat_key(const BucketKey& k) {
  std::string s;
  s.reserve(k.account.size() + k.region.size() + k.service.size() + k.bucket.size() + 3);
  s.append(k.account).push_back(kSep);
  s.append(k.region).push_back(kSep);
  s.append(k.service).push_back(kSep);
  s.append(k.bucket);
  return s;
}

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
  std::string flat = flat_key(key);
  Shard& shard = shards_[std::hash<std::string>{}(flat) % kShards];
  std::lock_guard lock(shard.mutex);
  auto it = shard.buckets.find(flat);
  if (it == shard.buckets.end()) {
    it = shard.buckets.emplace(std::move(flat), TokenBucket(limit, now)).first;
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
      out.push_back(BucketSnapshot{std::move(key), bucket.limit(), bucket.level(now)});
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
      if (now - bucket.last_update() >= idle && bucket.level(now) >= bucket.limit().burst) {
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
