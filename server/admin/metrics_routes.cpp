#include "admin/metrics_routes.hpp"

#include "metrics/prometheus_text.hpp"

namespace chokepoint {

void register_metrics_routes(AdminApi& admin, MetricsHub& metrics, BucketStore& buckets) {
  admin.add_route("GET", "/_chokepoint/metrics", [&metrics, &buckets](const HttpRequest&, TimePoint now) {
    HttpResponse r;
    r.status = 200;
    r.headers.emplace_back("Content-Type", std::string(PrometheusText::kContentType));
    r.body = metrics.exposition(buckets, now);
    return r;
  });
  admin.add_route("GET", "/_chokepoint/report", [&metrics](const HttpRequest& request, TimePoint now) {
    return admin_json(200, metrics.retry_report().report(now, query_param(request, "access_key")));
  });
  admin.on_reset([&metrics] { metrics.reset(); });
}

}  // namespace chokepoint
