#pragma once
// StreamSpecification on CreateTable and UpdateTable: DynamoDB's checks, with its messages, and the enabling or
// disabling of the table's stream (stream_log.hpp). A re-enabled stream is a new stream, with a new label and ARN.
#include <optional>

#include <nlohmann/json.hpp>

#include "common/problem.hpp"
#include "config/config.hpp"
#include "protocol/api_types.hpp"
#include "services/dynamodb/table.hpp"

namespace chokepoint {

// CreateTable: a view type exactly when the stream is enabled.
Problem check_created_stream(const nlohmann::json& spec);
// UpdateTable: a view type exactly when enabling, no second stream, nothing to disable when none is enabled.
std::optional<ApiError> check_stream_change(const nlohmann::json& spec, const Table& table);
// Enables or disables the table's stream as `spec` (already checked) asks; false when it asks nothing. The
// stream is ENABLING (DISABLING) until `settles`, when the CreateTable or UpdateTable that asked completes.
bool apply_stream_specification(const nlohmann::json& spec, Table& table, TimePoint now, TimePoint settles,
                                const Config& config);
// StreamSpecification (while a stream is enabled), LatestStreamLabel and LatestStreamArn (once there was one).
void add_stream_description(const Table& table, nlohmann::json& out);

}  // namespace chokepoint
