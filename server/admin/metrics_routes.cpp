#include "admin/metrics_routes.hpp"

#include "metrics/prometheus_text.hpp"

namespace chokepoint {

void register_metrics_routes(AdminApi& admin, MetricsHub& metrics, BucketStore& buckets, const Clock& wall) {
  admin.add_route("GET", "/_chokepoint/metrics", [&metrics, &buckets](const HttpRequest&, TimePoint now) {
    HttpResponse r;
    r.status = 200;
    r.headers.emplace_back("Content-Type", std::string(PrometheusText::kContentType));
    r.body = metrics.exposition(buckets, now);
    return r;
  });
  // The report measures client backoff, which happens in real time.
  admin.add_route("GET", "/_chokepoint/report", [&metrics, &wall](const HttpRequest& request, TimePoint) {
    return admin_json(200, metrics.retry_report().report(wall.now(), query_param(request, "access_key")));
  });
  admin.on_reset([&metrics] { metrics.reset(); });
}

}  // namespace chokepoint
