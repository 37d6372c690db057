#pragma once
// RestoreTableFromBackup and RestoreTableToPointInTime share this: the new table is the CreateTable request the
// source's description stands for (key schema, indexes, billing mode and throughput, encryption, table class),
// with the request's overrides (BillingModeOverride, ProvisionedThroughputOverride, OnDemandThroughputOverride,
// GlobalSecondaryIndexOverride, LocalSecondaryIndexOverride, SSESpecificationOverride) applied, built and checked
// by CreateTable's own code and quotas; it starts CREATING like any new table, already holding the source's
// items, with a RestoreSummary. Tags, TTL, streams, point-in-time recovery and Contributor Insights are not
// restored, as on AWS.
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/api_types.hpp"
#include "services/dynamodb/dynamodb_call.hpp"
#include "services/dynamodb/packed_item.hpp"
#include "services/dynamodb/table.hpp"

namespace chokepoint {

struct RestoreSource {
  const nlohmann::json& description;  // the source table's DescribeTable description
  const std::vector<PackedItem>& items;
  RestoreSummary summary;
};

// The CreateTable parameters for TargetTableName (exposed for tests).
nlohmann::json restore_create_params(const nlohmann::json& request, const nlohmann::json& description);

// Creates TargetTableName from the source; the response is {"TableDescription": ...}.
ApiResult restore_table(DynamoCall& call, const RestoreSource& source);

}  // namespace chokepoint
