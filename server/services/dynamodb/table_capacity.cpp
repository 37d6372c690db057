#include "services/dynamodb/table_capacity.hpp"

#include <algorithm>

#include "services/dynamodb/table.hpp"
#include "services/dynamodb/table_description.hpp"

namespace chokepoint {

namespace {

CapacityParams params_of(const DynamoDbCapacitySettings& s) {
  CapacityParams p;
  p.burst_window_seconds = s.burst_window_seconds;
  p.adaptive_capacity = s.adaptive_capacity;
  p.partition_max[0] = s.partition_max_read_units;
  p.partition_max[1] = s.partition_max_write_units;
  p.partition_size_bytes = s.partition_size_bytes;
  p.max_partitions = s.max_partitions;
  p.on_demand_initial[0] = s.on_demand_initial_read_units;
  p.on_demand_initial[1] = s.on_demand_initial_write_units;
  p.on_demand_peak_window_seconds = s.on_demand_peak_window_seconds;
  p.on_demand_quota[0] = s.on_demand_table_read_quota;
  p.on_demand_quota[1] = s.on_demand_table_write_quota;
  return p;
}

// Data size rounded up to whole partitions, so that the profile only changes when another partition is due.
uint64_t whole_partitions(uint64_t bytes, long long partition_size) {
  const auto size = static_cast<uint64_t>(partition_size);
  return (bytes + size - 1) / size * size;
}

void set_mode(ResourceProfile& p, bool on_demand, const Throughput& throughput, const OnDemandLimits& limits) {
  p.on_demand = on_demand;
  if (!on_demand) {
    p.provisioned[0] = static_cast<double>(throughput.read);
    p.provisioned[1] = static_cast<double>(throughput.write);
    return;
  }
  if (limits.set) {
    p.on_demand_max[0] = static_cast<double>(limits.max_read);
    p.on_demand_max[1] = static_cast<double>(limits.max_write);
  }
}

ResourceProfile table_profile(const Table& table, const DynamoDbCapacitySettings& s, TimePoint now) {
  const TableMeta& m = table.meta;
  ResourceProfile p;
  set_mode(p, m.pay_per_request, throughput_at(m.throughput, m.pending_throughput, m.lifecycle, now), m.on_demand);
  p.declared_partitions = s.partitions.empty() ? 0 : s.declared_partitions(m.name);
  p.data_bytes = whole_partitions(table.items.bytes(), s.partition_size_bytes);
  return p;
}

ResourceProfile index_profile(const Table& table, const IndexStore& index, const DynamoDbCapacitySettings& s,
                              TimePoint now) {
  const TableMeta& m = table.meta;
  ResourceProfile p;
  const GlobalIndexState* g = m.global_index(index.schema().name);
  if (g) {
    set_mode(p, m.pay_per_request, throughput_at(g->throughput, g->pending_throughput, g->lifecycle, now), g->on_demand);
  } else {
    p.on_demand = m.pay_per_request;
  }
  p.declared_partitions = s.partitions.empty() ? 0 : s.declared_partitions(m.name + "/" + index.schema().name);
  p.data_bytes = whole_partitions(index.bytes(), s.partition_size_bytes);
  return p;
}

}  // namespace

ResourceCapacity& TableCapacity::resource(int position) {
  if (position < 0 || static_cast<std::size_t>(position) >= indexes_.size()) return table_;
  auto& index = indexes_[static_cast<std::size_t>(position)];
  return index ? *index : table_;
}

bool TableCapacity::indexes_match(const Table& table) const {
  if (indexes_.size() != table.indexes.size()) return false;
  for (std::size_t i = 0; i < indexes_.size(); ++i) {
    const IndexSchema& schema = table.indexes[i].schema();
    if (indexes_[i].has_value() != schema.global) return false;
    if (indexes_[i] && indexes_[i]->name() != schema.name) return false;
  }
  return true;
}

void TableCapacity::rebuild_indexes(const Table& table, TimePoint now) {
  std::vector<std::optional<ResourceCapacity>> rebuilt;
  rebuilt.reserve(table.indexes.size());
  for (const auto& index : table.indexes) {
    const IndexSchema& schema = index.schema();
    auto& slot = rebuilt.emplace_back();
    if (!schema.global) continue;
    for (auto& old : indexes_) {
      if (old && old->name() == schema.name) slot = std::move(old);
    }
    if (!slot) slot.emplace(schema.name, table.meta.arn + "/index/" + schema.name, now);
  }
  indexes_ = std::move(rebuilt);
  ++generation_;
}

void TableCapacity::sync_locked(const Table& table, const DynamoDbCapacitySettings& settings, TimePoint now) {
  const CapacityParams params = params_of(settings);
  const bool params_changed = !configured_ || params != params_;
  if (!indexes_match(table)) rebuild_indexes(table, now);
  table_.set_arn(table.meta.arn);
  bool changed = false;
  const ResourceProfile profile = table_profile(table, settings, now);
  if (params_changed || !table_.configured() || profile != table_.profile()) {
    table_.configure(profile, params, now);
    changed = true;
  }
  for (std::size_t i = 0; i < indexes_.size(); ++i) {
    if (!indexes_[i]) continue;
    const ResourceProfile p = index_profile(table, table.indexes[i], settings, now);
    if (params_changed || !indexes_[i]->configured() || p != indexes_[i]->profile()) {
      indexes_[i]->configure(p, params, now);
      changed = true;
    }
  }
  params_ = params;
  configured_ = true;
  if (!changed) return;
  double totals[2] = {0, 0};
  for (int d = 0; d < 2; ++d) {
    totals[d] += table_.profile().provisioned[d];
    for (const auto& index : indexes_) totals[d] += index ? index->profile().provisioned[d] : 0;
    provisioned_total_[d] = static_cast<long long>(totals[d]);
  }
  on_demand_ = table_.profile().on_demand;
}

std::vector<ProvisionedUnits> TableCapacity::provisioned_units() const {
  std::lock_guard lock(mutex_);
  std::vector<ProvisionedUnits> out;
  if (!configured_ || table_.profile().on_demand) return out;
  out.push_back(ProvisionedUnits{{}, {table_.profile().provisioned[0], table_.profile().provisioned[1]}});
  for (const auto& index : indexes_) {
    if (!index) continue;
    out.push_back(ProvisionedUnits{index->name(), {index->profile().provisioned[0], index->profile().provisioned[1]}});
  }
  return out;
}

void TableCapacity::sync(const Table& table, const DynamoDbCapacitySettings& settings, TimePoint now) {
  std::lock_guard lock(mutex_);
  sync_locked(table, settings, now);
}

std::optional<CapacityRefusal> TableCapacity::reject(const CapacityDemand& demand,
                                                     const DynamoDbThrottleExceptions& exceptions, TimePoint now) {
  boost::container::small_vector<ThrottleReason, 2> reasons;
  std::vector<std::string> global_indexes;
  for (const auto& part : demand.parts) {
    ResourceCapacity& r = resource(part.resource);
    const auto limit = r.check(demand.access, part.token, part.units, now);
    if (!limit) continue;
    r.record_throttled(demand.access, part.token, now);
    const ThrottleReason reason{r.is_index(), demand.access, *limit, r.arn()};
    if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) reasons.push_back(reason);
    if (r.is_index() && std::find(global_indexes.begin(), global_indexes.end(), r.name()) == global_indexes.end()) {
      global_indexes.push_back(r.name());
    }
  }
  if (reasons.empty()) return std::nullopt;
  ++throttled_requests_;
  return CapacityRefusal{throttling_error(exceptions, table_.profile().on_demand, reasons), std::move(global_indexes)};
}

std::optional<CapacityRefusal> TableCapacity::admit(const Table& table, const DynamoDbCapacitySettings& settings,
                                             const CapacityDemand& demand, TimePoint now, uint64_t& generation) {
  std::lock_guard lock(mutex_);
  sync_locked(table, settings, now);
  generation = generation_;
  if (auto refusal = reject(demand, settings.exceptions, now)) return refusal;
  // The reservation counts as consumed at once; settle() corrects it by the difference, if any.
  for (const auto& part : demand.parts) {
    ResourceCapacity& r = resource(part.resource);
    r.apply(demand.access, part.token, part.units, now);
    r.record_consumed(demand.access, part.token, part.units, now);
  }
  return std::nullopt;
}

namespace {

// What a request consumed beyond (or short of) what its admissions reserved, per resource and partition key.
KeyUnitsList differences(const TableUsage& usage) {
  KeyUnitsList out;
  boost::container::small_vector<bool, 4> matched(usage.admitted.size(), false);
  for (const auto& spent : usage.spent) {
    double reserved = 0;
    for (std::size_t i = 0; i < usage.admitted.size(); ++i) {
      const KeyUnits& a = usage.admitted[i];
      if (matched[i] || a.resource != spent.resource || a.token != spent.token) continue;
      matched[i] = true;
      reserved = a.units;
      break;
    }
    if (spent.units != reserved) out.push_back(KeyUnits{spent.resource, spent.token, spent.units - reserved});
  }
  for (std::size_t i = 0; i < usage.admitted.size(); ++i) {
    const KeyUnits& a = usage.admitted[i];
    if (!matched[i]) out.push_back(KeyUnits{a.resource, a.token, -a.units});
  }
  return out;
}

}  // namespace

void TableCapacity::settle(const TableUsage& usage, TimePoint now) {
  const KeyUnitsList diffs = differences(usage);
  // The common case (a reservation that was exactly right) needs no lock at all.
  if (diffs.empty()) return;
  const Access access = usage.write ? Access::kWrite : Access::kRead;
  std::lock_guard lock(mutex_);
  // Index positions refer to the layout at admission; a table whose indexes changed since then settles the
  // table's part only.
  const bool same_layout = usage.generation == generation_;
  for (const auto& d : diffs) {
    if (d.resource >= 0 && !same_layout) continue;
    ResourceCapacity& r = resource(d.resource);
    r.apply(access, d.token, d.units, now);
    r.record_consumed(access, d.token, d.units, now);
  }
}

}  // namespace chokepoint
