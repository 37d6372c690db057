#include "metrics/retry_report.hpp"

#include <algorithm>
#include <array>

#include "common/strings.hpp"
#include "metrics/throttle_classification.hpp"

namespace chokepoint {

namespace {

constexpr size_t kMaxWaitSamplesPerClient = 2048;
constexpr std::string_view kOther = "other";

double ms_between(TimePoint from, TimePoint to) {
  return std::max(0.0, std::chrono::duration<double, std::milli>(to - from).count());
}

int int_after(std::string_view text, std::string_view key) {
  const auto at = text.find(key);
  if (at == std::string_view::npos) return 0;
  long long value = 0;
  size_t end = at + key.size();
  while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
  if (!parse_int64(text.substr(at + key.size(), end - at - key.size()), value)) return 0;
  return static_cast<int>(std::min<long long>(value, 1'000'000));
}

}  // namespace

SdkAttempt parse_sdk_request(std::string_view header) {
  return SdkAttempt{int_after(header, "attempt="), int_after(header, "max=")};
}

namespace {

// Appends the user agent's space-separated tokens except `m/...` (no allocation beyond `out`'s growth).
void append_client_user_agent(std::string& out, std::string_view user_agent) {
  bool first = true;
  size_t pos = 0;
  while (pos < user_agent.size()) {
    size_t end = user_agent.find(' ', pos);
    if (end == std::string_view::npos) end = user_agent.size();
    const std::string_view token = user_agent.substr(pos, end - pos);
    pos = end + 1;
    if (token.empty() || token.rfind("m/", 0) == 0) continue;
    if (!first) out.push_back(' ');
    first = false;
    out.append(token);
  }
}

}  // namespace

std::string client_user_agent(std::string_view user_agent) {
  std::string out;
  append_client_user_agent(out, user_agent);
  return out;
}

std::string retry_mode_of(std::string_view user_agent) {
  constexpr std::string_view kKey = "cfg/retry-mode#";
  const auto at = user_agent.find(kKey);
  if (at == std::string_view::npos) return {};
  const auto start = at + kKey.size();
  const auto end = user_agent.find(' ', start);
  return std::string(user_agent.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
}

void RetryReport::Totals::add_wait(WaitSample w) {
  if (waits.size() < kMaxWaitSamplesPerClient) {
    waits.push_back(w);
    return;
  }
  waits[next_wait] = w;
  next_wait = (next_wait + 1) % waits.size();
}

void RetryReport::Totals::merge(const Totals& o) {
  invocations += o.invocations;
  requests += o.requests;
  gave_up_throttled += o.gave_up_throttled;
  untracked_requests += o.untracked_requests;
  throttled_requests += o.throttled_requests;
  fault_requests += o.fault_requests;
  server_error_requests += o.server_error_requests;
  for (size_t i = 0; i < attempts.size(); ++i) attempts[i] += o.attempts[i];
  waits.insert(waits.end(), o.waits.begin(), o.waits.end());  // a report's merge is read once: not capped
}

RetryReport::RetryReport(const RetryReportSettings& settings)
    : settings_(settings),
      per_shard_cap_(std::max<size_t>(1, static_cast<size_t>(settings.max_invocations) / kShards)),
      logical_(std::chrono::duration_cast<Duration>(std::chrono::duration<double>(settings.give_up_after_seconds)),
               static_cast<size_t>(std::max<long long>(1, settings.max_invocations))) {}

uint32_t RetryReport::client_of(const RequestRecord& r) {
  thread_local std::string key;
  key.clear();
  append_key_part(key, r.access_key);
  append_client_user_agent(key, r.user_agent);
  if (r.internal) key.push_back('*');
  key.push_back(kKeySeparator);
  {
    std::shared_lock lock(clients_mutex_);
    if (auto it = client_index_.find(key); it != client_index_.end()) return it->second;
  }
  std::unique_lock lock(clients_mutex_);
  if (auto it = client_index_.find(key); it != client_index_.end()) return it->second;
  const bool full = clients_.size() >= static_cast<size_t>(settings_.max_clients);
  const std::string other_key = std::string(kOther) + kKeySeparator + std::string(kOther) + kKeySeparator;
  if (full) {
    // One more entry, shared by every client beyond the cap.
    if (auto it = client_index_.find(other_key); it != client_index_.end()) return it->second;
    clients_.push_back(Client{std::string(kOther), std::string(kOther)});
    return client_index_[other_key] = static_cast<uint32_t>(clients_.size() - 1);
  }
  clients_.push_back(Client{r.access_key, client_user_agent(r.user_agent), r.internal});
  return client_index_[key] = static_cast<uint32_t>(clients_.size() - 1);
}

void RetryReport::on_request(const RequestRecord& record) {
  const uint32_t client = client_of(record);
  Shard& shard = shards_[FlatKeyHash{}(record.invocation_id) % kShards];
  std::lock_guard lock(shard.mutex);
  track(shard, record, client);
}

void RetryReport::track(Shard& shard, const RequestRecord& r, uint32_t client) {
  const bool throttled = was_throttled(r);
  const bool fault = r.outcome == Outcome::kFault;
  const bool server_error = r.http_status >= 500;
  Totals& totals = shard.totals[client];
  if (r.invocation_id.empty()) {
    ++totals.untracked_requests;
    totals.throttled_requests += throttled ? 1 : 0;
    totals.fault_requests += fault ? 1 : 0;
    totals.server_error_requests += server_error ? 1 : 0;
    return;
  }
  const TimePoint answered = r.wall_time + std::chrono::duration_cast<Duration>(
                                               std::chrono::duration<double, std::milli>(r.duration_ms + r.held_ms));
  auto it = shard.invocations.find(r.invocation_id);
  const bool ok = r.outcome == Outcome::kOk;
  logical_.on_request(CallKey{client, call_key_hash(r.service, r.operation, r.body_digest)},
                      it == shard.invocations.end(), r.wall_time, answered, ok);
  if (it == shard.invocations.end() && ok) {
    // A first attempt that succeeded: no retry follows, so it goes straight into the totals (the common case,
    // kept free of map insertions).
    ++totals.invocations;
    ++totals.requests;
    ++totals.attempts[0];
    return;
  }
  const bool inserted = it == shard.invocations.end();
  if (inserted) {
    it = shard.invocations.try_emplace(r.invocation_id).first;
    it->second.client = client;
    shard.order.push_back(r.invocation_id);
  }
  Invocation& inv = it->second;
  if (!inserted && inv.waits_ms.size() < static_cast<size_t>(kMaxAttempts)) {
    inv.waits_ms.push_back(static_cast<float>(ms_between(inv.last_sent, r.wall_time)));
  }
  const SdkAttempt attempt = parse_sdk_request(r.sdk_request);
  ++inv.attempts;
  inv.announced_max = std::max(inv.announced_max, attempt.max);
  inv.last_attempt = attempt.attempt;
  inv.last_throttled = throttled;
  inv.throttled += throttled ? 1 : 0;
  inv.faults += fault ? 1 : 0;
  inv.server_errors += server_error ? 1 : 0;
  inv.last_sent = answered;
  if (ok) {
    finish(shard, it);  // success ends an invocation
  } else if (inserted && shard.invocations.size() > per_shard_cap_) {
    evict_oldest(shard);
  }
}

void RetryReport::finish(Shard& shard, InvocationMap::iterator it) {
  fold(it->second, shard.totals[it->second.client], false);
  shard.invocations.erase(it);
  // `order` keeps ids of finished invocations until they reach its front; drop them now and then so that it
  // stays proportional to what is tracked.
  if (shard.order.size() > 2 * shard.invocations.size() + 64) {
    std::deque<std::string> live;
    for (auto& id : shard.order) {
      if (shard.invocations.count(id)) live.push_back(std::move(id));
    }
    shard.order = std::move(live);
  }
}

void RetryReport::evict_oldest(Shard& shard) {
  while (!shard.order.empty()) {
    const auto it = shard.invocations.find(shard.order.front());
    shard.order.pop_front();
    if (it == shard.invocations.end()) continue;
    // Long since its last attempt (it is the oldest): a throttled last attempt means the client gave up.
    fold(it->second, shard.totals[it->second.client], it->second.last_throttled);
    shard.invocations.erase(it);
    return;
  }
}

bool RetryReport::gave_up(const Invocation& inv, TimePoint now) const {
  if (!inv.last_throttled) return false;
  if (inv.announced_max > 0 && inv.last_attempt >= inv.announced_max) return true;
  return ms_between(inv.last_sent, now) >= settings_.give_up_after_seconds * 1000.0;
}

void RetryReport::fold(const Invocation& inv, Totals& t, bool gave_up_throttled) const {
  ++t.invocations;
  t.requests += static_cast<uint64_t>(inv.attempts);
  t.throttled_requests += static_cast<uint64_t>(inv.throttled);
  t.fault_requests += static_cast<uint64_t>(inv.faults);
  t.server_error_requests += static_cast<uint64_t>(inv.server_errors);
  t.gave_up_throttled += gave_up_throttled ? 1 : 0;
  ++t.attempts[static_cast<size_t>(std::clamp(inv.attempts, 1, kMaxAttempts) - 1)];
  for (size_t k = 0; k < inv.waits_ms.size(); ++k) t.add_wait(WaitSample{static_cast<int>(k) + 1, inv.waits_ms[k]});
}

std::vector<RetryReport::Totals> RetryReport::collect(TimePoint now) const {
  size_t clients = 0;
  {
    std::shared_lock lock(clients_mutex_);
    clients = clients_.size();
  }
  std::vector<Totals> out(clients);
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    for (const auto& [client, totals] : shard.totals) {
      if (client < out.size()) out[client].merge(totals);
    }
    for (const auto& [id, inv] : shard.invocations) {
      if (inv.client < out.size()) fold(inv, out[inv.client], gave_up(inv, now));
    }
  }
  return out;
}

void RetryReport::clear() {
  for (auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    shard.invocations.clear();
    shard.order.clear();
    shard.totals.clear();
  }
  logical_.clear();
  // A request between the two steps may still land under an old client index; collect() skips those.
  std::unique_lock lock(clients_mutex_);
  clients_.clear();
  client_index_.clear();
}

size_t RetryReport::tracked() const {
  size_t n = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    n += shard.invocations.size();
  }
  return n;
}

}  // namespace chokepoint
