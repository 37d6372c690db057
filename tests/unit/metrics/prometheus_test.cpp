#include <catch2/catch.hpp>

#include "metrics/dynamodb_prometheus.hpp"
#include "metrics/prometheus_text.hpp"
#include "metrics/request_metrics.hpp"

using namespace chokepoint;

namespace {

RequestRecord record(std::string op, Outcome outcome, std::string account = "111111111111") {
  RequestRecord r;
  r.service = "ssm";
  r.operation = std::move(op);
  r.account = std::move(account);
  r.region = "us-east-1";
  r.outcome = outcome;
  r.duration_ms = 0.3;
  return r;
}

bool has_line(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

}  // namespace

TEST_CASE("prometheus text: families and samples, label values escaped", "[metrics]") {
  PrometheusText out;
  out.family("x_total", "counter", "Help with \\ and\nnewline.");
  out.sample("x_total", {{"a", "q\"uote"}, {"b", "back\\slash\nnl"}}, 3);
  out.sample("x_total", {{"a", "\x01"}}, 0.25);
  out.sample("y", {}, 1e20);
  const std::string& t = out.text();
  CHECK(has_line(t, "# HELP x_total Help with \\\\ and\\nnewline."));
  CHECK(has_line(t, "# TYPE x_total counter"));
  CHECK(has_line(t, "x_total{a=\"q\\\"uote\",b=\"back\\\\slash\\nnl\"} 3"));
  CHECK(has_line(t, "x_total{a=\"?\"} 0.25"));
  CHECK(has_line(t, "y 1e+20"));
}

TEST_CASE("request metrics: counters by labels, throttles by reason, latency histogram", "[metrics]") {
  PrometheusLimits limits;
  SharedLabelCaps caps(10, 10, 10);
  RequestMetrics m(limits, caps);
  for (int i = 0; i < 3; ++i) m.on_request(record("GetParameter", Outcome::kOk));
  auto throttled = record("GetParameter", Outcome::kThrottled);
  throttled.decided_by = "ParameterReads";
  m.on_request(throttled);
  auto faulted = record("GetParameter", Outcome::kFault);
  faulted.decided_by = "fault:f3";
  m.on_request(faulted);
  auto capacity = record("PutItem", Outcome::kThrottled);
  capacity.error_code = "ProvisionedThroughputExceededException";
  m.on_request(capacity);
  PrometheusText out;
  m.write(out);
  const std::string& t = out.text();
  const std::string labels = "service=\"ssm\",operation=\"GetParameter\",account=\"111111111111\",region=\"us-east-1\"";
  CHECK(has_line(t, "chokepoint_requests_total{" + labels + ",outcome=\"ok\"} 3"));
  CHECK(has_line(t, "chokepoint_requests_total{" + labels + ",outcome=\"throttled\"} 1"));
  CHECK(has_line(t, "chokepoint_requests_total{" + labels + ",outcome=\"fault\"} 1"));
  CHECK(has_line(t,
                 "chokepoint_throttles_total{service=\"ssm\",operation=\"GetParameter\",reason=\"bucket\",source="
                 "\"ParameterReads\"} 1"));
  CHECK(has_line(
      t, "chokepoint_throttles_total{service=\"ssm\",operation=\"GetParameter\",reason=\"rule\",source=\"f3\"} 1"));
  CHECK(has_line(t,
                 "chokepoint_throttles_total{service=\"ssm\",operation=\"PutItem\",reason=\"service\",source="
                 "\"ProvisionedThroughputExceededException\"} 1"));
  // 0.3 ms: not in the 0.00025 s bucket, in the 0.0005 s one; cumulative; +Inf = count = 5.
  CHECK(has_line(
      t, "chokepoint_request_duration_seconds_bucket{service=\"ssm\",operation=\"GetParameter\",le=\"0.00025\"} 0"));
  CHECK(has_line(
      t, "chokepoint_request_duration_seconds_bucket{service=\"ssm\",operation=\"GetParameter\",le=\"0.0005\"} 5"));
  CHECK(has_line(
      t, "chokepoint_request_duration_seconds_bucket{service=\"ssm\",operation=\"GetParameter\",le=\"+Inf\"} 5"));
  CHECK(has_line(t, "chokepoint_request_duration_seconds_count{service=\"ssm\",operation=\"GetParameter\"} 5"));
}

TEST_CASE("request metrics: label values beyond a cap become \"other\" and are counted", "[metrics]") {
  PrometheusLimits limits;
  SharedLabelCaps caps(2, 10, 10);
  RequestMetrics m(limits, caps);
  for (const char* account : {"111111111111", "222222222222", "333333333333", "444444444444", "333333333333"}) {
    m.on_request(record("GetParameter", Outcome::kOk, account));
  }
  PrometheusText out;
  m.write(out);
  const std::string& t = out.text();
  CHECK(has_line(t,
                 "chokepoint_requests_total{service=\"ssm\",operation=\"GetParameter\",account=\"111111111111\",region="
                 "\"us-east-1\",outcome=\"ok\"} 1"));
  CHECK(has_line(t,
                 "chokepoint_requests_total{service=\"ssm\",operation=\"GetParameter\",account=\"other\",region=\"us-"
                 "east-1\",outcome=\"ok\"} 3"));
  CHECK(t.find("333333333333") == std::string::npos);
  CHECK(caps.accounts.overflowed() == 3);
}

TEST_CASE("dynamodb prometheus: capacity, provisioned and throttle events from AWS/DynamoDB datapoints", "[metrics]") {
  PrometheusLimits limits;
  SharedLabelCaps caps(10, 10, 10);
  DynamoDbPrometheus d(limits, caps);
  const TimePoint t{std::chrono::seconds{1'800'000'000}};
  const MetricDimensionRef table[] = {{"TableName", "orders"}};
  const MetricDimensionRef index[] = {{"TableName", "orders"}, {"GlobalSecondaryIndexName", "byCustomer"}};
  const MetricDimensionRef op[] = {{"TableName", "orders"}, {"Operation", "PutItem"}};
  auto put = [&](std::span<const MetricDimensionRef> dims, std::string_view name, double v) {
    d.put(MetricPoint{"111111111111", "us-east-1", "AWS/DynamoDB", name, dims, MetricValue::of(v), "Count", t});
  };
  put(table, "ConsumedWriteCapacityUnits", 2.5);
  put(table, "ConsumedWriteCapacityUnits", 1);
  put(index, "ConsumedWriteCapacityUnits", 1);
  put(table, "ProvisionedWriteCapacityUnits", 5);
  put(table, "ProvisionedWriteCapacityUnits", 10);
  put(table, "WriteThrottleEvents", 1);
  put(op, "ThrottledRequests", 1);
  d.put(MetricPoint{"111111111111", "us-east-1", "App", "ConsumedWriteCapacityUnits", table, MetricValue::of(99),
                    "Count", t});
  PrometheusText out;
  d.write(out);
  const std::string& t_ = out.text();
  const std::string base = "account=\"111111111111\",region=\"us-east-1\",table=\"orders\"";
  CHECK(has_line(t_, "chokepoint_dynamodb_consumed_capacity_units_total{" + base + ",index=\"\",kind=\"write\"} 3.5"));
  CHECK(has_line(
      t_, "chokepoint_dynamodb_consumed_capacity_units_total{" + base + ",index=\"byCustomer\",kind=\"write\"} 1"));
  CHECK(has_line(t_, "chokepoint_dynamodb_provisioned_capacity_units{" + base + ",index=\"\",kind=\"write\"} 10"));
  CHECK(has_line(t_, "chokepoint_dynamodb_throttle_events_total{" + base + ",index=\"\",kind=\"write\"} 1"));
  CHECK(has_line(t_, "chokepoint_dynamodb_throttled_requests_total{" + base + ",operation=\"PutItem\"} 1"));
  CHECK(t_.find("99") == std::string::npos);
}
