#include <catch2/catch.hpp>

#include <random>

#include "metrics/backoff_analysis.hpp"
#include "metrics/retry_report.hpp"

using namespace chokepoint;

namespace {

const TimePoint kReportStart{std::chrono::seconds{1'800'000'000}};
constexpr const char* kLegacyUa =
    "Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux m/b,N,D cfg/retry-mode#legacy Botocore/1.43.11";

struct Client {
  RetryReport& report;
  std::string user_agent = kLegacyUa;
  std::string access_key = "AKIAEXAMPLE";
  uint64_t body = 1;  // the request body's digest: the same for every invocation unless changed
  int http_status_of_failures = 400;
  inline static int next_id = 0;  // invocation ids are unique across clients, as SDKs' UUIDs are

  // One invocation: `outcomes` in order, each attempt `waits_ms[k]` after the previous response.
  TimePoint invoke(TimePoint t, const std::vector<Outcome>& outcomes, const std::vector<double>& waits_ms,
                   int max_attempts = 10) {
    const std::string id = "inv-" + std::to_string(next_id++);
    for (size_t k = 0; k < outcomes.size(); ++k) {
      if (k > 0) t += std::chrono::duration_cast<Duration>(std::chrono::duration<double, std::milli>(waits_ms[k - 1]));
      RequestRecord r;
      r.time = t;
      r.wall_time = t;
      r.service = "dynamodb";
      r.operation = "PutItem";
      r.access_key = access_key;
      r.user_agent = user_agent;
      r.invocation_id = id;
      r.sdk_request =
          k == 0 ? "attempt=1" : "attempt=" + std::to_string(k + 1) + "; max=" + std::to_string(max_attempts);
      r.outcome = outcomes[k];
      r.body_digest = body;
      r.http_status = outcomes[k] == Outcome::kOk ? 200 : http_status_of_failures;
      r.error_code = outcomes[k] == Outcome::kThrottled ? "ProvisionedThroughputExceededException" : "";
      r.duration_ms = 0.5;
      report.on_request(r);
      t += std::chrono::microseconds(500);
    }
    return t;
  }
};

std::vector<Outcome> throttled_then_ok(int throttles) {
  std::vector<Outcome> out(static_cast<size_t>(throttles), Outcome::kThrottled);
  out.push_back(Outcome::kOk);
  return out;
}

const nlohmann::json& only_client(const nlohmann::json& report) {
  REQUIRE(report["clients"].size() == 1);
  return report["clients"][0];
}

}  // namespace

TEST_CASE("retry report: legacy DynamoDB backoff (50 ms x 2^n, no jitter) is recognised", "[metrics][retry]") {
  RetryReport report(RetryReportSettings{});
  Client client{report};
  TimePoint t = kReportStart;
  // botocore legacy DynamoDB: 0.05 * 2^(n-1) s before retry n, exactly; +/- 0.3 ms of timer noise.
  const std::vector<double> waits = {50.2, 100.1, 199.8, 400.3};
  for (int i = 0; i < 4; ++i) t = client.invoke(t + std::chrono::seconds(1), throttled_then_ok(1 + i % 4), waits);
  const auto c = only_client(report.report(t));
  CHECK(c["retry_mode"] == "legacy");
  CHECK(c["invocations"] == 4);
  CHECK(c["requests"] == 4 + 1 + 2 + 3 + 4);
  CHECK(c["amplification"].get<double>() == Approx(14.0 / 4));
  CHECK(c["attempts"] == nlohmann::json{{"2", 1}, {"3", 1}, {"4", 1}, {"5", 1}});
  CHECK(c["throttled_requests"] == 10);
  CHECK(c["gave_up_throttled"] == 0);
  CHECK(c["jitter"]["verdict"] == "not jittered");
  CHECK(c["jitter"]["schedule"] == "exponential");
  CHECK(c["jitter"]["base_ms"].get<double>() == Approx(50).margin(0.5));
  // Waits after attempt 1 (four of them, 50 ms), after attempt 2 (three, 100 ms), ...
  REQUIRE(c["waits"].size() == 4);
  CHECK(c["waits"][0]["after_attempt"] == 1);
  CHECK(c["waits"][0]["count"] == 4);
  CHECK(c["waits"][0]["p50_ms"].get<double>() == Approx(50.2).margin(0.01));
  CHECK(c["waits"][3]["max_ms"].get<double>() == Approx(400.3).margin(0.01));
}

TEST_CASE("retry report: full-jitter backoff (rand() x 2^n) is called jittered", "[metrics][retry]") {
  RetryReport report(RetryReportSettings{});
  Client client{report};
  client.user_agent = "Boto3/1.43.11 cfg/retry-mode#standard";
  std::mt19937 rng(42);
  std::uniform_real_distribution<double> unit(0, 1);
  TimePoint t = kReportStart;
  for (int i = 0; i < 12; ++i) {
    t = client.invoke(t + std::chrono::seconds(1), throttled_then_ok(2), {unit(rng) * 1000, unit(rng) * 2000}, 3);
  }
  const auto c = only_client(report.report(t));
  CHECK(c["retry_mode"] == "standard");
  CHECK(c["amplification"].get<double>() == Approx(3));
  CHECK(c["jitter"]["verdict"] == "jittered");
  CHECK(c["waits"][0]["p90_ms"].get<double>() > c["waits"][0]["p50_ms"].get<double>());
}

TEST_CASE("backoff analysis: constant waits, too few waits, and a fixed schedule per attempt", "[metrics][retry]") {
  std::vector<WaitSample> constant;
  for (int i = 0; i < 5; ++i) constant.push_back({1 + i % 2, 200.0 + i * 0.2});
  const auto c = analyse_backoff(constant);
  CHECK(c.verdict == JitterVerdict::kNotJittered);
  CHECK(c.schedule == "constant");
  CHECK(c.base_ms == Approx(200.4).margin(0.5));
  CHECK(analyse_backoff({{1, 10}, {2, 20}}).verdict == JitterVerdict::kInsufficientData);
  // Fixed but not exponential: 100, 150, 400 ms, three times each.
  std::vector<WaitSample> fixed;
  for (int i = 0; i < 3; ++i) fixed.insert(fixed.end(), {{1, 100}, {2, 150}, {3, 400}});
  CHECK(analyse_backoff(fixed).verdict == JitterVerdict::kNotJittered);
  CHECK(analyse_backoff(fixed).schedule == "fixed per attempt");
  CHECK(percentile_of({5, 1, 3, 2, 4}, 50) == 3);
  CHECK(percentile_of({5, 1, 3, 2, 4}, 90) == 5);
}

TEST_CASE("retry report: an invocation gave up while throttled at its announced last attempt or after a silence",
          "[metrics][retry]") {
  RetryReportSettings settings;
  settings.give_up_after_seconds = 30;
  RetryReport report(settings);
  Client client{report};
  TimePoint t =
      client.invoke(kReportStart, {Outcome::kThrottled, Outcome::kThrottled, Outcome::kThrottled}, {10, 20}, 3);
  t = client.invoke(t, {Outcome::kThrottled}, {});  // attempt 1 of ?: not given up yet
  CHECK(only_client(report.report(t))["gave_up_throttled"] == 1);
  CHECK(only_client(report.report(t + std::chrono::seconds(31)))["gave_up_throttled"] == 2);
}

TEST_CASE("retry report: memory is bounded; evicted invocations still count", "[metrics][retry]") {
  RetryReportSettings settings;
  settings.max_invocations = 32;  // 2 per shard
  RetryReport report(settings);
  Client client{report};
  TimePoint t = kReportStart;
  // Finished invocations (the last attempt succeeded) are folded into totals at once.
  for (int i = 0; i < 500; ++i) t = client.invoke(t, throttled_then_ok(1), {50});
  CHECK(report.tracked() == 0);
  // Open ones (still throttled) are tracked up to the cap; the oldest are folded in, as given up.
  for (int i = 0; i < 300; ++i) t = client.invoke(t, {Outcome::kThrottled, Outcome::kThrottled}, {50});
  CHECK(report.tracked() <= 32);
  CHECK(report.tracked() >= 16);
  const auto c = only_client(report.report(t));
  CHECK(c["invocations"] == 800);
  CHECK(c["requests"] == 1600);
  CHECK(c["waits"][0]["count"] == 800);
  CHECK(c["gave_up_throttled"].get<int>() >= 300 - 32);
  CHECK(c["gave_up_throttled"].get<int>() <= 300);
}

TEST_CASE("retry report: clients are told apart by key and user agent, not by botocore's feature list",
          "[metrics][retry]") {
  RetryReportSettings settings;
  settings.max_clients = 2;
  RetryReport report(settings);
  Client a{report};
  Client a_other_features{report};
  a_other_features.user_agent =
      "Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux m/b,N,D,L cfg/retry-mode#legacy Botocore/1.43.11";
  Client b{report};
  b.access_key = "AKIAOTHER";
  Client c{report};
  c.access_key = "AKIATHIRD";
  TimePoint t = a.invoke(kReportStart, {Outcome::kOk}, {});
  t = a_other_features.invoke(t, {Outcome::kOk}, {});
  t = b.invoke(t, {Outcome::kOk}, {});
  t = c.invoke(t, {Outcome::kOk}, {});
  const auto r = report.report(t);
  REQUIRE(r["clients"].size() == 3);
  CHECK(r["clients"][0]["invocations"] == 2);
  CHECK(r["clients"][0]["user_agent"] ==
        "Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux cfg/retry-mode#legacy Botocore/1.43.11");
  CHECK(r["clients"][2]["access_key"] == "other");
  CHECK(report.report(t, "AKIAOTHER")["clients"].size() == 1);
  report.clear();
  CHECK(report.report(t)["clients"].empty());
}

TEST_CASE("retry report: requests without an invocation id are counted apart", "[metrics][retry]") {
  RetryReport report(RetryReportSettings{});
  RequestRecord r;
  r.time = kReportStart;
  r.wall_time = kReportStart;
  r.access_key = "AKIA";
  r.user_agent = "curl/8";
  r.outcome = Outcome::kThrottled;
  report.on_request(r);
  report.on_request(r);
  const auto c = only_client(report.report(kReportStart));
  CHECK(c["requests_without_invocation_id"] == 2);
  CHECK(c["throttled_requests"] == 2);
  CHECK(c["invocations"] == 0);
  CHECK(c["retry_mode"] == "");
}

TEST_CASE("sdk request header and retry mode parsing", "[metrics][retry]") {
  CHECK(parse_sdk_request("attempt=3; max=5").attempt == 3);
  CHECK(parse_sdk_request("attempt=3; max=5").max == 5);
  CHECK(parse_sdk_request("attempt=1").max == 0);
  CHECK(parse_sdk_request("garbage").attempt == 0);
  CHECK(retry_mode_of("aws-cli/1.45 cfg/retry-mode#adaptive botocore/1.43") == "adaptive");
  CHECK(retry_mode_of("aws-sdk-js/3") == "");
}

TEST_CASE("retry report: an application's own retries (a new invocation each, same body) form one logical call",
          "[metrics][retry]") {
  RetryReport report(RetryReportSettings{});  // retries within give_up_after_seconds (30 s) continue a call
  Client client{report};
  const auto gap = std::chrono::milliseconds(200);
  // tenacity around a client with no SDK retries: three throttled invocations, then one that succeeds.
  TimePoint t = kReportStart;
  for (int i = 0; i < 3; ++i) t = client.invoke(t, {Outcome::kThrottled}, {}) + gap;
  t = client.invoke(t, {Outcome::kOk}, {});
  // Another call (another body), succeeding at once; then the first call's body again, as a new call: the last
  // invocation with that body succeeded.
  client.body = 2;
  t = client.invoke(t + gap, {Outcome::kOk}, {});
  client.body = 1;
  t = client.invoke(t + gap, {Outcome::kOk}, {});
  // A failed call, and the same body again long after: two calls, not one retried.
  client.body = 3;
  t = client.invoke(t + gap, {Outcome::kThrottled}, {});
  t = client.invoke(t + std::chrono::seconds(31), {Outcome::kOk}, {});
  auto c = only_client(report.report(t));
  CHECK(c["invocations"] == 8);
  CHECK(c["logical_calls"] == 5);
  CHECK(c["application_retried_calls"] == 1);
  CHECK(c["application_attempts"] == nlohmann::json{{"1", 4}, {"4", 1}});
  // A call still being retried counts as it stands.
  client.body = 4;
  t = client.invoke(t + gap, {Outcome::kThrottled, Outcome::kThrottled}, {10});
  t = client.invoke(t + gap, {Outcome::kThrottled}, {});
  c = only_client(report.report(t));
  CHECK(c["logical_calls"] == 6);
  CHECK(c["application_attempts"] == nlohmann::json{{"1", 4}, {"2", 1}, {"4", 1}});
  report.clear();
  CHECK(report.report(t)["clients"].empty());
}

TEST_CASE("retry report: injected faults and server errors are counted, with or without an invocation id",
          "[metrics][retry]") {
  RetryReport report(RetryReportSettings{});
  Client client{report};
  client.http_status_of_failures = 500;
  TimePoint t = client.invoke(kReportStart, {Outcome::kFault, Outcome::kFault, Outcome::kOk}, {25, 50});
  client.http_status_of_failures = 503;
  t = client.invoke(t, {Outcome::kUpstreamError, Outcome::kOk}, {25});
  RequestRecord untracked;
  untracked.wall_time = t;
  untracked.access_key = client.access_key;
  untracked.user_agent = client.user_agent;
  untracked.outcome = Outcome::kFault;
  untracked.http_status = 500;
  report.on_request(untracked);
  const auto c = only_client(report.report(t));
  CHECK(c["fault_requests"] == 3);
  CHECK(c["server_error_requests"] == 4);
  CHECK(c["requests_without_invocation_id"] == 1);
  CHECK(c["invocations"] == 2);
}

TEST_CASE("retry report: calls a service makes inside the server are a client of their own, marked internal",
          "[metrics][retry]") {
  RetryReport report(RetryReportSettings{});
  RequestRecord r;
  r.wall_time = kReportStart;
  r.service = "dynamodb";
  r.operation = "CreateTable";
  r.user_agent = "cloudformation.amazonaws.com";
  r.internal = true;
  report.on_request(r);
  Client client{report};
  client.access_key = "";
  client.user_agent = "cloudformation.amazonaws.com";  // a client that merely says so is not internal
  client.invoke(kReportStart, {Outcome::kOk}, {});
  const auto clients = report.report(kReportStart)["clients"];
  REQUIRE(clients.size() == 2);
  int internal = 0;
  for (const auto& c : clients) internal += c["internal"].get<bool>() ? 1 : 0;
  CHECK(internal == 1);
}
