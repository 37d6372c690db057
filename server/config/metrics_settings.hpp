#pragma once
// Settings of metrics, the CloudWatch emulation, the retry report and the decision log: the `metrics:`
// section of the configuration. Everything but `alarms` is read once at start-up.
#include <cstdint>
#include <string>

namespace chokepoint {

// Caps on the distinct values of Prometheus labels; values beyond a cap are reported as "other".
struct PrometheusLimits {
  long long max_accounts = 100;
  long long max_regions = 32;
  long long max_operations = 1000;
  long long max_throttle_sources = 500;  // bucket names and fault rule ids in chokepoint_throttles_total
  long long max_tables = 500;            // DynamoDB tables and indexes
  long long max_bucket_series = 5000;    // bucket gauges per scrape (the rest are left out and counted)
  bool operator==(const PrometheusLimits&) const = default;
};

struct RetryReportSettings {
  long long max_invocations = 50'000;  // invocations tracked at once; the oldest are folded into totals
  long long max_clients = 500;         // distinct (access key, user agent) pairs; later ones share "other"
  // An invocation whose last attempt failed and that has not been retried for this long has given up.
  double give_up_after_seconds = 30;
  bool operator==(const RetryReportSettings&) const = default;
};

struct DecisionLogSettings {
  std::string path;                         // empty: no decision log
  long long max_bytes = 100 * 1024 * 1024;  // rotate when the file reaches this size
  long long keep_files = 3;                 // rotated files kept: path.1 (newest) .. path.N
  bool operator==(const DecisionLogSettings&) const = default;
};

struct AlarmSettings {
  long long max_alarms = 5000;  // per account and region; PutMetricAlarm beyond it answers LimitExceeded
  // true: the current, still filling period counts as the newest period, so an alarm reacts as soon as the
  // data crosses the threshold; false: only complete periods count (CloudWatch's behaviour, a minute later).
  bool evaluate_partial_period = true;
  bool operator==(const AlarmSettings&) const = default;
};

struct MetricsSettings {
  long long retention_minutes = 24 * 60;  // CloudWatch datapoints older than this are dropped
  long long max_series = 20'000;          // CloudWatch metrics stored; datapoints of further new ones are dropped
  PrometheusLimits prometheus;
  RetryReportSettings retry_report;
  DecisionLogSettings decision_log;
  AlarmSettings alarms;
  bool operator==(const MetricsSettings&) const = default;
};

}  // namespace chokepoint
