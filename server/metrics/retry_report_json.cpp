// RetryReport's JSON: one entry per client, busiest first.
#include <algorithm>
#include <cmath>

#include "metrics/retry_report.hpp"

namespace chokepoint {

namespace {

double rounded(double v) {
  return std::round(v * 1000.0) / 1000.0;
}

nlohmann::json waits_json(const std::vector<WaitSample>& waits) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& w : wait_percentiles(waits)) {
    out.push_back({{"after_attempt", w.attempt},
                   {"count", w.count},
                   {"p50_ms", rounded(w.p50_ms)},
                   {"p90_ms", rounded(w.p90_ms)},
                   {"max_ms", rounded(w.max_ms)},
                   {"mean_ms", rounded(w.mean_ms)}});
  }
  return out;
}

nlohmann::json jitter_json(const std::vector<WaitSample>& waits) {
  const BackoffAnalysis a = analyse_backoff(waits);
  nlohmann::json out{{"verdict", jitter_verdict_name(a.verdict)}, {"summary", a.summary}};
  if (!a.schedule.empty()) out["schedule"] = a.schedule;
  if (a.base_ms > 0) out["base_ms"] = rounded(a.base_ms);
  return out;
}

// {"n": count} for the non-zero entries of a histogram whose entry [n-1] counts n; `beyond_first` gets the
// count of those with n > 1.
template <size_t N>
nlohmann::json histogram_json(const std::array<uint64_t, N>& counts, uint64_t& beyond_first) {
  nlohmann::json out = nlohmann::json::object();
  beyond_first = 0;
  for (size_t i = 0; i < N; ++i) {
    if (counts[i] == 0) continue;
    out[std::to_string(i + 1)] = counts[i];
    if (i > 0) beyond_first += counts[i];
  }
  return out;
}

}  // namespace

nlohmann::json RetryReport::client_json(const Client& client, const Totals& t, const LogicalCallTotals& logical) {
  uint64_t retried = 0, application_retried = 0;
  nlohmann::json attempts = histogram_json(t.attempts, retried);
  nlohmann::json application_attempts = histogram_json(logical.invocations, application_retried);
  const double amplification =
      t.invocations > 0 ? static_cast<double>(t.requests) / static_cast<double>(t.invocations) : 0.0;
  return nlohmann::json{{"access_key", client.access_key},
                        {"user_agent", client.user_agent},
                        {"internal", client.internal},
                        {"retry_mode", retry_mode_of(client.user_agent)},
                        {"invocations", t.invocations},
                        {"requests", t.requests},
                        {"amplification", rounded(amplification)},
                        {"retried_invocations", retried},
                        {"throttled_requests", t.throttled_requests},
                        {"gave_up_throttled", t.gave_up_throttled},
                        {"fault_requests", t.fault_requests},
                        {"server_error_requests", t.server_error_requests},
                        {"requests_without_invocation_id", t.untracked_requests},
                        {"attempts", std::move(attempts)},
                        {"logical_calls", logical.calls},
                        {"application_retried_calls", application_retried},
                        {"application_attempts", std::move(application_attempts)},
                        {"waits", waits_json(t.waits)},
                        {"jitter", jitter_json(t.waits)}};
}

nlohmann::json RetryReport::report(TimePoint now, std::string_view access_key) const {
  const std::vector<Totals> totals = collect(now);
  std::vector<Client> clients;
  {
    std::shared_lock lock(clients_mutex_);
    clients = clients_;
  }
  const std::vector<LogicalCallTotals> logical = logical_.collect(clients.size());
  std::vector<size_t> order;
  for (size_t i = 0; i < std::min(clients.size(), totals.size()); ++i) {
    const Totals& t = totals[i];
    if (t.requests + t.untracked_requests == 0) continue;
    if (!access_key.empty() && clients[i].access_key != access_key) continue;
    order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return totals[a].requests + totals[a].untracked_requests > totals[b].requests + totals[b].untracked_requests;
  });
  nlohmann::json list = nlohmann::json::array();
  for (size_t i : order) list.push_back(client_json(clients[i], totals[i], logical[i]));
  return nlohmann::json{{"clients", std::move(list)},
                        {"tracked_invocations", tracked()},
                        {"max_invocations", settings_.max_invocations},
                        {"give_up_after_seconds", settings_.give_up_after_seconds}};
}

}  // namespace chokepoint
