#pragma once
// An application's own retries of one call, for the retry report.
//
// An SDK retries a call under one invocation id. An application that retries around the SDK (tenacity, a loop
// with a sleep) makes a new SDK call each time, with a new id, so the SDK-level report sees separate calls. Such
// calls are recognised by what they send: the same client, operation and request body (`CallKey`), each starting
// within `window` of the previous invocation's last answer, after that invocation failed. Together they are one
// logical call, made of as many invocations as the application tried.
//
// Bounded: at most `capacity` logical calls are open (their last invocation failed) at once; beyond that an
// arbitrary open one is counted as finished. Thread-safe: open calls live in shards, one mutex each.
#include <array>
#include <cstdint>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "common/clock.hpp"

namespace chokepoint {

struct CallKey {
  uint32_t client = 0;  // the retry report's client index
  uint64_t hash = 0;    // of the service, operation and request body
};

// What one client's logical calls add up to.
struct LogicalCallTotals {
  static constexpr int kMaxInvocations = 32;  // more are counted in the last histogram bucket
  uint64_t calls = 0;
  // [n-1]: logical calls the application made n invocations for (n-1 application-level retries).
  std::array<uint64_t, kMaxInvocations> invocations{};
  void add(int invocations_made);
  void merge(const LogicalCallTotals& other);
};

class LogicalCalls {
 public:
  LogicalCalls(Duration window, size_t capacity);

  // One request. `starts_invocation`: its invocation id was not seen before. `answered`: when its answer went
  // out. `ok`: it succeeded (which ends the logical call).
  void on_request(const CallKey& key, bool starts_invocation, TimePoint arrived, TimePoint answered, bool ok);

  // Per client index (up to `clients`): finished logical calls, and the open ones as they stand.
  std::vector<LogicalCallTotals> collect(size_t clients) const;
  void clear();

 private:
  struct Open {
    uint32_t client = 0;
    int invocations = 0;
    TimePoint last_answered;
    bool last_ok = false;
  };
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<uint64_t, Open> open;
    std::unordered_map<uint32_t, LogicalCallTotals> totals;
  };
  static constexpr size_t kShards = 16;

  void close(Shard& shard, std::unordered_map<uint64_t, Open>::iterator it);

  Duration window_;
  size_t per_shard_capacity_;
  std::array<Shard, kShards> shards_;
};

// CallKey::hash for a call: its service, operation and a digest of its request body.
uint64_t call_key_hash(std::string_view service, std::string_view operation, uint64_t body_digest);

}  // namespace chokepoint
