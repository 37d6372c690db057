#include "services/dynamodb/capacity_admission.hpp"

#include <algorithm>

#include "services/dynamodb/key_codec.hpp"
#include "services/dynamodb/table_capacity.hpp"

namespace chokepoint {

namespace {

std::optional<ApiError> admit(DynamoCall& call, const Table& table, const CapacityDemand& demand) {
  const DynamoDbCapacitySettings& settings = call.config.dynamodb.capacity;
  uint64_t generation = 0;
  if (auto refusal = table.capacity->admit(table, settings, demand, call.now, generation)) {
    call.capacity.add_throttle(
        ThrottleEvent{table.meta.name, demand.access == Access::kWrite, std::move(refusal->global_indexes)});
    return std::move(refusal->error);
  }
  TableUsage& usage = call.capacity.table(table.meta.name, demand.access == Access::kWrite);
  if (!usage.capacity) usage.capacity = table.capacity;
  usage.generation = generation;
  for (const auto& part : demand.parts) usage.admitted.push_back(part);
  return std::nullopt;
}

// The index partition key of an item for a global index: from the new item when known, else the old one.
std::optional<uint64_t> index_token(const IndexSchema& schema, const PackedItem* old_item, const AttrMap* new_item) {
  if (new_item) {
    if (const AttrValue* v = new_item->find(schema.key.hash.name)) return partition_token(*v);
  }
  if (old_item && !old_item->empty()) {
    if (const auto v = old_item->get(schema.key.hash.name)) return partition_token(*v);
  }
  return std::nullopt;
}

}  // namespace

std::optional<ApiError> admit_read(DynamoCall& call, const Table& table, int index_position, uint64_t token,
                                   double units) {
  if (!call.config.dynamodb.capacity.enabled) return std::nullopt;
  CapacityDemand demand;
  demand.access = Access::kRead;
  const bool global = index_position >= 0 && table.indexes[static_cast<std::size_t>(index_position)].schema().global;
  demand.parts.push_back(KeyUnits{global ? index_position : -1, token, units});
  return admit(call, table, demand);
}

std::optional<ApiError> admit_write(DynamoCall& call, const Table& table, uint64_t token, double units,
                                    double index_units, const PackedItem* old_item, const AttrMap* new_item) {
  if (!call.config.dynamodb.capacity.enabled) return std::nullopt;
  CapacityDemand demand;
  demand.access = Access::kWrite;
  demand.parts.push_back(KeyUnits{-1, token, units});
  for (std::size_t i = 0; i < table.indexes.size(); ++i) {
    const IndexSchema& schema = table.indexes[i].schema();
    if (!schema.global) continue;
    if (const auto t = index_token(schema, old_item, new_item)) {
      demand.parts.push_back(KeyUnits{static_cast<int>(i), *t, index_units});
    }
  }
  return admit(call, table, demand);
}

int index_position(const Table& table, const IndexStore* index) {
  if (!index) return -1;
  return static_cast<int>(index - table.indexes.data());
}

void settle_capacity(const DynamoCall& call) {
  for (const auto& usage : call.capacity.tables()) {
    if (usage.capacity) usage.capacity->settle(usage, call.now);
  }
}

}  // namespace chokepoint
