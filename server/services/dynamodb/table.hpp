#pragma once
// One DynamoDB table: its description (schema, billing, throughput, lifecycle status, TTL, tags), its items
// and its secondary indexes. Thread-safety: every member except the immutable identity is guarded by
// `mutex` (shared for reads, exclusive for writes); callers lock it.
#include <atomic>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/clock.hpp"
#include "services/dynamodb/contributor_insights.hpp"
#include "services/dynamodb/index_store.hpp"
#include "services/dynamodb/item_history.hpp"
#include "services/dynamodb/item_store.hpp"
#include "services/dynamodb/stream_log.hpp"
#include "services/dynamodb/table_schema.hpp"

namespace chokepoint {

class ChangeLog;

enum class TableStatus { kCreating, kActive, kUpdating, kDeleting };
std::string_view table_status_name(TableStatus status);

struct Throughput {
  long long read = 0;
  long long write = 0;
  std::optional<TimePoint> last_increase;
  std::optional<TimePoint> last_decrease;
  int decreases_today = 0;
};

// On-demand maximums; -1 means none.
struct OnDemandLimits {
  long long max_read = -1;
  long long max_write = -1;
  bool set = false;
};

// A status that moves on by itself at `until` (CREATING/UPDATING -> ACTIVE; DELETING -> gone).
struct Lifecycle {
  TableStatus status = TableStatus::kActive;
  TimePoint until{};

  TableStatus at(TimePoint now) const;
};

struct GlobalIndexState {
  std::string name;
  Throughput throughput;
  std::optional<Throughput> pending_throughput;  // UpdateTable's new values, in force once ACTIVE again
  OnDemandLimits on_demand;
  Lifecycle lifecycle;
  bool backfilling = false;  // created by UpdateTable: Backfilling shows while CREATING
};

// Point-in-time recovery, once enabled (UpdateContinuousBackups).
struct PointInTimeRecovery {
  TimePoint enabled_at{};
  int recovery_period_days = 35;  // 1 to 35; 35 when not given
  bool operator==(const PointInTimeRecovery&) const = default;
};

// Where a restored table's items came from (RestoreTableFromBackup, RestoreTableToPointInTime).
struct RestoreSummary {
  std::string source_backup_arn;  // empty for a point-in-time restore
  std::string source_table_arn;
  TimePoint restored_to{};  // the backup's creation, or the point in time
  bool operator==(const RestoreSummary&) const = default;
};

// A resource-based policy of the table or of one of its streams (PutResourcePolicy).
struct ResourcePolicy {
  std::string resource_arn;
  std::string policy;
  std::string revision_id;
  bool operator==(const ResourcePolicy&) const = default;
};

struct TableMeta {
  std::string name;
  std::string arn;
  std::string id;
  TimePoint created{};
  TableSchema schema;
  bool pay_per_request = false;
  bool billing_mode_shown = false;  // BillingModeSummary appears once a mode was given or changed
  std::optional<TimePoint> last_update_to_pay_per_request;
  Throughput throughput;
  std::optional<Throughput> pending_throughput;  // UpdateTable's new values, in force once ACTIVE again
  OnDemandLimits on_demand;
  Lifecycle lifecycle;
  std::vector<GlobalIndexState> global_indexes;
  std::vector<std::string> deleting_indexes;  // shown as DELETING in the UpdateTable response only
  bool ttl_enabled = false;
  std::string ttl_attribute;
  std::optional<TimePoint> ttl_changed;
  std::vector<std::pair<std::string, std::string>> tags;
  nlohmann::json sse_specification;
  std::string table_class;
  std::optional<bool> deletion_protection;
  std::optional<PointInTimeRecovery> point_in_time_recovery;
  std::vector<ContributorInsightsSetting> contributor_insights;  // the table's and its global indexes'
  std::optional<RestoreSummary> restore_summary;
  std::vector<ResourcePolicy> resource_policies;

  GlobalIndexState* global_index(const std::string& name);
  const GlobalIndexState* global_index(const std::string& name) const;
};

class TableCapacity;

class Table {
 public:
  explicit Table(TableMeta meta);

  mutable std::shared_mutex mutex;
  // When the table stops existing after DeleteTable (nanoseconds since the epoch; 0 while it exists).
  // Atomic so that table lookups need not take the table's lock.
  std::atomic<long long> gone_at_ns{0};
  // When expired items are next looked for (ttl_expiry.hpp), in nanoseconds since the epoch.
  std::atomic<long long> next_ttl_sweep_ns{0};
  TableMeta meta;
  ItemStore items;
  std::vector<IndexStore> indexes;  // one per meta.schema.indexes entry, same order
  // Capacity buckets and partitions (thread-safe on its own; shared so that a request can settle its
  // consumption after releasing the table).
  const std::shared_ptr<TableCapacity> capacity;
  ChangeLog* change_log = nullptr;  // durable mode: write() records every item change here
  TableStreams streams;
  // While point-in-time recovery is enabled: the item history it restores from (started when it is enabled, or
  // by the first write after a restart in durable mode).
  std::unique_ptr<ItemHistory> history;
  // What the enabled Contributor Insights rules counted (not durable: counts are diagnostics, not state).
  mutable ContributorCounts contributor_counts;

  // Stores `item` under `key`, or deletes when `item` is empty, keeping every index in step. Returns the
  // previous item; `index_writes` (when given) receives what each index did, in index order. Every item change
  // of every operation passes here: a change (not a rewrite of the same item) goes to the enabled stream and to
  // the point-in-time recovery history, stamped `now`; `by_service` marks DynamoDB's own deletions (TTL).
  PackedItem write(const StoreKey& key, PackedItem item, TimePoint now, std::vector<IndexWrite>* index_writes = nullptr,
                   bool by_service = false);
  // The same change recovered from durable state or copied from a previous version of the table: no stream record.
  PackedItem replay(const StoreKey& key, PackedItem item, std::vector<IndexWrite>* index_writes = nullptr);
  IndexStore* index(const std::string& name);
  // Packs an item for this table (its sort key matters for page sizes).
  PackedItem pack(const AttrMap& item) const;
  // Adds an index (UpdateTable) and fills it from the current items.
  void add_index(const IndexSchema& schema);
  void remove_index(const std::string& name);

  bool gone(TimePoint now) const;
  void mark_deleted(TimePoint gone_at);
};

}  // namespace chokepoint
