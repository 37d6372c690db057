#pragma once
// Connects metrics to a running server: the dispatcher reports every request to the metrics observers and
// gives services the metric sink, the control API serves /_chokepoint/metrics and /_chokepoint/report, and
// the CloudWatch service answers from the metric store.
#include <string>

#include "admin/admin_api.hpp"
#include "dispatch/dispatcher.hpp"
#include "metrics/metrics_hub.hpp"
#include "services/service_registry.hpp"
#include "throttle/bucket_store.hpp"

namespace chokepoint {

// False with `error` set when the metrics cannot start (the decision log cannot be opened).
bool wire_metrics(MetricsHub& metrics, ServiceRegistry& services, AdminApi& admin, Dispatcher& dispatcher,
                  BucketStore& buckets, std::string& error);

}  // namespace chokepoint
