#pragma once
// A fixed-bucket latency histogram with atomic counts: observe() is a few relaxed atomic adds, no lock.
// Buckets (seconds) span 100 µs to 10 s, enough for the emulator's own time and injected latencies.
#include <array>
#include <atomic>
#include <cstdint>

namespace chokepoint {

class LatencyHistogram {
 public:
  static constexpr std::array<double, 16> kBounds = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                     0.05,   0.1,     0.25,   0.5,   1,      2.5,   5,    10};

  void observe(double seconds);

  // A consistent-enough copy for exposition (counts are read one by one).
  struct Snapshot {
    std::array<uint64_t, kBounds.size()> buckets{};  // per bucket, not cumulative
    uint64_t count = 0;
    double sum_seconds = 0;
    void add(const Snapshot& other);
  };
  Snapshot snapshot() const;

 private:
  std::array<std::atomic<uint64_t>, kBounds.size()> buckets_{};
  std::atomic<uint64_t> count_{0};
  std::atomic<uint64_t> sum_ns_{0};
};

}  // namespace chokepoint
