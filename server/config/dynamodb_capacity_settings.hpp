#pragma once
// Settings of DynamoDB's capacity model (the `dynamodb.capacity` section): burst, partitions, adaptive capacity,
// on-demand scaling, quotas, and which exception answers which throttling reason. Defaults are AWS's published
// values where AWS publishes one (reference section 3); the rest are modelling choices, documented in default.yaml.
#include <map>
#include <string>

namespace chokepoint {

// The exception a throttled data-plane call gets, per limit type (the last part of a ThrottlingReason).
struct DynamoDbThrottleExceptions {
  // Provisioned tables.
  std::string provisioned_throughput = "ProvisionedThroughputExceededException";
  std::string provisioned_key_range = "ProvisionedThroughputExceededException";
  // On-demand tables.
  std::string on_demand_key_range = "ThrottlingException";
  std::string on_demand_account_limit = "RequestLimitExceeded";
  std::string on_demand_max_throughput = "ThrottlingException";
  bool operator==(const DynamoDbThrottleExceptions&) const = default;
};

struct DynamoDbCapacitySettings {
  // false: data-plane calls are never throttled by capacity (consumption is still reported).
  bool enabled = true;
  // Unused provisioned capacity kept as burst, in seconds of the provisioned rate.
  double burst_window_seconds = 300;
  // A hot partition may use unused table capacity up to the per-partition maximum.
  bool adaptive_capacity = true;
  // Per-partition maximum per second; reads and writes combine linearly (r/3000 + w/1000 <= 1).
  double partition_max_read_units = 3000;
  double partition_max_write_units = 1000;
  // Data per partition before another one is added.
  long long partition_size_bytes = 10LL * 1024 * 1024 * 1024;
  // Upper bound on partitions per table or index (memory guard).
  int max_partitions = 1024;
  // Declared partition counts, by table name ("orders") or "table/index" for a global index; any account and
  // region. Replaces the derived count ceil(RCU/3000 + WCU/1000).
  std::map<std::string, int> partitions;
  // On-demand: what a new table sustains at once (twice its initial previous peak), how long traffic must be
  // sustained before it becomes the new previous peak, and the per-table quota (table and each index).
  double on_demand_initial_read_units = 12000;
  double on_demand_initial_write_units = 4000;
  double on_demand_peak_window_seconds = 1800;
  double on_demand_table_read_quota = 40000;
  double on_demand_table_write_quota = 40000;
  // Provisioned quotas, checked by CreateTable/UpdateTable and reported by DescribeLimits.
  long long account_max_read_units = 80000;
  long long account_max_write_units = 80000;
  long long table_max_read_units = 40000;
  long long table_max_write_units = 40000;
  long long max_tables = 2500;
  // Tables with an operation under way (CREATING, UPDATING, DELETING, an index CREATING) per account and Region;
  // CreateTable beyond it gets LimitExceededException.
  long long max_concurrent_table_operations = 500;  // tables per account and Region; CreateTable beyond it gets LimitExceededException
  DynamoDbThrottleExceptions exceptions;

  // The declared partition count for a table or "table/index", or 0.
  int declared_partitions(const std::string& name) const {
    const auto it = partitions.find(name);
    return it == partitions.end() ? 0 : it->second;
  }
};

}  // namespace chokepoint
