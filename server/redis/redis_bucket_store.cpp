#include "redis/redis_bucket_store.hpp"

#include <hiredis/hiredis.h>
#include <openssl/evp.h>
#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <cmath>
#include <cstdio>

#include "common/strings.hpp"
#include "redis/token_bucket_script.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kKeyPrefix = "chokepoint:bucket:";
constexpr auto kFailureLogEvery = std::chrono::seconds(5);
// An idle bucket expires once it would be full again, plus this margin: a new one starts full, so nothing is lost.
constexpr double kIdleMarginSeconds = 60;

std::string redis_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

// Milliseconds an idle bucket lives: long enough to refill from empty.
std::string idle_expiry_ms(const BucketLimit& limit) {
  const double refill_seconds = limit.rate_per_sec > 0 ? limit.burst / limit.rate_per_sec : 86'400.0;
  const double seconds = std::min(refill_seconds, 7 * 86'400.0) + kIdleMarginSeconds;
  return std::to_string(static_cast<long long>(std::ceil(seconds * 1000)));
}

bool is_noscript(const redisReply* reply) {
  return reply && reply->type == REDIS_REPLY_ERROR &&
         std::string_view(reply->str, reply->len).rfind("NOSCRIPT", 0) == 0;
}

int64_t steady_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::string script_sha1(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(text.data(), text.size(), digest, &size, EVP_sha1(), nullptr);
  return to_hex(digest, size);
}

RedisBucketStore::RedisBucketStore(const std::vector<boost::asio::io_context*>& loops,
                                   const BucketStoreSettings& settings, BucketStore& local,
                                   std::shared_ptr<spdlog::logger> logger, std::chrono::milliseconds reply_timeout)
    : settings_(settings), local_(local), logger_(std::move(logger)), script_sha_(script_sha1(kTokenBucketScript)) {
  const RedisEndpoint endpoint{settings.host, settings.port, settings.db};
  for (boost::asio::io_context* loop : loops) {
    connections_.push_back(std::make_unique<RedisConnection>(*loop, endpoint, reply_timeout, counters_, logger_));
  }
}

void RedisBucketStore::start() {
  for (auto& connection : connections_) {
    connection->start();
    // Loaded once per connection, ahead of the first take on it.
    boost::asio::post(connection->loop(), [this, c = connection.get()] {
      c->command({"SCRIPT", "LOAD", kTokenBucketScript}, [this](const redisReply* reply) {
        if (reply && reply->type == REDIS_REPLY_STRING && std::string_view(reply->str, reply->len) != script_sha_)
          logger_->error("bucket store: Redis names the bucket script {}, expected {}", reply->str, script_sha_);
      });
    });
  }
}

std::string RedisBucketStore::redis_key(const BucketKey& key) {
  std::string out;
  out.reserve(kKeyPrefix.size() + key.account.size() + key.region.size() + key.service.size() + key.bucket.size() + 3);
  out.append(kKeyPrefix).append(key.account).append(":").append(key.region).append(":").append(key.service);
  out.append(":").append(key.bucket);
  return out;
}

RedisConnection& RedisBucketStore::connection_here() {
  for (auto& connection : connections_) {
    if (connection->loop().get_executor().running_in_this_thread()) return *connection;
  }
  return *connections_.front();
}

void RedisBucketStore::take_async(const BucketKey& key, const BucketLimit& limit, TimePoint, double n, TakeDone done) {
  RedisConnection& connection = connection_here();
  if (connection.loop().get_executor().running_in_this_thread()) {
    return take_on(connection, redis_key(key), limit, n, std::move(done));
  }
  // Not on an I/O loop (a test, a background task): the first loop sends it.
  boost::asio::post(connection.loop(),
                    [this, &connection, k = redis_key(key), limit, n, done = std::move(done)]() mutable {
                      take_on(connection, std::move(k), limit, n, std::move(done));
                    });
}

void RedisBucketStore::take_on(RedisConnection& connection, std::string key, const BucketLimit& limit, double n,
                               TakeDone done) {
  const std::string rate = redis_number(limit.rate_per_sec), burst = redis_number(limit.burst),
                    tokens = redis_number(n), expiry = idle_expiry_ms(limit);
  connection.command(
      {"EVALSHA", script_sha_, "1", key, rate, burst, tokens, expiry},
      [this, &connection, key, rate, burst, tokens, expiry, done = std::move(done)](const redisReply* reply) mutable {
        if (is_noscript(reply)) {
          // The server lost the script (restarted, flushed): EVAL sends the text, and caches it again.
          return connection.command({"EVAL", kTokenBucketScript, "1", key, rate, burst, tokens, expiry},
                                    [this, done = std::move(done)](const redisReply* again) mutable {
                                      if (again && again->type == REDIS_REPLY_INTEGER) return done(again->integer == 1);
                                      answer_without_store(done, again ? again->str : "no reply");
                                    });
        }
        if (reply && reply->type == REDIS_REPLY_INTEGER) return done(reply->integer == 1);
        answer_without_store(done, reply && reply->type == REDIS_REPLY_ERROR ? reply->str : "no reply");
      });
}

void RedisBucketStore::answer_without_store(TakeDone& done, const char* why) {
  const bool admit = settings_.on_failure == StoreFailurePolicy::kAdmit;
  (admit ? counters_.admitted_without_store : counters_.rejected_without_store).fetch_add(1, std::memory_order_relaxed);
  const int64_t now_ms = steady_ms();
  int64_t last = last_failure_log_ms_.load(std::memory_order_relaxed);
  const int64_t every_ms = std::chrono::duration_cast<std::chrono::milliseconds>(kFailureLogEvery).count();
  if (now_ms - last >= every_ms && last_failure_log_ms_.compare_exchange_strong(last, now_ms)) {
    logger_->error(
        "bucket store {} cannot answer ({}): calls are {} without it (store_failure: {}); {} admitted and {} "
        "refused so far",
        settings_.url, why, admit ? "ADMITTED UNTHROTTLED" : "REFUSED", admit ? "admit" : "reject",
        counters_.admitted_without_store.load(), counters_.rejected_without_store.load());
  }
  done(admit);
}

RedisState RedisBucketStore::state() const {
  RedisState worst = RedisState::kUp;
  for (const auto& connection : connections_) {
    const RedisState s = connection->state();
    if (s == RedisState::kDown) return s;
    if (s == RedisState::kConnecting) worst = s;
  }
  return worst;
}

nlohmann::json RedisBucketStore::health() const {
  return {{"kind", "redis"},
          {"url", settings_.url},
          {"state", redis_state_name(state())},
          {"failure_policy", settings_.on_failure == StoreFailurePolicy::kAdmit ? "admit" : "reject"},
          {"connections", connections_.size()},
          {"commands", counters_.commands.load()},
          {"errors", counters_.errors.load()},
          {"admitted_without_store", counters_.admitted_without_store.load()},
          {"rejected_without_store", counters_.rejected_without_store.load()}};
}

void RedisBucketStore::write_metrics(PrometheusText& out) const {
  const auto counter = [&out](std::string_view name, std::string_view help, double value) {
    out.family(name, "counter", help);
    out.sample(name, {}, value);
  };
  out.family("chokepoint_bucket_store_up", "gauge", "1 when every connection to the shared bucket store is up.");
  out.sample("chokepoint_bucket_store_up", {{"url", settings_.url}}, state() == RedisState::kUp ? 1 : 0);
  counter("chokepoint_bucket_store_commands_total", "Commands sent to the shared bucket store.",
          static_cast<double>(counters_.commands.load()));
  counter("chokepoint_bucket_store_errors_total", "Shared bucket store commands answered by an error or not at all.",
          static_cast<double>(counters_.errors.load()));
  counter("chokepoint_bucket_store_reconnects_total", "Connections to the shared bucket store made again.",
          static_cast<double>(counters_.reconnects.load()));
  out.family("chokepoint_bucket_store_unavailable_total", "counter",
             "Calls the failure policy decided because the shared bucket store could not.");
  out.sample("chokepoint_bucket_store_unavailable_total", {{"decision", "admitted"}},
             static_cast<double>(counters_.admitted_without_store.load()));
  out.sample("chokepoint_bucket_store_unavailable_total", {{"decision", "rejected"}},
             static_cast<double>(counters_.rejected_without_store.load()));

  constexpr std::string_view kLatency = "chokepoint_bucket_store_latency_seconds";
  const LatencyHistogram::Snapshot snap = counters_.latency.snapshot();
  out.family(kLatency, "histogram", "Time from sending a command to the shared bucket store to its reply.");
  uint64_t cumulative = 0;
  for (size_t i = 0; i < LatencyHistogram::kBounds.size(); ++i) {
    cumulative += snap.buckets[i];
    char le[32];
    std::snprintf(le, sizeof le, "%g", LatencyHistogram::kBounds[i]);
    out.sample("chokepoint_bucket_store_latency_seconds_bucket", {{"le", le}}, static_cast<double>(cumulative));
  }
  const auto total = std::max(snap.count, cumulative);
  out.sample("chokepoint_bucket_store_latency_seconds_bucket", {{"le", "+Inf"}}, static_cast<double>(total));
  out.sample("chokepoint_bucket_store_latency_seconds_sum", {}, snap.sum_seconds);
  out.sample("chokepoint_bucket_store_latency_seconds_count", {}, static_cast<double>(total));
}

}  // namespace chokepoint
