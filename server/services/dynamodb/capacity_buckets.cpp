#include "services/dynamodb/capacity_buckets.hpp"

#include <algorithm>
#include <cmath>

#include "common/time_format.hpp"

namespace chokepoint {

namespace {

constexpr double kEpsilon = 1e-9;
// The hard per-partition bucket counts partition-seconds: one per second, one second deep.
constexpr BucketLimit kHardLimit{1.0, 1.0};

// Unrounded (time_format's epoch_seconds() rounds to the millisecond, as the wire does).
double exact_epoch_seconds(TimePoint now) { return std::chrono::duration<double>(now.time_since_epoch()).count(); }

// A one-second-deep bucket of `rate` units per second.
BucketLimit one_second(double rate) { return BucketLimit{rate, std::max(rate, kEpsilon)}; }

}  // namespace

bool bucket_has(TokenBucket& bucket, double units, TimePoint now) {
  return bucket.level(now) + kEpsilon >= std::min(units, bucket.limit().burst);
}

void bucket_adjust(TokenBucket& bucket, double n, TimePoint now) {
  if (n >= 0) {
    bucket.charge(now, n);
  } else {
    bucket.refund(now, -n);
  }
}

PartitionState::PartitionState(const BucketLimit& read_share, const BucketLimit& write_share, TimePoint now)
    : share{TokenBucket(read_share, now), TokenBucket(write_share, now)}, hard(kHardLimit, now) {}

DirectionState::DirectionState(TimePoint now)
    : provisioned(BucketLimit{1, 1}, now),
      instant(BucketLimit{1, 1}, now),
      quota(BucketLimit{1, 1}, now),
      maximum(BucketLimit{1, 1}, now) {}

ResourceCapacity::ResourceCapacity(std::string name, std::string arn, TimePoint now)
    : name_(std::move(name)), arn_(std::move(arn)), directions_{DirectionState(now), DirectionState(now)} {}

void ResourceCapacity::configure(const ResourceProfile& profile, const CapacityParams& params, TimePoint now) {
  const bool first = !configured_;
  const bool switched = configured_ && !profile_.on_demand && profile.on_demand;
  const bool to_provisioned = configured_ && profile_.on_demand && !profile.on_demand;
  const bool window_changed = !first && params.on_demand_peak_window_seconds != params_.on_demand_peak_window_seconds;
  profile_ = profile;
  params_ = params;
  configured_ = true;
  for (auto& d : directions_) {
    if (first || window_changed) d.sustained.set_window(params_.on_demand_peak_window_seconds);
  }
  if (profile_.on_demand) {
    configure_on_demand(first || switched, now);
  } else {
    configure_provisioned(now);
  }
  // A new table starts with full buckets; so does a switch to provisioned mode (nothing was owed before).
  for (auto& d : directions_) {
    if (first || to_provisioned) d.provisioned.fill();
    if (first) {
      d.instant.fill();
      d.quota.fill();
      d.maximum.fill();
    }
  }
  layout_partitions(now, to_provisioned);
}

void ResourceCapacity::configure_provisioned(TimePoint now) {
  for (int i = 0; i < 2; ++i) {
    DirectionState& d = directions_[i];
    const double rate = profile_.provisioned[i];
    d.max_provisioned = std::max(d.max_provisioned, rate);
    d.provisioned.set_limit(BucketLimit{rate, std::max(rate * params_.burst_window_seconds, 1.0)}, now);
  }
}

void ResourceCapacity::configure_on_demand(bool fresh, TimePoint now) {
  for (int i = 0; i < 2; ++i) {
    DirectionState& d = directions_[i];
    if (fresh) {
      // A new table's previous peak is half of what it sustains at once; a table switched from provisioned
      // keeps at least half its highest provisioned rate (reference section 3.8).
      d.previous_peak = std::max({d.previous_peak, params_.on_demand_initial[i] / 2, d.max_provisioned / 2});
    }
    d.instant.set_limit(one_second(2 * d.previous_peak), now);
    d.quota.set_limit(one_second(params_.on_demand_quota[i]), now);
    const bool had_maximum = d.has_maximum;
    d.has_maximum = profile_.on_demand_max[i] > 0;
    if (d.has_maximum) d.maximum.set_limit(one_second(profile_.on_demand_max[i]), now);
    if (fresh || (d.has_maximum && !had_maximum)) d.maximum.fill();
    if (fresh) {
      d.instant.fill();
      d.quota.fill();
    }
  }
}

double ResourceCapacity::on_demand_instant(Access access) const {
  const int i = static_cast<int>(access);
  return std::min(2 * directions_[i].previous_peak, params_.on_demand_quota[i]);
}

BucketLimit ResourceCapacity::share_limit(int direction, std::size_t count) const {
  const double rate = profile_.provisioned[direction] / static_cast<double>(std::max<std::size_t>(1, count));
  return BucketLimit{rate, std::max(rate * params_.burst_window_seconds, 1.0)};
}

void ResourceCapacity::layout_partitions(TimePoint now, bool refill) {
  PartitionSizing sizing;
  sizing.read_units = profile_.on_demand ? on_demand_instant(Access::kRead) : profile_.provisioned[0];
  sizing.write_units = profile_.on_demand ? on_demand_instant(Access::kWrite) : profile_.provisioned[1];
  sizing.data_bytes = profile_.data_bytes;
  sizing.declared = profile_.declared_partitions;
  sizing.partition_max_read_units = params_.partition_max[0];
  sizing.partition_max_write_units = params_.partition_max[1];
  sizing.partition_size_bytes = params_.partition_size_bytes;
  sizing.max_partitions = params_.max_partitions;
  // Partitions split but never merge: a lower derived count keeps the current layout.
  uint32_t count = chokepoint::partition_count(sizing);
  if (sizing.declared <= 0) count = std::max(count, static_cast<uint32_t>(partitions_.size()));
  const BucketLimit read = share_limit(0, count), write = share_limit(1, count);
  if (count != partitions_.size()) {
    // A new layout starts with full buckets; the old partitions' history goes with them.
    partitions_.clear();
    partitions_.reserve(count);
    for (uint32_t i = 0; i < count; ++i) partitions_.emplace_back(read, write, now);
    return;
  }
  for (auto& p : partitions_) {
    p.share[0].set_limit(read, now);
    p.share[1].set_limit(write, now);
    if (refill) {
      p.share[0].fill();
      p.share[1].fill();
    }
  }
}

std::optional<LimitType> ResourceCapacity::check(Access access, uint64_t token, double units, TimePoint now) {
  const int i = static_cast<int>(access);
  PartitionState& p = partition(token);
  const double cost = units / params_.partition_max[i];
  if (profile_.on_demand) return check_on_demand(directions_[i], p, units, cost, now);
  return check_provisioned(directions_[i], p, i, units, cost, params_.adaptive_capacity, now);
}

void ResourceCapacity::apply(Access access, uint64_t token, double units, TimePoint now) {
  const int i = static_cast<int>(access);
  PartitionState& p = partition(token);
  const double cost = units / params_.partition_max[i];
  if (profile_.on_demand) {
    apply_on_demand(directions_[i], p, units, cost, now);
  } else {
    apply_provisioned(directions_[i], p, i, units, cost, params_.adaptive_capacity, now);
  }
}

void ResourceCapacity::record_consumed(Access access, uint64_t token, double units, TimePoint now) {
  const int i = static_cast<int>(access);
  partition(token).series.add_consumed(epoch_second(now), i, units);
  if (!profile_.on_demand) return;
  DirectionState& d = directions_[i];
  const double sustained = d.sustained.add(exact_epoch_seconds(now), units);
  if (sustained <= d.previous_peak) return;
  // Traffic sustained over the whole window is the new previous peak: twice it is available at once, and
  // partitions split to carry it.
  d.previous_peak = sustained;
  d.instant.set_limit(one_second(2 * d.previous_peak), now);
  layout_partitions(now, false);
}

void ResourceCapacity::record_throttled(Access access, uint64_t token, TimePoint now) {
  const int i = static_cast<int>(access);
  PartitionState& p = partition(token);
  ++directions_[i].throttled;
  ++p.throttled[i];
  p.series.add_throttled(epoch_second(now), i);
}

}  // namespace chokepoint
