#pragma once
// The capacity state of one table or one global secondary index ("resource", as ThrottlingReasons call it):
// per direction (read, write) the table-level buckets, and per partition its share, its hard per-second
// maximum and its recent consumption.
//
//   provisioned  rate = provisioned units/s, capacity = burst window x rate (unused capacity kept as burst);
//   instant      on-demand: what the resource sustains at once, 2 x previous peak, one second deep;
//   quota        on-demand: the per-table quota (40,000 units/s), one second deep;
//   maximum      on-demand: OnDemandThroughput's maximum, one second deep, when set;
//   share        per partition: its share of the provisioned rate, with its own burst (checked only without
//                adaptive capacity, which lets a hot partition use the table's unused capacity instead);
//   hard         per partition: the 3,000 RCU / 1,000 WCU per second maximum, in "partition-seconds" so that
//                reads and writes combine linearly (r / 3000 + w / 1000 <= 1).
// Not thread-safe: the owning TableCapacity's mutex guards it.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "services/dynamodb/partition_map.hpp"
#include "services/dynamodb/throttling_reasons.hpp"
#include "services/dynamodb/usage_series.hpp"
#include "throttle/token_bucket.hpp"

namespace chokepoint {

// The numbers of the capacity settings a resource is built from (no strings: compared on every admission).
struct CapacityParams {
  double burst_window_seconds = 300;
  bool adaptive_capacity = true;
  double partition_max[2] = {3000, 1000};  // read, write
  long long partition_size_bytes = 10LL * 1024 * 1024 * 1024;
  int max_partitions = 1024;
  double on_demand_initial[2] = {12000, 4000};
  double on_demand_peak_window_seconds = 1800;
  double on_demand_quota[2] = {40000, 40000};

  bool operator==(const CapacityParams&) const = default;
};

// What one resource is configured with, taken from the table's description and the settings.
struct ResourceProfile {
  bool on_demand = false;
  double provisioned[2] = {0, 0};     // read, write units per second
  double on_demand_max[2] = {-1, -1};  // OnDemandThroughput maximums; <= 0: none
  int declared_partitions = 0;
  uint64_t data_bytes = 0;

  bool operator==(const ResourceProfile&) const = default;
};

struct PartitionState {
  PartitionState(const BucketLimit& read_share, const BucketLimit& write_share, TimePoint now);

  TokenBucket share[2];
  TokenBucket hard;
  SecondSeries series;
  uint64_t throttled[2] = {0, 0};
};

struct DirectionState {
  explicit DirectionState(TimePoint now);

  TokenBucket provisioned;
  TokenBucket instant;
  TokenBucket quota;
  TokenBucket maximum;
  bool has_maximum = false;
  double previous_peak = 0;    // on-demand
  double max_provisioned = 0;  // highest provisioned rate seen (for a switch to on-demand)
  SustainedRate sustained;
  uint64_t throttled = 0;
};

class ResourceCapacity {
 public:
  ResourceCapacity(std::string name, std::string arn, TimePoint now);

  const std::string& name() const { return name_; }  // empty for the table
  const std::string& arn() const { return arn_; }
  void set_arn(const std::string& arn) {
    if (arn_ != arn) arn_ = arn;
  }
  bool is_index() const { return !name_.empty(); }
  const ResourceProfile& profile() const { return profile_; }
  const CapacityParams& params() const { return params_; }
  bool configured() const { return configured_; }
  std::size_t partition_count() const { return partitions_.size(); }

  // Applies a profile and parameters: bucket sizes, previous peaks on a switch to on-demand, the partition
  // layout (rebuilt only when the count changes).
  void configure(const ResourceProfile& profile, const CapacityParams& params, TimePoint now);

  // The limit `units` more would break, or nullopt. No side effects beyond bucket refills.
  std::optional<LimitType> check(Access access, uint64_t token, double units, TimePoint now);
  // Takes (units > 0) or gives back (units < 0) from every bucket the mode uses. Debt is allowed.
  void apply(Access access, uint64_t token, double units, TimePoint now);
  // Consumption that really happened (or a correction of it, when negative): the inspection series and the
  // on-demand previous peak.
  void record_consumed(Access access, uint64_t token, double units, TimePoint now);
  void record_throttled(Access access, uint64_t token, TimePoint now);

  const DirectionState& direction(Access access) const { return directions_[static_cast<int>(access)]; }
  DirectionState& direction(Access access) { return directions_[static_cast<int>(access)]; }
  std::vector<PartitionState>& partitions() { return partitions_; }
  // What the resource sustains at once in on-demand mode (2 x previous peak, at most the quota).
  double on_demand_instant(Access access) const;

 private:
  PartitionState& partition(uint64_t token) {
    return partitions_[partition_of(token, static_cast<uint32_t>(partitions_.size()))];
  }
  void configure_provisioned(TimePoint now);
  void configure_on_demand(bool switched, TimePoint now);
  void layout_partitions(TimePoint now, bool refill);
  BucketLimit share_limit(int direction, std::size_t count) const;

  std::string name_;
  std::string arn_;
  ResourceProfile profile_;
  CapacityParams params_;
  bool configured_ = false;
  std::array<DirectionState, 2> directions_;
  std::vector<PartitionState> partitions_;
};

// Provisioned and on-demand rules over a resource's buckets (provisioned_admission.cpp, on_demand_admission.cpp).
std::optional<LimitType> check_provisioned(DirectionState& d, PartitionState& p, int direction, double units,
                                           double partition_cost, bool adaptive, TimePoint now);
void apply_provisioned(DirectionState& d, PartitionState& p, int direction, double units, double partition_cost,
                       bool adaptive, TimePoint now);
std::optional<LimitType> check_on_demand(DirectionState& d, PartitionState& p, double units, double partition_cost,
                                         TimePoint now);
void apply_on_demand(DirectionState& d, PartitionState& p, double units, double partition_cost, TimePoint now);

// True when the bucket holds `units` (a request larger than the whole bucket needs it full, so that a big
// item can still pass when nothing else is waiting).
bool bucket_has(TokenBucket& bucket, double units, TimePoint now);
// Takes (n > 0) or returns (n < 0, up to capacity).
void bucket_adjust(TokenBucket& bucket, double n, TimePoint now);

}  // namespace chokepoint
