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

}  // namespace

nlohmann::json RetryReport::client_json(const Client& client, const Totals& t) {
  nlohmann::json attempts = nlohmann::json::object();
  uint64_t retried = 0;
  for (size_t i = 0; i < t.attempts.size(); ++i) {
    if (t.attempts[i] == 0) continue;
    attempts[std::to_string(i + 1)] = t.attempts[i];
    if (i > 0) retried += t.attempts[i];
  }
  const double amplification =
      t.invocations > 0 ? static_cast<double>(t.requests) / static_cast<double>(t.invocations) : 0.0;
  return nlohmann::json{{"access_key", client.access_key},
                        {"user_agent", client.user_agent},
                        {"retry_mode", retry_mode_of(client.user_agent)},
                        {"invocations", t.invocations},
                        {"requests", t.requests},
                        {"amplification", rounded(amplification)},
                        {"retried_invocations", retried},
                        {"throttled_requests", t.throttled_requests},
                        {"gave_up_throttled", t.gave_up_throttled},
                        {"requests_without_invocation_id", t.untracked_requests},
                        {"attempts", std::move(attempts)},
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
  for (size_t i : order) list.push_back(client_json(clients[i], totals[i]));
  return nlohmann::json{{"clients", std::move(list)},
                        {"tracked_invocations", tracked()},
                        {"max_invocations", settings_.max_invocations},
                        {"give_up_after_seconds", settings_.give_up_after_seconds}};
}

}  // namespace chokepoint
