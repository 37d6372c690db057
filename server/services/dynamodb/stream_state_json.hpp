#pragma once
// A table's streams as JSON and back, for durable mode: the stream descriptions travel with the table's record,
// each stream record in a record of its own (table_changes.hpp). Times are nanoseconds since the epoch.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "services/dynamodb/table.hpp"

namespace chokepoint {

// The descriptions of every stream (without their records).
nlohmann::json streams_to_json(const TableStreams& streams);
// Puts the described streams in place; records already restored stay with their shard. `table_arn` names the
// streams of descriptions written before they carried their ARN.
void restore_streams(const nlohmann::json& json, std::string_view table_arn, TableStreams& streams);

// One stream record, with the label of its stream; the items as AttributeValue JSON.
nlohmann::json stream_record_to_json(std::string_view label, const StreamRecord& record);
// Restores one record into the table's stream of that label; false when the JSON is not one.
bool restore_stream_record(const nlohmann::json& json, Table& table);

}  // namespace chokepoint
