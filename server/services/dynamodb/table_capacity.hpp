#pragma once
// The capacity state of one table: the table's and each global index's buckets and partitions, kept in line
// with the table's mode, throughput and indexes, plus counters for the inspection endpoint.
//
// A request is admitted before it does anything (admit: all of its demand or nothing; a rejection consumes
// nothing), and what it really consumed is settled afterwards (settle: the difference to what admission
// reserved, which may put buckets into debt that throttles the next requests).
// Thread-safety: every member may be called concurrently; one short mutex per table, no allocation on the
// admission path while nothing changes.
#include <atomic>
#include <mutex>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/dynamodb_capacity_settings.hpp"
#include "protocol/api_types.hpp"
#include "services/dynamodb/capacity.hpp"
#include "services/dynamodb/capacity_buckets.hpp"

namespace chokepoint {

class Table;

// What one request (or one item of a batch) needs from one table: units per resource and partition key.
struct CapacityDemand {
  Access access = Access::kRead;
  KeyUnitsList parts;
};

// Provisioned units per second in force for the table (index empty) or one global index: read, write.
struct ProvisionedUnits {
  std::string index;
  double units[2] = {0, 0};
};

// A refused admission: the error the caller gets, and the global indexes that lacked capacity (for the
// throttle-event metrics).
struct CapacityRefusal {
  ApiError error;
  std::vector<std::string> global_indexes;
};

class TableCapacity {
 public:
  TableCapacity() : table_(std::string(), std::string(), TimePoint{}) {}

  // Under the table's lock (shared is enough). Brings the state in line with the table and the settings.
  void sync(const Table& table, const DynamoDbCapacitySettings& settings, TimePoint now);
  // Under the table's lock: sync, then take all of `demand` or nothing. Returns the refusal of a throttled
  // request; nullopt when admitted, with `generation` set to the layout `demand` was admitted against.
  std::optional<CapacityRefusal> admit(const Table& table, const DynamoDbCapacitySettings& settings,
                                const CapacityDemand& demand, TimePoint now, uint64_t& generation);
  // Charges what a request consumed against what its admissions reserved.
  void settle(const TableUsage& usage, TimePoint now);

  void count_unprocessed(bool write, uint64_t items) { (write ? unprocessed_items_ : unprocessed_keys_) += items; }
  // Provisioned units of the table and its global indexes in force (0 for on-demand), for the account quota.
  long long provisioned_total(Access access) const { return provisioned_total_[static_cast<int>(access)].load(); }
  bool on_demand() const { return on_demand_.load(); }
  // The table's and each global index's provisioned units, for the ProvisionedRead/WriteCapacityUnits metrics;
  // empty for an on-demand table.
  std::vector<ProvisionedUnits> provisioned_units() const;

  // The state as GET /_chokepoint/dynamodb/tables/... shows it (capacity_inspection.cpp).
  nlohmann::json inspect(TimePoint now);

 private:
  // The table (-1, or a local index's position) or the global index at `position` of the table's index list.
  ResourceCapacity& resource(int position);
  bool indexes_match(const Table& table) const;
  void rebuild_indexes(const Table& table, TimePoint now);
  void sync_locked(const Table& table, const DynamoDbCapacitySettings& settings, TimePoint now);
  std::optional<CapacityRefusal> reject(const CapacityDemand& demand, const DynamoDbThrottleExceptions& exceptions,
                                        TimePoint now);

  mutable std::mutex mutex_;
  bool configured_ = false;
  CapacityParams params_;
  ResourceCapacity table_;
  std::vector<std::optional<ResourceCapacity>> indexes_;  // aligned with Table::indexes; local ones empty
  uint64_t generation_ = 0;
  uint64_t throttled_requests_ = 0;
  std::atomic<uint64_t> unprocessed_items_{0};
  std::atomic<uint64_t> unprocessed_keys_{0};
  std::atomic<long long> provisioned_total_[2] = {0, 0};
  std::atomic<bool> on_demand_{false};
};

}  // namespace chokepoint
