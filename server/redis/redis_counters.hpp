#pragma once
// What the shared store's connections count, for health and /metrics: commands, failures, reply latency, and
// calls decided without the store by the failure policy. Atomic: every I/O thread adds to them.
#include <atomic>
#include <cstdint>

#include "metrics/latency_histogram.hpp"

namespace chokepoint {

enum class RedisState : int { kConnecting, kUp, kDown };

inline const char* redis_state_name(RedisState state) {
  switch (state) {
    case RedisState::kConnecting:
      return "connecting";
    case RedisState::kUp:
      return "up";
    case RedisState::kDown:
      return "down";
  }
  return "down";
}

struct RedisCounters {
  std::atomic<uint64_t> commands{0};                // sent
  std::atomic<uint64_t> errors{0};                  // answered with an error, or not answered at all
  std::atomic<uint64_t> reconnects{0};              // connections made again after one was lost
  std::atomic<uint64_t> admitted_without_store{0};  // failure policy admit
  std::atomic<uint64_t> rejected_without_store{0};  // failure policy reject
  LatencyHistogram latency;                         // from sending a command to its reply
};

}  // namespace chokepoint
