#pragma once
// Connects metrics to a running server: the dispatcher reports every request to the metrics observers and
// gives services the metric sink, and the control API serves /_chokepoint/metrics and /_chokepoint/report.
// (The CloudWatch service, which answers from the metric store, is one of the service modules.)
#include <string>

#include "admin/admin_api.hpp"
#include "dispatch/dispatcher.hpp"
#include "metrics/metrics_hub.hpp"
#include "throttle/bucket_store.hpp"

namespace chokepoint {

// False with `error` set when the metrics cannot start (the decision log cannot be opened).
bool wire_metrics(MetricsHub& metrics, AdminApi& admin, Dispatcher& dispatcher, BucketStore& buckets, const Clock& wall,
                  std::string& error);

}  // namespace chokepoint
