#pragma once
// How clients retried. SDK requests carry `amz-sdk-invocation-id` (one per API call, the same on every retry)
// and `amz-sdk-request: attempt=N; max=M`; requests are grouped by invocation, and invocations by client
// (access key and user agent, which names the SDK and its retry mode, e.g. `cfg/retry-mode#legacy`; the
// per-request feature list `m/...` is left out).
// Per client: invocations, requests, amplification (requests per invocation), attempts histogram, the wait
// between attempt k's response and attempt k+1's arrival (p50/p90/max), invocations that gave up while
// throttled, a jitter verdict, the answers that were injected faults or server errors (5xx), and the
// application's own retries around the SDK (logical_calls.hpp). Calls that services make inside the server
// (CloudFormation provisioning, auto scaling) are clients of their own, marked internal.
//
// Bounded: at most `max_invocations` invocations are tracked individually; the oldest are folded into
// per-client totals (their waits into a bounded sample), and at most `max_clients` clients are told apart.
// An invocation has given up while throttled when its last attempt was throttled and either that attempt
// was the announced last one (attempt = max) or no retry came for `give_up_after_seconds`.
// Thread-safe: invocations live in shards, one mutex each.
#include <array>
#include <deque>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "config/metrics_settings.hpp"
#include "metrics/backoff_analysis.hpp"
#include "metrics/flat_key.hpp"
#include "metrics/logical_calls.hpp"
#include "protocol/request_record.hpp"

namespace chokepoint {

// "attempt=2; max=5" -> {2, 5}; missing parts are 0.
struct SdkAttempt {
  int attempt = 0;
  int max = 0;
};
SdkAttempt parse_sdk_request(std::string_view header);

// A user agent without botocore's per-request feature list (`m/b,N,D`), which changes from call to call
// (e.g. `L` when a body was compressed) while the client stays the same.
std::string client_user_agent(std::string_view user_agent);

// The retry mode a user agent announces ("legacy", "standard", "adaptive"), or empty.
std::string retry_mode_of(std::string_view user_agent);

class RetryReport final : public RequestObserver {
 public:
  static constexpr int kMaxAttempts = 32;  // attempts beyond this are counted in the last histogram bucket

  explicit RetryReport(const RetryReportSettings& settings);

  void on_request(const RequestRecord& record) override;

  // The report as GET /_chokepoint/report returns it; `access_key` filters when not empty.
  nlohmann::json report(TimePoint now, std::string_view access_key = {}) const;
  void clear();
  size_t tracked() const;

 private:
  struct Invocation {
    uint32_t client = 0;
    TimePoint last_sent;  // when the last attempt's response went out
    int attempts = 0;
    int announced_max = 0;
    int last_attempt = 0;  // from the header, 0 when absent
    bool last_throttled = false;
    int throttled = 0;            // attempts that were throttled
    int faults = 0;               // attempts answered by a fault rule
    int server_errors = 0;        // attempts answered with a 5xx
    std::vector<float> waits_ms;  // waits_ms[k-1]: after attempt k
  };
  // Per client, what evicted invocations left behind.
  struct Totals {
    uint64_t invocations = 0, requests = 0, gave_up_throttled = 0, untracked_requests = 0, throttled_requests = 0;
    uint64_t fault_requests = 0, server_error_requests = 0;
    std::array<uint64_t, kMaxAttempts> attempts{};  // [n-1]: invocations that took n attempts
    std::vector<WaitSample> waits;                  // a bounded sample, newest replacing oldest
    size_t next_wait = 0;
    void add_wait(WaitSample w);
    void merge(const Totals& other);
  };
  using InvocationMap = std::unordered_map<std::string, Invocation, FlatKeyHash, std::equal_to<>>;
  struct Shard {
    mutable std::mutex mutex;
    InvocationMap invocations;      // still open: the last attempt failed
    std::deque<std::string> order;  // arrival order, for evicting the oldest
    std::unordered_map<uint32_t, Totals> totals;
  };
  struct Client {
    std::string access_key, user_agent;
    bool internal = false;  // a service's call made inside the server
  };
  static constexpr size_t kShards = 16;

  uint32_t client_of(const RequestRecord& record);
  void track(Shard& shard, const RequestRecord& record, uint32_t client);
  void finish(Shard& shard, InvocationMap::iterator it);
  void evict_oldest(Shard& shard);
  bool gave_up(const Invocation& inv, TimePoint now) const;
  void fold(const Invocation& inv, Totals& totals, bool gave_up_throttled) const;
  std::vector<Totals> collect(TimePoint now) const;
  static nlohmann::json client_json(const Client& client, const Totals& totals, const LogicalCallTotals& logical);

  RetryReportSettings settings_;
  size_t per_shard_cap_;
  mutable std::shared_mutex clients_mutex_;
  std::vector<Client> clients_;  // index 0: "other" once the cap is reached
  std::unordered_map<std::string, uint32_t, FlatKeyHash, std::equal_to<>> client_index_;
  std::array<Shard, kShards> shards_;
  LogicalCalls logical_;
};

}  // namespace chokepoint
