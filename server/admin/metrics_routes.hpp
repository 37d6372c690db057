#pragma once
// GET /_chokepoint/metrics: Prometheus text exposition (requests, throttles, latency, bucket levels, DynamoDB
//     capacity; see metrics/request_metrics.hpp, metrics/dynamodb_prometheus.hpp, metrics/metrics_hub.hpp).
// GET /_chokepoint/report[?access_key=K]: the retry report as JSON (see metrics/retry_report.hpp).
#include "admin/admin_api.hpp"
#include "metrics/metrics_hub.hpp"
#include "throttle/bucket_store.hpp"

namespace chokepoint {

// `wall`: the retry report measures client backoff in real time, whatever the emulated clock does.
void register_metrics_routes(AdminApi& admin, MetricsHub& metrics, BucketStore& buckets, const Clock& wall);

}  // namespace chokepoint
