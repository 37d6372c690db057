#pragma once
// DynamoDB's CloudWatch metrics for one data-plane request, as DynamoDB publishes them (namespace AWS/DynamoDB;
// names, units and dimensions in metrics/metric_sink.hpp):
//   Consumed{Read,Write}CapacityUnits     what the request consumed: {TableName} for the table (local indexes
//                                         included: they use the table's capacity), {TableName,
//                                         GlobalSecondaryIndexName} for each global index
//   Provisioned{Read,Write}CapacityUnits  with every consumption of a provisioned table, the table's and each
//                                         global index's provisioned units (a gauge)
//   {Read,Write}ThrottleEvents            one per refused admission (a request, or one item of a batch or a
//                                         transaction): {TableName} always, and {TableName,
//                                         GlobalSecondaryIndexName} for each global index that lacked capacity
//   ThrottledRequests                     one per request with a throttle event, {TableName, Operation}; for
//                                         BatchGetItem/BatchWriteItem only when the whole call failed (AWS counts
//                                         a batch only when every request in it was throttled)
// SuccessfulRequestLatency needs the request's duration, which only the dispatcher knows; the metrics layer
// reports it (metrics/dynamodb_latency.hpp).
#include <string_view>

#include "metrics/metric_sink.hpp"
#include "services/dynamodb/dynamodb_call.hpp"
#include "services/service.hpp"

namespace chokepoint {

void report_capacity_metrics(const DynamoCall& call, std::string_view operation, bool failed, MetricSink& sink);

// What the request consumed, for its request record: the sums its Consumed*CapacityUnits datapoints carry, and
// the first table they name.
ConsumedCapacity consumed_capacity(const CapacityRecord& record);

}  // namespace chokepoint
