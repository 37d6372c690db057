#pragma once
// Reading table definitions from CreateTable / UpdateTable parameters: attribute definitions, key schemas,
// index definitions and their projections, checked in DynamoDB's order with its messages.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/problem.hpp"
#include "services/dynamodb/table.hpp"
#include "services/dynamodb/table_schema.hpp"

namespace chokepoint {

std::vector<KeyAttribute> read_attribute_definitions(const nlohmann::json& definitions);

// Checks one key schema (table or index) against the definitions and converts it. `what` is used in
// messages. Returns the message or empty.
std::string read_key_schema(const nlohmann::json& key_schema, const std::vector<KeyAttribute>& definitions,
                            KeySchema& out);

// Checks one index (LocalSecondaryIndexes / GlobalSecondaryIndexes entry) and converts it; a local index
// must lead with the table's hash key. `multi_attribute_keys`: a global index's key may have up to 4 partition
// and 4 sort key attributes (dynamodb.multi_attribute_index_keys).
std::string read_index(const nlohmann::json& index, const std::vector<KeyAttribute>& definitions, bool global,
                       bool multi_attribute_keys, IndexSchema& out, const KeySchema* table_key = nullptr);

// All the checks of CreateTable's key structure; fills `schema`. Returns the message or empty.
std::string read_table_schema(const nlohmann::json& params, bool multi_attribute_index_keys, TableSchema& schema);

// The largest ReadCapacityUnits / WriteCapacityUnits DynamoDB accepts.
inline constexpr long long kMaxCapacityUnits = 1'000'000'000'000;

// A ProvisionedThroughput parameter (units left out read as 0).
Throughput read_throughput(const nlohmann::json& provisioned_throughput);
// "Given value N for ReadCapacityUnits is out of bounds" (or Write...) beyond kMaxCapacityUnits; none otherwise.
Problem check_throughput_bounds(const Throughput& t);
// An OnDemandThroughput parameter laid over `limits`: a maximum left out keeps its value (-1 removes it).
void apply_on_demand_throughput(const nlohmann::json& on_demand_throughput, OnDemandLimits& limits);

}  // namespace chokepoint
