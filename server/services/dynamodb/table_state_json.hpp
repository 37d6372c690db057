#pragma once
// A table's whole description (TableMeta) as JSON and back, for durable mode: schema, billing, throughput
// and its history, lifecycle, indexes, TTL, tags and the echoed specifications. Times are nanoseconds
// since the epoch. Pure functions.
#include <optional>

#include <nlohmann/json.hpp>

#include "services/dynamodb/table.hpp"

namespace chokepoint {

nlohmann::json table_meta_to_json(const TableMeta& meta);
// Nullopt when the JSON is not a table description this version understands.
std::optional<TableMeta> table_meta_from_json(const nlohmann::json& json);

}  // namespace chokepoint
