#pragma once
// Provisioned throughput quotas (reference section 3.9): a table and its global indexes may provision at most
// table_max RCU and WCU, all provisioned tables of an account and region together at most account_max. Checked
// by CreateTable and UpdateTable (LimitExceededException, nothing created or changed); DescribeLimits reports
// the same numbers. On-demand tables do not count. Each number is the configured one unless Service Quotas has
// raised it for the account and region (config/count_quotas.hpp). CreateTable also checks the table count
// (max_tables, quota L-F98FE922) and the tables with an operation under way (max_concurrent_table_operations,
// L-1BB77E89); it locks each other table's mutex in turn, so it must be called holding no table lock.
#include <optional>

#include "protocol/api_types.hpp"
#include "services/dynamodb/dynamodb_call.hpp"
#include "services/dynamodb/table.hpp"

namespace chokepoint {

// The provisioned maximums in force for the call's account and region.
struct ProvisionedQuotas {
  long long account_max_read_units, account_max_write_units, table_max_read_units, table_max_write_units;
};
ProvisionedQuotas provisioned_quotas(const DynamoCall& call);

// A table about to be added (not yet in call.tables): the table count, then its throughput.
std::optional<ApiError> check_create_quota(const DynamoCall& call, const Table& table);
// UpdateTable's request against the table (held under its lock), before anything is applied.
std::optional<ApiError> check_update_quota(const DynamoCall& call, const Table& table);

}  // namespace chokepoint
