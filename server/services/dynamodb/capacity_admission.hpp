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
#include "services/dynamodb/packed_item.hpp"
#include "services/dynamodb/table.hpp"

namespace chokepoint {

// A read of the partition key `token` from the table (index_position -1, or a local index's position) or
// from the global index at `index_position` of the table's index list.
std::optional<ApiError> admit_read(DynamoCall& call, const Table& table, int index_position, uint64_t token,
                                   double units);

// A write of the item with partition key `token`, reserving `units` on the table and `index_units` on every
// global index that the old item or the new one (when known) appears in, on the index partition of its key.
std::optional<ApiError> admit_write(DynamoCall& call, const Table& table, uint64_t token, double units,
                                    double index_units, const PackedItem* old_item, const AttrMap* new_item);

// The position of `index` in table.indexes; -1 for none.
int index_position(const Table& table, const IndexStore* index);

// Charges what the call consumed (after the handler returned).
void settle_capacity(const DynamoCall& call);

}  // namespace chokepoint
