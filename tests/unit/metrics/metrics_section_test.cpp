#include <catch2/catch.hpp>

#include "config/config_loader.hpp"
#include "config_loading.hpp"

using namespace chokepoint;


TEST_CASE("metrics config: defaults", "[metrics][config]") {
  const LoadResult r = load_default_config();
  REQUIRE(r.ok());
  const MetricsSettings& m = r.config->metrics;
  CHECK(m == MetricsSettings{});  // default.yaml and the struct agree
  CHECK(m.retention_minutes == 1440);
  CHECK(m.prometheus.max_accounts == 100);
  CHECK(m.decision_log.path.empty());
  CHECK(m.alarms.evaluate_partial_period);
}

TEST_CASE("metrics config: keys present replace the defaults", "[metrics][config]") {
  const LoadResult r = load_config_text(R"(
metrics:
  retention_minutes: 60
  prometheus: {max_accounts: 3, max_bucket_series: 0}
  retry_report: {give_up_after_seconds: 2.5}
  decision_log: {path: /tmp/d.jsonl, max_bytes: 10000, keep_files: 0}
  alarms: {evaluate_partial_period: false}
)",
                                        "m.yaml");
  INFO(test::errors_text(r));
  REQUIRE(r.ok());
  const MetricsSettings& m = r.config->metrics;
  CHECK(m.retention_minutes == 60);
  CHECK(m.max_series == 20000);
  CHECK(m.prometheus.max_accounts == 3);
  CHECK(m.prometheus.max_regions == 32);
  CHECK(m.prometheus.max_bucket_series == 0);
  CHECK(m.retry_report.give_up_after_seconds == 2.5);
  CHECK(m.decision_log.path == "/tmp/d.jsonl");
  CHECK(m.decision_log.keep_files == 0);
  CHECK_FALSE(m.alarms.evaluate_partial_period);
}

TEST_CASE("metrics config: bad values and unknown keys are errors with their path", "[metrics][config]") {
  const LoadResult r = load_config_text(R"(
metrics:
  retention_minutes: 0
  prometheus: {max_acounts: 3}
  retry_report: {give_up_after_seconds: 0}
  decision_log: {max_bytes: 10}
)",
                                        "bad.yaml");
  REQUIRE_FALSE(r.ok());
  const std::string errors = test::errors_text(r);
  INFO(errors);
  CHECK(errors.find("metrics.retention_minutes") != std::string::npos);
  CHECK(errors.find("max_acounts") != std::string::npos);
  CHECK(errors.find("did you mean 'max_accounts'") != std::string::npos);
  CHECK(errors.find("metrics.retry_report.give_up_after_seconds") != std::string::npos);
  CHECK(errors.find("metrics.decision_log.max_bytes") != std::string::npos);
}
