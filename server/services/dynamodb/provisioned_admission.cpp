// Provisioned mode: the table's (or index's) provisioned bucket with its burst, then the partition's hard
// per-second maximum, then — only without adaptive capacity — the partition's own share of the provisioned
// rate. With adaptive capacity a hot partition draws on the table's unused capacity instead of its share.
#include "services/dynamodb/capacity_buckets.hpp"

namespace chokepoint {

std::optional<LimitType> check_provisioned(DirectionState& d, PartitionState& p, int direction, double units,
                                           double partition_cost, bool adaptive, TimePoint now) {
  if (!bucket_has(d.provisioned, units, now)) return LimitType::kProvisionedThroughput;
  if (!bucket_has(p.hard, partition_cost, now)) return LimitType::kKeyRange;
  if (!adaptive && !bucket_has(p.share[direction], units, now)) return LimitType::kKeyRange;
  return std::nullopt;
}

void apply_provisioned(DirectionState& d, PartitionState& p, int direction, double units, double partition_cost,
                       bool adaptive, TimePoint now) {
  bucket_adjust(d.provisioned, units, now);
  bucket_adjust(p.hard, partition_cost, now);
  TokenBucket& share = p.share[direction];
  bucket_adjust(share, units, now);
  // With adaptive capacity what a partition spends beyond its share is borrowed from the table, not owed by
  // the partition: its own burst bottoms out at zero.
  if (adaptive) {
    const double level = share.level(now);
    if (level < 0) share.refund(now, -level);
  }
}

}  // namespace chokepoint
