#pragma once
// Time to Live: DynamoDB deletes an item once the number (epoch seconds) in the table's TTL attribute is past,
// in the background, as a deletion of its own (its stream record names the service). Here a table is swept when
// a call addresses it, at most once per emulated second, on the emulated clock. Thread-safe: takes the table's
// lock when there is work to do.
#include "common/clock.hpp"
#include "services/dynamodb/table.hpp"

namespace chokepoint {

// Deletes the table's expired items (TTL enabled, attribute a number of seconds before `now`). Returns how many.
std::size_t expire_items(Table& table, TimePoint now);

}  // namespace chokepoint
