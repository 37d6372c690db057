#pragma once
// Where fault rules get their randomness (probability, latency ranges). Injected, so that tests can seed it.
// Not thread-safe: the fault store calls it under its own lock.
#include <cstdint>
#include <random>

namespace chokepoint {

class RandomSource {
 public:
  virtual ~RandomSource() = default;
  virtual double next_unit() = 0;  // uniform in [0, 1)
};

class SeededRandom final : public RandomSource {
 public:
  explicit SeededRandom(uint64_t seed) : engine_(seed) {}
  double next_unit() override { return std::uniform_real_distribution<double>(0.0, 1.0)(engine_); }

 private:
  std::mt19937_64 engine_;
};

}  // namespace chokepoint
