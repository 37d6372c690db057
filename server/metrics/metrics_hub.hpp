#pragma once
// Everything metrics-related a running server owns, built from the `metrics:` settings at start-up:
//   - the CloudWatch metric store (AWS/DynamoDB from services, AWS/Usage from requests, PutMetricData),
//   - Prometheus counters of requests, throttles, latency and DynamoDB capacity, with bounded labels,
//   - the retry report and the optional decision log.
// sink() is what services report datapoints to; observers() go to the dispatcher. Thread-safe.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config/metrics_settings.hpp"
#include "metrics/decision_log.hpp"
#include "metrics/dynamodb_latency.hpp"
#include "metrics/dynamodb_prometheus.hpp"
#include "metrics/label_cap.hpp"
#include "metrics/metric_store.hpp"
#include "metrics/prometheus_text.hpp"
#include "metrics/request_metrics.hpp"
#include "metrics/retry_report.hpp"
#include "metrics/usage_metrics.hpp"
#include "throttle/bucket_store.hpp"

namespace chokepoint {

class MetricsHub {
 public:
  explicit MetricsHub(const MetricsSettings& settings);

  // Opens the decision log when one is configured; false with `error` set when it cannot be.
  bool start(std::string& error) { return decision_log_.open(error); }

  MetricSink& sink() { return fanout_; }
  MetricStore& store() { return store_; }
  RetryReport& retry_report() { return retry_report_; }
  std::vector<RequestObserver*> observers();

  // The Prometheus exposition, with bucket levels read from `buckets` now.
  std::string exposition(BucketStore& buckets, TimePoint now);
  // Families that parts built elsewhere add to the exposition (the shared bucket store's); set at start-up.
  void add_exposition_part(std::function<void(PrometheusText&)> part) { parts_.push_back(std::move(part)); }
  // POST /_chokepoint/reset: stored CloudWatch data and the retry report go; Prometheus counters stay
  // (counters only ever grow; Prometheus copes with restarts, not with resets).
  void reset();

 private:
  // Services' datapoints go to the store and to the Prometheus view of DynamoDB.
  class Fanout final : public MetricSink {
   public:
    Fanout(MetricStore& store, DynamoDbPrometheus& dynamodb) : store_(store), dynamodb_(dynamodb) {}
    void put(const MetricPoint& point) override {
      store_.put(point);
      dynamodb_.put(point);
    }

   private:
    MetricStore& store_;
    DynamoDbPrometheus& dynamodb_;
  };

  void write_buckets(PrometheusText& out, BucketStore& buckets, TimePoint now) const;
  void write_internals(PrometheusText& out) const;

  MetricsSettings settings_;
  SharedLabelCaps caps_;
  RequestMetrics requests_;
  DynamoDbPrometheus dynamodb_;
  MetricStore store_;
  Fanout fanout_;
  UsageMetrics usage_;
  DynamoDbLatency dynamodb_latency_;
  RetryReport retry_report_;
  DecisionLog decision_log_;
  std::vector<std::function<void(PrometheusText&)>> parts_;
};

}  // namespace chokepoint
