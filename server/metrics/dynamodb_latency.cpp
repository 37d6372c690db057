#include "metrics/dynamodb_latency.hpp"

namespace chokepoint {

void DynamoDbLatency::on_request(const RequestRecord& r) {
  if (r.service != "dynamodb" || r.outcome != Outcome::kOk || r.table.empty()) return;
  const MetricDimensionRef dims[] = {{"Operation", r.operation}, {"TableName", r.table}};
  sink_.put(MetricPoint{r.account, r.region, "AWS/DynamoDB", "SuccessfulRequestLatency", dims,
                        MetricValue::of(r.duration_ms + r.held_ms), "Milliseconds", r.time});
}

}  // namespace chokepoint
