// dynamodb.capacity: the capacity model's switches, sizes, quotas and exception mapping.
#include "config/dynamodb_capacity_section.hpp"

#include <array>

namespace chokepoint {

namespace {

constexpr std::array<std::string_view, 3> kExceptions = {"ProvisionedThroughputExceededException",
                                                         "ThrottlingException", "RequestLimitExceeded"};

void read_exception(YamlReader& reader, const YamlNode& parent, std::string_view key, std::string& out) {
  auto node = parent.child(key);
  if (!node) return;
  if (auto value = reader.choice(*node, std::span<const std::string_view>(kExceptions))) out = *value;
}

// exceptions: {provisioned: {...}, on_demand: {...}}, keyed by limit type.
void read_exceptions(YamlReader& reader, const YamlNode& node, DynamoDbThrottleExceptions& out) {
  if (!reader.expect_mapping(node, {"provisioned", "on_demand"})) return;
  if (auto p = node.child("provisioned")) {
    if (reader.expect_mapping(*p, {"ProvisionedThroughputExceeded", "KeyRangeThroughputExceeded"})) {
      read_exception(reader, *p, "ProvisionedThroughputExceeded", out.provisioned_throughput);
      read_exception(reader, *p, "KeyRangeThroughputExceeded", out.provisioned_key_range);
    }
  }
  if (auto d = node.child("on_demand")) {
    if (reader.expect_mapping(*d, {"KeyRangeThroughputExceeded", "AccountLimitExceeded", "MaxOnDemandThroughputExceeded"})) {
      read_exception(reader, *d, "KeyRangeThroughputExceeded", out.on_demand_key_range);
      read_exception(reader, *d, "AccountLimitExceeded", out.on_demand_account_limit);
      read_exception(reader, *d, "MaxOnDemandThroughputExceeded", out.on_demand_max_throughput);
    }
  }
}

// partitions: {orders: 4, orders/byStatus: 2}
void read_partitions(YamlReader& reader, const YamlNode& node, std::map<std::string, int>& out) {
  auto entries = reader.entries(node);
  if (!entries) return;
  std::map<std::string, int> partitions;
  for (const auto& [name, value] : *entries) {
    if (auto n = reader.integer(value, IntRange{1, 100000})) partitions[name] = static_cast<int>(*n);
  }
  out = std::move(partitions);
}

void read_on_demand(YamlReader& reader, const YamlNode& node, DynamoDbCapacitySettings& s) {
  if (!reader.expect_mapping(node, {"initial_read_units", "initial_write_units", "peak_window_seconds",
                                    "table_read_quota", "table_write_quota"})) {
    return;
  }
  const NumberRange positive{0, true};
  reader.read(node, "initial_read_units", s.on_demand_initial_read_units, positive);
  reader.read(node, "initial_write_units", s.on_demand_initial_write_units, positive);
  reader.read(node, "peak_window_seconds", s.on_demand_peak_window_seconds, positive);
  reader.read(node, "table_read_quota", s.on_demand_table_read_quota, positive);
  reader.read(node, "table_write_quota", s.on_demand_table_write_quota, positive);
}

void read_quotas(YamlReader& reader, const YamlNode& node, DynamoDbCapacitySettings& s) {
  if (!reader.expect_mapping(node, {"account_max_read_units", "account_max_write_units", "table_max_read_units",
                                    "table_max_write_units", "max_concurrent_table_operations",
                                    "max_tables"})) {
    return;
  }
  const IntRange units{1, 1'000'000'000'000};
  reader.read(node, "account_max_read_units", s.account_max_read_units, units);
  reader.read(node, "account_max_write_units", s.account_max_write_units, units);
  reader.read(node, "table_max_read_units", s.table_max_read_units, units);
  reader.read(node, "table_max_write_units", s.table_max_write_units, units);
  reader.read(node, "max_concurrent_table_operations", s.max_concurrent_table_operations, IntRange{1, 1'000'000});
  reader.read(node, "max_tables", s.max_tables, IntRange{1, 1'000'000'000});
}

}  // namespace

void read_dynamodb_capacity(YamlReader& reader, const YamlNode& node, DynamoDbCapacitySettings& s) {
  if (!reader.expect_mapping(node, {"enabled", "burst_window_seconds", "adaptive_capacity", "partition_max_read_units",
                                    "partition_max_write_units", "partition_size_bytes", "max_partitions",
                                    "partitions", "on_demand", "quotas", "exceptions"})) {
    return;
  }
  const NumberRange positive{0, true};
  reader.read(node, "enabled", s.enabled);
  reader.read(node, "burst_window_seconds", s.burst_window_seconds, positive);
  reader.read(node, "adaptive_capacity", s.adaptive_capacity);
  reader.read(node, "partition_max_read_units", s.partition_max_read_units, positive);
  reader.read(node, "partition_max_write_units", s.partition_max_write_units, positive);
  reader.read(node, "partition_size_bytes", s.partition_size_bytes, IntRange{1, LLONG_MAX});
  reader.read(node, "max_partitions", s.max_partitions, IntRange{1, 100000});
  if (auto p = node.child("partitions")) read_partitions(reader, *p, s.partitions);
  if (auto d = node.child("on_demand")) read_on_demand(reader, *d, s);
  if (auto q = node.child("quotas")) read_quotas(reader, *q, s);
  if (auto e = node.child("exceptions")) read_exceptions(reader, *e, s.exceptions);
  if (s.table_max_read_units > s.account_max_read_units || s.table_max_write_units > s.account_max_write_units) {
    reader.error(node, "quotas: a table maximum cannot exceed the account maximum");
  }
}

}  // namespace chokepoint
