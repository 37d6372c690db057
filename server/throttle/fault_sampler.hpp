#pragma once
// Decides which matching requests a rule with a probability applies to. Stratified rather than independent
// draws: every block of 100 consecutive matches gets exactly round(100 p) hits (the rounding itself random),
// at random places within the block. Each request still has probability p, but the observed share stays
// within one hit per block of p, so "30 % of calls fail" holds after 100 calls, not just on average.
// Not thread-safe: owned by one rule, used under the store's lock.
#include "throttle/fault_random.hpp"

namespace chokepoint {

class ProbabilitySampler {
 public:
  explicit ProbabilitySampler(double probability) : probability_(probability) {}

  bool sample(RandomSource& random);
  void reset() { slots_left_ = hits_left_ = 0; }

  static constexpr int kBlock = 100;

 private:
  double probability_;
  int slots_left_ = 0;  // requests left in the current block
  int hits_left_ = 0;   // hits still to place in it
};

}  // namespace chokepoint
