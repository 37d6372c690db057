#include "metrics/logical_calls.hpp"

#include <algorithm>
#include <functional>
#include <string_view>

namespace chokepoint {

namespace {

// One 64-bit key per (client, call); a collision would merge two calls' counts, at odds of one in 2^64.
uint64_t open_call_key(const CallKey& key) {
  return key.hash ^ (static_cast<uint64_t>(key.client) * 0x9E3779B97F4A7C15ull);
}

}  // namespace

void LogicalCallTotals::add(int invocations_made) {
  ++calls;
  ++invocations[static_cast<size_t>(std::clamp(invocations_made, 1, kMaxInvocations) - 1)];
}

void LogicalCallTotals::merge(const LogicalCallTotals& other) {
  calls += other.calls;
  for (size_t i = 0; i < invocations.size(); ++i) invocations[i] += other.invocations[i];
}

uint64_t call_key_hash(std::string_view service, std::string_view operation, uint64_t body_digest) {
  const std::hash<std::string_view> hash;
  uint64_t h = hash(service);
  h = h * 31 + hash(operation);
  return h * 31 + body_digest;
}

LogicalCalls::LogicalCalls(Duration window, size_t capacity)
    : window_(window), per_shard_capacity_(std::max<size_t>(1, capacity / kShards)) {}

void LogicalCalls::on_request(const CallKey& key, bool starts_invocation, TimePoint arrived, TimePoint answered,
                              bool ok) {
  const uint64_t id = open_call_key(key);
  Shard& shard = shards_[id % kShards];
  std::lock_guard lock(shard.mutex);
  auto it = shard.open.find(id);
  if (starts_invocation) {
    const bool retried = it != shard.open.end() && !it->second.last_ok && arrived - it->second.last_answered <= window_;
    if (it != shard.open.end() && !retried) {
      close(shard, it);
      it = shard.open.end();
    }
    if (it == shard.open.end()) {
      if (ok) {
        // A call that succeeded at once: nothing can follow it, so it goes straight into the totals (the common
        // case, kept free of map insertions).
        shard.totals[key.client].add(1);
        return;
      }
      if (shard.open.size() >= per_shard_capacity_) close(shard, shard.open.begin());
      it = shard.open.emplace(id, Open{key.client, 0, answered, false}).first;
    }
    ++it->second.invocations;
  } else if (it == shard.open.end()) {
    return;  // a later attempt of an invocation whose call was already counted
  }
  it->second.last_answered = answered;
  it->second.last_ok = ok;
  if (ok) close(shard, it);
}

void LogicalCalls::close(Shard& shard, std::unordered_map<uint64_t, Open>::iterator it) {
  shard.totals[it->second.client].add(it->second.invocations);
  shard.open.erase(it);
}

std::vector<LogicalCallTotals> LogicalCalls::collect(size_t clients) const {
  std::vector<LogicalCallTotals> out(clients);
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    for (const auto& [client, totals] : shard.totals) {
      if (client < clients) out[client].merge(totals);
    }
    for (const auto& [id, call] : shard.open) {
      if (call.client < clients) out[call.client].add(call.invocations);
    }
  }
  return out;
}

void LogicalCalls::clear() {
  for (auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    shard.open.clear();
    shard.totals.clear();
  }
}

}  // namespace chokepoint
