#include "metrics/metrics_hub.hpp"

#include <algorithm>
#include <tuple>

namespace chokepoint {

namespace {

MetricStoreOptions store_options(const MetricsSettings& s) {
  return MetricStoreOptions{std::chrono::minutes(s.retention_minutes), static_cast<size_t>(s.max_series)};
}

}  // namespace

MetricsHub::MetricsHub(const MetricsSettings& settings)
    : settings_(settings),
      caps_(static_cast<size_t>(settings.prometheus.max_accounts), static_cast<size_t>(settings.prometheus.max_regions),
            static_cast<size_t>(settings.prometheus.max_operations)),
      requests_(settings.prometheus, caps_),
      dynamodb_(settings.prometheus, caps_),
      store_(store_options(settings)),
      fanout_(store_, dynamodb_),
      usage_(store_),
      dynamodb_latency_(store_),
      retry_report_(settings.retry_report),
      decision_log_(settings.decision_log) {}

std::vector<RequestObserver*> MetricsHub::observers() {
  std::vector<RequestObserver*> out{&requests_, &usage_, &dynamodb_latency_, &retry_report_};
  if (decision_log_.enabled()) out.push_back(&decision_log_);
  return out;
}

std::string MetricsHub::exposition(BucketStore& buckets, TimePoint now) {
  store_.sweep(now);
  PrometheusText out;
  requests_.write(out);
  write_buckets(out, buckets, now);
  dynamodb_.write(out);
  write_internals(out);
  for (const auto& part : parts_) part(out);
  return out.take();
}

// Bucket levels at scrape time, in a stable order; at most max_bucket_series buckets.
void MetricsHub::write_buckets(PrometheusText& out, BucketStore& buckets, TimePoint now) const {
  auto snapshot = buckets.snapshot(BucketFilter{}, now);
  std::sort(snapshot.begin(), snapshot.end(), [](const BucketSnapshot& a, const BucketSnapshot& b) {
    return std::tie(a.key.account, a.key.region, a.key.service, a.key.bucket) <
           std::tie(b.key.account, b.key.region, b.key.service, b.key.bucket);
  });
  const size_t shown = std::min(snapshot.size(), static_cast<size_t>(settings_.prometheus.max_bucket_series));
  struct Gauge {
    std::string_view name, help;
    double (*value)(const BucketSnapshot&);
  };
  const Gauge gauges[] = {
      {"chokepoint_bucket_tokens", "Tokens in a rate bucket now (negative: debt).",
       [](const BucketSnapshot& b) { return b.tokens; }},
      {"chokepoint_bucket_capacity", "A rate bucket's capacity (burst).",
       [](const BucketSnapshot& b) { return b.limit.burst; }},
      {"chokepoint_bucket_refill_per_second", "A rate bucket's refill rate.",
       [](const BucketSnapshot& b) { return b.limit.rate_per_sec; }},
  };
  for (const auto& g : gauges) {
    out.family(g.name, "gauge", g.help);
    for (size_t i = 0; i < shown; ++i) {
      const BucketKey& k = snapshot[i].key;
      out.sample(g.name, {{"account", k.account}, {"region", k.region}, {"service", k.service}, {"bucket", k.bucket}},
                 g.value(snapshot[i]));
    }
  }
  out.family("chokepoint_bucket_series_omitted", "gauge",
             "Buckets left out of the bucket gauges by metrics.prometheus.max_bucket_series.");
  out.sample("chokepoint_bucket_series_omitted", {}, static_cast<double>(snapshot.size() - shown));
}

void MetricsHub::write_internals(PrometheusText& out) const {
  out.family("chokepoint_label_overflow_total", "counter",
             "Label values reported as \"other\" because the label's cap (metrics.prometheus) was reached.");
  for (const LabelCap* cap :
       {&caps_.accounts, &caps_.regions, &caps_.operations, &requests_.sources(), &dynamodb_.tables()}) {
    out.sample("chokepoint_label_overflow_total", {{"label", cap->label()}}, static_cast<double>(cap->overflowed()));
  }
  out.family("chokepoint_cloudwatch_series", "gauge", "CloudWatch metrics stored.");
  out.sample("chokepoint_cloudwatch_series", {}, static_cast<double>(store_.series_count()));
  out.family("chokepoint_cloudwatch_dropped_points_total", "counter",
             "CloudWatch datapoints dropped because metrics.max_series was reached.");
  out.sample("chokepoint_cloudwatch_dropped_points_total", {}, static_cast<double>(store_.dropped_points()));
  out.family("chokepoint_retry_invocations_tracked", "gauge", "SDK invocations tracked by the retry report.");
  out.sample("chokepoint_retry_invocations_tracked", {}, static_cast<double>(retry_report_.tracked()));
  if (!decision_log_.enabled()) return;
  out.family("chokepoint_decision_log_lines_total", "counter", "Lines written to the decision log.");
  out.sample("chokepoint_decision_log_lines_total", {}, static_cast<double>(decision_log_.lines()));
  out.family("chokepoint_decision_log_errors_total", "counter", "Decision log lines that could not be written.");
  out.sample("chokepoint_decision_log_errors_total", {}, static_cast<double>(decision_log_.write_errors()));
}

void MetricsHub::reset() {
  store_.clear();
  retry_report_.clear();
}

}  // namespace chokepoint
