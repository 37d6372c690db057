#include "throttle/fault_sampler.hpp"

#include <cmath>

namespace chokepoint {

bool ProbabilitySampler::sample(RandomSource& random) {
  if (probability_ >= 1) return true;
  if (probability_ <= 0) return false;
  if (slots_left_ == 0) {
    const double expected = probability_ * kBlock;
    const double whole = std::floor(expected);
    hits_left_ = static_cast<int>(whole) + (random.next_unit() < expected - whole ? 1 : 0);
    slots_left_ = kBlock;
  }
  // Drawing without replacement: hits_left_ of the slots_left_ remaining slots are hits.
  const bool hit = random.next_unit() * slots_left_ < hits_left_;
  --slots_left_;
  if (hit) --hits_left_;
  return hit;
}

}  // namespace chokepoint
