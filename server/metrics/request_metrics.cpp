#include "metrics/request_metrics.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <tuple>

namespace chokepoint {

ThrottleLabels throttle_labels(const RequestRecord& r) {
  const std::string_view decided = r.decided_by;
  if (const auto rule = fault_rule_of(r); r.outcome == Outcome::kFault && rule) return {"rule", *rule};
  if (r.outcome != Outcome::kThrottled) return {};
  if (!decided.empty()) return {"bucket", decided};
  return {"service", r.error_code};
}

RequestMetrics::RequestMetrics(const PrometheusLimits& limits, SharedLabelCaps& shared)
    : sources_("source", static_cast<size_t>(limits.max_throttle_sources)),
      requests_({nullptr, &shared.operations, &shared.accounts, &shared.regions, nullptr}),
      throttles_({nullptr, &shared.operations, nullptr, &sources_}) {}

void RequestMetrics::on_request(const RequestRecord& r) {
  const std::string_view labels[] = {r.service, r.operation, r.account, r.region, outcome_name(r.outcome)};
  RequestEntry& entry = requests_.get(labels);
  entry.count.fetch_add(1, std::memory_order_relaxed);
  entry.latency.observe((r.duration_ms + r.held_ms) / 1000.0);
  const ThrottleLabels why = throttle_labels(r);
  if (why.reason.empty()) return;
  const std::string_view throttle_labels[] = {r.service, r.operation, why.reason, why.source};
  throttles_.get(throttle_labels).count.fetch_add(1, std::memory_order_relaxed);
}

void RequestMetrics::write(PrometheusText& out) const {
  out.family("chokepoint_requests_total", "counter",
             "API requests by service, operation, account, region and outcome.");
  requests_.for_each([&](const std::vector<std::string>& l, const RequestEntry& e) {
    out.sample("chokepoint_requests_total",
               {{"service", l[0]}, {"operation", l[1]}, {"account", l[2]}, {"region", l[3]}, {"outcome", l[4]}},
               static_cast<double>(e.count.load(std::memory_order_relaxed)));
  });
  out.family("chokepoint_throttles_total", "counter",
             "Rejected requests by reason: bucket (API rate bucket), service (the service's own capacity) or rule "
             "(fault rule).");
  throttles_.for_each([&](const std::vector<std::string>& l, const CounterEntry& e) {
    out.sample("chokepoint_throttles_total",
               {{"service", l[0]}, {"operation", l[1]}, {"reason", l[2]}, {"source", l[3]}},
               static_cast<double>(e.count.load(std::memory_order_relaxed)));
  });
  write_latency(out);
}

// The histogram is kept per request series (so one lookup serves both) and summed per service and operation
// here, at scrape time.
void RequestMetrics::write_latency(PrometheusText& out) const {
  std::map<std::pair<std::string, std::string>, LatencyHistogram::Snapshot> by_operation;
  requests_.for_each([&](const std::vector<std::string>& l, const RequestEntry& e) {
    by_operation[{l[0], l[1]}].add(e.latency.snapshot());
  });
  constexpr std::string_view kName = "chokepoint_request_duration_seconds";
  out.family(kName, "histogram", "Time from a request's arrival to its response, by service and operation.");
  for (const auto& [key, snap] : by_operation) {
    const auto& [service, operation] = key;
    uint64_t cumulative = 0;
    for (size_t i = 0; i < LatencyHistogram::kBounds.size(); ++i) {
      cumulative += snap.buckets[i];
      char le[32];
      std::snprintf(le, sizeof le, "%g", LatencyHistogram::kBounds[i]);
      out.sample("chokepoint_request_duration_seconds_bucket",
                 {{"service", service}, {"operation", operation}, {"le", le}}, static_cast<double>(cumulative));
    }
    // Buckets and count are read one by one while requests go on; +Inf must not fall below the last bucket.
    const auto total = std::max(snap.count, cumulative);
    out.sample("chokepoint_request_duration_seconds_bucket",
               {{"service", service}, {"operation", operation}, {"le", "+Inf"}}, static_cast<double>(total));
    out.sample("chokepoint_request_duration_seconds_sum", {{"service", service}, {"operation", operation}},
               snap.sum_seconds);
    out.sample("chokepoint_request_duration_seconds_count", {{"service", service}, {"operation", operation}},
               static_cast<double>(total));
  }
}

}  // namespace chokepoint
