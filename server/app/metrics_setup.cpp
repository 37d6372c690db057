#include "app/metrics_setup.hpp"

#include "admin/metrics_routes.hpp"

namespace chokepoint {

bool wire_metrics(MetricsHub& metrics, AdminApi& admin, Dispatcher& dispatcher, BucketStore& buckets, const Clock& wall,
                  std::string& error) {
  if (!metrics.start(error)) return false;
  for (RequestObserver* observer : metrics.observers()) dispatcher.add_observer(observer);
  dispatcher.set_metric_sink(&metrics.sink());
  register_metrics_routes(admin, metrics, buckets, wall);
  return true;
}

}  // namespace chokepoint
