#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "metrics/metrics_hub.hpp"
#include "metrics/prometheus_text.hpp"
#include "throttle/in_memory_bucket_store.hpp"

using namespace chokepoint;

// Observers are called from every I/O thread at once: no count may be lost.
TEST_CASE("metrics observers: concurrent requests from several threads are all counted", "[metrics]") {
  MetricsSettings settings;
  MetricsHub hub(settings);
  const auto observers = hub.observers();
  constexpr int kThreads = 4, kPerThread = 5000;
  const TimePoint t0{std::chrono::seconds{1'800'000'000}};
  std::vector<std::thread> threads;
  for (int n = 0; n < kThreads; ++n) {
    threads.emplace_back([&, n] {
      RequestRecord r;
      r.time = t0;
      r.wall_time = t0;
      r.service = "ssm";
      r.operation = n % 2 ? "GetParameter" : "PutParameter";
      r.account = "11111111111" + std::to_string(n);
      r.region = "us-east-1";
      r.access_key = r.account;
      r.user_agent = "Boto3/1.43.11 cfg/retry-mode#standard";
      for (int i = 0; i < kPerThread; ++i) {
        r.invocation_id = std::to_string(n) + "-" + std::to_string(i / 2);
        r.outcome = i % 2 ? Outcome::kOk : Outcome::kThrottled;  // every invocation: throttled, then ok
        for (auto* o : observers) o->on_request(r);
      }
    });
  }
  for (auto& t : threads) t.join();
  InMemoryBucketStore buckets;
  const std::string text = hub.exposition(buckets, t0);
  for (int n = 0; n < kThreads; ++n) {
    const std::string labels = std::string("service=\"ssm\",operation=\"") + (n % 2 ? "GetParameter" : "PutParameter") +
                               "\",account=\"11111111111" + std::to_string(n) + "\",region=\"us-east-1\"";
    CHECK(text.find("chokepoint_requests_total{" + labels + ",outcome=\"ok\"} 2500\n") != std::string::npos);
    CHECK(text.find("chokepoint_requests_total{" + labels + ",outcome=\"throttled\"} 2500\n") != std::string::npos);
  }
  const auto report = hub.retry_report().report(t0);
  uint64_t invocations = 0, requests = 0;
  for (const auto& c : report["clients"]) {
    invocations += c["invocations"].get<uint64_t>();
    requests += c["requests"].get<uint64_t>();
  }
  CHECK(invocations == kThreads * kPerThread / 2);
  CHECK(requests == kThreads * kPerThread);
  CHECK(hub.retry_report().tracked() == 0);
}
