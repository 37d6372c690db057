#pragma once
// Control-plane operation handlers: tables, their throughput, indexes, TTL and tags, and account limits.
#include "protocol/api_types.hpp"
#include "services/dynamodb/dynamodb_call.hpp"

namespace chokepoint {

ApiResult create_table(DynamoCall& call);
ApiResult describe_table(DynamoCall& call);
ApiResult list_tables(DynamoCall& call);
ApiResult delete_table(DynamoCall& call);
ApiResult update_table(DynamoCall& call);
ApiResult describe_limits(DynamoCall& call);
ApiResult describe_endpoints(DynamoCall& call);
ApiResult describe_continuous_backups(DynamoCall& call);
ApiResult update_continuous_backups(DynamoCall& call);
ApiResult restore_table_to_point_in_time(DynamoCall& call);
ApiResult update_contributor_insights(DynamoCall& call);
ApiResult describe_contributor_insights(DynamoCall& call);
ApiResult list_contributor_insights(DynamoCall& call);
ApiResult create_backup(DynamoCall& call);
ApiResult describe_backup(DynamoCall& call);
ApiResult list_backups(DynamoCall& call);
ApiResult delete_backup(DynamoCall& call);
ApiResult restore_table_from_backup(DynamoCall& call);
ApiResult update_time_to_live(DynamoCall& call);
ApiResult describe_time_to_live(DynamoCall& call);
ApiResult tag_resource(DynamoCall& call);
ApiResult untag_resource(DynamoCall& call);
ApiResult list_tags_of_resource(DynamoCall& call);
ApiResult put_resource_policy(DynamoCall& call);
ApiResult get_resource_policy(DynamoCall& call);
ApiResult delete_resource_policy(DynamoCall& call);

// The table an ARN (of a table, or of one of its indexes or streams) names in the caller's account and region;
// null when there is none.
std::shared_ptr<Table> table_of_arn(DynamoCall& call, const std::string& arn);

// Builds a new table from CreateTable parameters (also used for tables declared in the configuration).
// Returns the table, or DynamoDB's validation message.
std::variant<std::shared_ptr<Table>, std::string> new_table(const nlohmann::json& params, const DynamoCall& call);

}  // namespace chokepoint
