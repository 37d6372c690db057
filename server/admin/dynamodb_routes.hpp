#pragma once
// The DynamoDB capacity inspection API:
//   GET /_chokepoint/dynamodb/tables
// lists every table as {"tables": [{"account", "region", "table"}]};
//   GET /_chokepoint/dynamodb/tables/{account}/{region}/{table}
// shows the table's mode, its table-level buckets (burst level, or on-demand previous peak and limits), and
// per partition of the table and of each global index: key range (24-bit hash prefixes), share, burst level,
// consumption and throttles per second over the last minute, and totals; plus counters of throttled requests
// and of UnprocessedItems/UnprocessedKeys returned by batches; "now" is the emulated time the series end at. 404
// when the table does not exist.
#include "admin/admin_api.hpp"
#include "services/dynamodb/dynamodb_service.hpp"

namespace chokepoint {

void register_dynamodb_routes(AdminApi& admin, const DynamoDbService& dynamodb);

}  // namespace chokepoint
