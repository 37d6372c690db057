#pragma once
// Prometheus counters of API requests, fed by the dispatcher once per request:
//   chokepoint_requests_total{service,operation,account,region,outcome}
//   chokepoint_throttles_total{service,operation,reason,source}   reason: bucket (an API rate bucket; source
//       is its name), service (the service's own capacity, e.g. a DynamoDB table; source is the error code) or
//       rule (a fault rule, throttle or injected error; source is the rule id)
//   chokepoint_request_duration_seconds{service,operation}        histogram, arrival to response sent
// Label values beyond the configured caps become "other". on_request costs two hash lookups under shared
// locks and a few atomic adds once a series exists. Thread-safe.
#include <atomic>
#include <vector>

#include "config/metrics_settings.hpp"
#include "metrics/label_cap.hpp"
#include "metrics/latency_histogram.hpp"
#include "metrics/prometheus_text.hpp"
#include "metrics/series_map.hpp"
#include "protocol/request_record.hpp"

namespace chokepoint {

class RequestMetrics final : public RequestObserver {
 public:
  RequestMetrics(const PrometheusLimits& limits, SharedLabelCaps& shared);

  void on_request(const RequestRecord& record) override;
  void write(PrometheusText& out) const;
  const LabelCap& sources() const { return sources_; }

 private:
  struct RequestEntry {
    std::atomic<uint64_t> count{0};
    LatencyHistogram latency;
  };
  struct CounterEntry {
    std::atomic<uint64_t> count{0};
  };

  void write_latency(PrometheusText& out) const;

  LabelCap sources_;
  SeriesMap<RequestEntry> requests_;   // service, operation, account, region, outcome
  SeriesMap<CounterEntry> throttles_;  // service, operation, reason, source
};

// Why a rejected request was rejected, as chokepoint_throttles_total labels it; empty reason for requests
// that were not rejected by admission, capacity or a rule.
struct ThrottleLabels {
  std::string_view reason;
  std::string_view source;
};
ThrottleLabels throttle_labels(const RequestRecord& record);

}  // namespace chokepoint
