#pragma once
// Provisioned throughput quotas (reference section 3.9): a table and its global indexes may provision at most
// table_max RCU and WCU, all provisioned tables of an account and region together at most account_max. Checked
// by CreateTable and UpdateTable (LimitExceededException, nothing created or changed); DescribeLimits reports
// the same numbers. On-demand tables do not count.
#include <optional>

#include "protocol/api_types.hpp"
#include "services/dynamodb/dynamodb_call.hpp"
#include "services/dynamodb/table.hpp"

namespace chokepoint {

// A table about to be added (not yet in call.tables).
std::optional<ApiError> check_create_quota(const DynamoCall& call, const Table& table);
// UpdateTable's request against the table (held under its lock), before anything is applied.
std::optional<ApiError> check_update_quota(const DynamoCall& call, const Table& table);

}  // namespace chokepoint
