#include "services/dynamodb/capacity_admission.hpp"

#include <algorithm>
#include <vector>

#include "services/dynamodb/composite_key.hpp"
#include "services/dynamodb/contributor_insights.hpp"
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

// The value of a global index's key attribute: from the new item when known, else from the old one.
std::optional<AttrValue> index_key_value(const std::string& attribute, const PackedItem* old_item,
                                         const AttrMap* new_item) {
  if (new_item) {
    if (const AttrValue* v = new_item->find(attribute)) return *v;
  }
  if (old_item && !old_item->empty()) return old_item->get(attribute);
  return std::nullopt;
}

// A stored key as Contributor Insights shows it, under the key schema of the table or index it belongs to.
ObservedKey observed_key(std::string_view index, const KeySchema& schema, const StoreKey& key) {
  ObservedKey observed{index, key_text(key.hash, schema.hash.type), std::nullopt};
  if (schema.range && !key.range.empty()) observed.sort = key_text(key.range, schema.range->type);
  return observed;
}

void count_observed(const Table& table, const std::vector<ObservedKey>& keys, bool throttled, TimePoint now) {
  for (const ObservedKey& key : keys) count_contributor(table, key, throttled, now);
}

}  // namespace

std::optional<ApiError> admit_read(DynamoCall& call, const Table& table, int index_position, const StoreKey& key,
                                   double units) {
  const IndexSchema* index =
      index_position >= 0 ? &table.indexes[static_cast<std::size_t>(index_position)].schema() : nullptr;
  const bool global = index && index->global;
  std::vector<ObservedKey> observed;
  if (!table.meta.contributor_insights.empty() && !key.hash.empty()) {
    observed.push_back(global ? observed_key(index->name, index->key, key)
                              : observed_key({}, table.meta.schema.key, key));
  }
  std::optional<ApiError> refused;
  if (call.config.dynamodb.capacity.enabled) {
    CapacityDemand demand;
    demand.access = Access::kRead;
    demand.parts.push_back(KeyUnits{global ? index_position : -1, key.token, units});
    refused = admit(call, table, demand);
  }
  count_observed(table, observed, refused.has_value(), call.now);
  return refused;
}

std::optional<ApiError> admit_write(DynamoCall& call, const Table& table, const StoreKey& key, double units,
                                    double index_units, const PackedItem* old_item, const AttrMap* new_item) {
  const bool observing = !table.meta.contributor_insights.empty();
  const bool enforcing = call.config.dynamodb.capacity.enabled;
  if (!observing && !enforcing) return std::nullopt;
  std::vector<ObservedKey> observed;
  if (observing) observed.push_back(observed_key({}, table.meta.schema.key, key));
  CapacityDemand demand;
  demand.access = Access::kWrite;
  demand.parts.push_back(KeyUnits{-1, key.token, units});
  for (std::size_t i = 0; i < table.indexes.size(); ++i) {
    const IndexSchema& schema = table.indexes[i].schema();
    if (!schema.global) continue;
    const auto hash = index_key_value(schema.key.hash.name, old_item, new_item);
    if (!hash) continue;
    uint64_t token = partition_token(*hash);
    if (!schema.key.more_hash.empty()) {
      // A multi-attribute partition key hashes all its values, as the index stores them.
      std::vector<AttrValue> values;
      for (const auto& a : schema.key.hash_parts()) {
        if (auto v = index_key_value(a.name, old_item, new_item)) values.push_back(std::move(*v));
      }
      if (values.size() != schema.key.more_hash.size() + 1) continue;
      token = key_part_token(values);
    }
    demand.parts.push_back(KeyUnits{static_cast<int>(i), token, index_units});
    if (!observing) continue;
    ObservedKey index_key{schema.name, key_text(*hash), std::nullopt};
    if (schema.key.range) {
      if (const auto range = index_key_value(schema.key.range->name, old_item, new_item)) {
        index_key.sort = key_text(*range);
      }
    }
    observed.push_back(std::move(index_key));
  }
  std::optional<ApiError> refused;
  if (enforcing) refused = admit(call, table, demand);
  count_observed(table, observed, refused.has_value(), call.now);
  return refused;
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
