#pragma once
// Capacity admission for the data-plane handlers. Each admit_* is called under the table's lock once the
// partition key is known and before the operation reads or changes anything that matters; an error it returns
// is the request's answer (nothing consumed, nothing changed). What admission reserves is noted in
// call.capacity; settle_capacity() charges the real consumption against it once the handler returned.
// Reservations are what is known up front: the smallest read (a missing item), a put's new item; the rest
// (old item sizes, index entries) is charged afterwards and may put buckets into debt.
#include <optional>

#include "protocol/api_types.hpp"
#include "services/dynamodb/attribute_value.hpp"
#include "services/dynamodb/dynamodb_call.hpp"
#include "services/dynamodb/key_codec.hpp"
#include "services/dynamodb/packed_item.hpp"
#include "services/dynamodb/table.hpp"

namespace chokepoint {

// Admission also counts the keys it sees for Contributor Insights (contributor_insights.hpp), even when capacity
// is not enforced.

// A read of `key` (its token's partition) from the table (index_position -1, or a local index's position) or
// from the global index at `index_position` of the table's index list, whose key `key` then is. A key without
// partition key bytes (a scan's) is not counted by Contributor Insights; one without sort key bytes (a query's)
// counts in the partition-key rules only.
std::optional<ApiError> admit_read(DynamoCall& call, const Table& table, int index_position, const StoreKey& key,
                                   double units);

// A write of the item at `key`, reserving `units` on the table and `index_units` on every global index that the
// old item or the new one (when known) appears in, on the index partition of its key.
std::optional<ApiError> admit_write(DynamoCall& call, const Table& table, const StoreKey& key, double units,
                                    double index_units, const PackedItem* old_item, const AttrMap* new_item);

// The position of `index` in table.indexes; -1 for none.
int index_position(const Table& table, const IndexStore* index);

// Charges what the call consumed (after the handler returned).
void settle_capacity(const DynamoCall& call);

}  // namespace chokepoint
