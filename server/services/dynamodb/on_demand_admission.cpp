// On-demand mode: the table's (or index's) configured maximum (OnDemandThroughput), the per-table quota,
// what the table sustains at once (twice its previous peak), then the partition's hard per-second maximum.
// Each bucket is one second deep, so a table under every limit pays a handful of comparisons.
#include "services/dynamodb/capacity_buckets.hpp"

namespace chokepoint {

std::optional<LimitType> check_on_demand(DirectionState& d, PartitionState& p, double units, double partition_cost,
                                         TimePoint now) {
  if (d.has_maximum && !bucket_has(d.maximum, units, now)) return LimitType::kMaxOnDemand;
  if (!bucket_has(d.quota, units, now)) return LimitType::kAccountLimit;
  if (!bucket_has(d.instant, units, now)) return LimitType::kKeyRange;
  if (!bucket_has(p.hard, partition_cost, now)) return LimitType::kKeyRange;
  return std::nullopt;
}

void apply_on_demand(DirectionState& d, PartitionState& p, double units, double partition_cost, TimePoint now) {
  if (d.has_maximum) bucket_adjust(d.maximum, units, now);
  bucket_adjust(d.quota, units, now);
  bucket_adjust(d.instant, units, now);
  bucket_adjust(p.hard, partition_cost, now);
}

}  // namespace chokepoint
