// metrics: section. Retention and series bounds of the CloudWatch store, Prometheus label caps, the retry
// report's bounds, the decision log and alarm evaluation. Keys present replace the defaults.
#include "config/sections.hpp"

namespace chokepoint {

namespace {

constexpr IntRange kAtLeastOne{1, LLONG_MAX};

void read_prometheus(YamlReader& reader, const YamlNode& node, PrometheusLimits& out) {
  if (!reader.expect_mapping(node, {"max_accounts", "max_regions", "max_operations", "max_throttle_sources",
                                    "max_tables", "max_bucket_series"})) {
    return;
  }
  reader.read(node, "max_accounts", out.max_accounts, kAtLeastOne);
  reader.read(node, "max_regions", out.max_regions, kAtLeastOne);
  reader.read(node, "max_operations", out.max_operations, kAtLeastOne);
  reader.read(node, "max_throttle_sources", out.max_throttle_sources, kAtLeastOne);
  reader.read(node, "max_tables", out.max_tables, kAtLeastOne);
  reader.read(node, "max_bucket_series", out.max_bucket_series, IntRange{0, LLONG_MAX});
}

void read_retry_report(YamlReader& reader, const YamlNode& node, RetryReportSettings& out) {
  if (!reader.expect_mapping(node, {"max_invocations", "max_clients", "give_up_after_seconds"})) return;
  reader.read(node, "max_invocations", out.max_invocations, kAtLeastOne);
  reader.read(node, "max_clients", out.max_clients, kAtLeastOne);
  reader.read(node, "give_up_after_seconds", out.give_up_after_seconds, NumberRange{0, true});
}

void read_decision_log(YamlReader& reader, const YamlNode& node, DecisionLogSettings& out) {
  if (!reader.expect_mapping(node, {"path", "max_bytes", "keep_files"})) return;
  reader.read(node, "path", out.path);
  reader.read(node, "max_bytes", out.max_bytes, IntRange{4096, LLONG_MAX});
  reader.read(node, "keep_files", out.keep_files, IntRange{0, 100});
}

void read_alarms(YamlReader& reader, const YamlNode& node, AlarmSettings& out) {
  if (!reader.expect_mapping(node, {"max_alarms", "evaluate_partial_period"})) return;
  reader.read(node, "max_alarms", out.max_alarms, kAtLeastOne);
  reader.read(node, "evaluate_partial_period", out.evaluate_partial_period);
}

}  // namespace

void read_metrics_section(YamlReader& reader, const YamlNode& section, Config& config) {
  if (!reader.expect_mapping(
          section, {"retention_minutes", "max_series", "prometheus", "retry_report", "decision_log", "alarms"})) {
    return;
  }
  MetricsSettings& m = config.metrics;
  // CloudWatch keeps 1-minute data for 15 days; more is never needed.
  reader.read(section, "retention_minutes", m.retention_minutes, IntRange{1, 15 * 24 * 60});
  reader.read(section, "max_series", m.max_series, kAtLeastOne);
  if (auto node = section.child("prometheus")) read_prometheus(reader, *node, m.prometheus);
  if (auto node = section.child("retry_report")) read_retry_report(reader, *node, m.retry_report);
  if (auto node = section.child("decision_log")) read_decision_log(reader, *node, m.decision_log);
  if (auto node = section.child("alarms")) read_alarms(reader, *node, m.alarms);
}

}  // namespace chokepoint
