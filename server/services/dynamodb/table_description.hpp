#pragma once
// TableDescription, as DescribeTable (and CreateTable, UpdateTable, DeleteTable) return it.
#include <nlohmann/json.hpp>
#include <optional>

#include "services/dynamodb/table.hpp"

namespace chokepoint {

// The caller holds the table's lock. `status` overrides the table status shown (CreateTable answers
// CREATING, DeleteTable DELETING, whatever the delays are).
nlohmann::json describe_table_json(const Table& table, TimePoint now, std::optional<TableStatus> status = std::nullopt);

// The throughput in force at `now`: a change made by UpdateTable applies when the table leaves UPDATING.
Throughput throughput_at(const Throughput& current, const std::optional<Throughput>& pending, const Lifecycle& lifecycle,
                         TimePoint now);

// KeySchema as DynamoDB lists it: [{"AttributeName", "KeyType": HASH}, {..., RANGE}] (DescribeStream too).
nlohmann::json key_schema_json(const KeySchema& key);

}  // namespace chokepoint
