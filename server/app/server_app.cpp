#include "app/server_app.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdio>
#include <functional>
#include <memory>
#include <thread>

#include "app/persistence_setup.hpp"
#include "app/runtime.hpp"
#include "app/scheduler_wake_timer.hpp"
#include "http/http_server.hpp"
#include "redis/redis_bucket_store.hpp"

namespace chokepoint {

namespace asio = boost::asio;

namespace {

constexpr auto kDrainLimit = std::chrono::seconds(5);
constexpr auto kBucketSweepInterval = std::chrono::seconds(60);

HttpServerOptions http_options(const Config& config) {
  HttpServerOptions o;
  o.host = config.server.listen_host;
  o.port = config.server.listen_port;
  o.max_body_bytes = config.server.max_body_bytes;
  o.max_header_bytes = config.server.max_header_bytes;
  o.idle_timeout_ms = config.server.idle_timeout_ms;
  o.read_timeout_ms = config.server.read_timeout_ms;
  o.max_connections = config.server.max_connections;
  o.max_pipelined_requests = config.server.max_pipelined_requests;
  return o;
}

std::shared_ptr<spdlog::logger> make_logger(const std::string& level) {
  auto logger = std::make_shared<spdlog::logger>("chokepoint", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger->set_level(spdlog::level::from_str(level));
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  return logger;
}

class SignalLoop {
 public:
  SignalLoop(asio::io_context& ioc, Runtime& rt, HttpServer& server, std::function<void()> stop_all)
      : rt_(rt),
        server_(server),
        stop_all_(std::move(stop_all)),
        signals_(ioc, SIGINT, SIGTERM, SIGHUP),
        drain_timer_(ioc) {}

  void start() {
    signals_.async_wait([this](const boost::system::error_code& ec, int signal) {
      if (ec) return;
      if (signal == SIGHUP) {
        reload();
        start();
      } else {
        drain();
      }
    });
  }

 private:
  void reload() {
    const auto errors = rt_.config_holder.reload();
    if (errors.empty()) {
      rt_.apply_reloaded_faults();
      rt_.logger->info("configuration reloaded");
      return;
    }
    rt_.logger->error("configuration reload rejected; the running configuration is unchanged:");
    for (const auto& e : errors) rt_.logger->error("  {}", e.format());
  }

  void drain() {
    rt_.logger->info("shutting down: finishing in-flight requests");
    server_.stop_accepting();
    drain_deadline_ = std::chrono::steady_clock::now() + kDrainLimit;
    poll_drained();
  }

  void poll_drained() {
    if (server_.counters().in_flight.load() == 0 || std::chrono::steady_clock::now() >= drain_deadline_) {
      stop_all_();
      return;
    }
    drain_timer_.expires_after(std::chrono::milliseconds(10));
    drain_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) poll_drained();
    });
  }

  Runtime& rt_;
  HttpServer& server_;
  std::function<void()> stop_all_;
  asio::signal_set signals_;
  asio::steady_timer drain_timer_;
  std::chrono::steady_clock::time_point drain_deadline_;
};

// Buckets idle for a while are full again; dropping them bounds memory when many accounts come and go.
void schedule_bucket_sweep(asio::steady_timer& timer, Runtime& rt, std::chrono::seconds idle) {
  timer.expires_after(std::min<std::chrono::seconds>(kBucketSweepInterval, idle));
  timer.async_wait([&timer, &rt, idle](const boost::system::error_code& ec) {
    if (ec) return;
    rt.buckets.evict_idle(rt.clock.now(), idle);
    schedule_bucket_sweep(timer, rt, idle);
  });
}

// throttling.store names a Redis server: the API rate buckets go there, one connection per I/O loop, and health
// and /metrics show it. Null for the in-process store.
std::unique_ptr<RedisBucketStore> open_shared_buckets(const Config& config, Runtime& rt,
                                                      const std::vector<asio::io_context*>& loops) {
  if (!config.bucket_store.shared()) return nullptr;
  auto store = std::make_unique<RedisBucketStore>(loops, config.bucket_store, rt.buckets, rt.logger);
  rt.limiter.use_store(*store);
  rt.admin.add_health_part("bucket_store", [s = store.get()] { return s->health(); });
  rt.metrics.add_exposition_part([s = store.get()](PrometheusText& out) { s->write_metrics(out); });
  if (config.clock.mode != ClockMode::kReal || config.clock.speed != 1.0) {
    rt.logger->warn("bucket store {}: shared buckets run on Redis's clock; the emulated clock's mode and speed do "
                    "not apply to them",
                    config.bucket_store.url);
  }
  rt.logger->info("bucket store {}: API rate buckets are shared (store_failure: {})", config.bucket_store.url,
                  config.bucket_store.on_failure == StoreFailurePolicy::kAdmit ? "admit" : "reject");
  store->start();
  return store;
}

}  // namespace

ConfigOverrides command_line_overrides(const CommandLine& options) {
  return [options](Config& config) {
    if (options.listen_host) config.server.listen_host = *options.listen_host;
    if (options.listen_port) config.server.listen_port = *options.listen_port;
    if (options.threads) config.server.threads = *options.threads;
    if (options.log_level) config.server.log_level = *options.log_level;
    if (options.data_dir) config.persistence.data_dir = *options.data_dir;
    if (options.clock_mode) config.clock.mode = *options.clock_mode;
    if (options.seed) config.seed = *options.seed;
    if (options.upstream_url) {
      std::string ignored;  // checked when the command line was read
      config.upstream.endpoint = parse_upstream_url(*options.upstream_url, ignored);
      config.upstream.url = *options.upstream_url;
    }
    if (options.bucket_store_url) {
      std::string ignored;  // checked when the command line was read
      parse_bucket_store_url(*options.bucket_store_url, config.bucket_store, ignored);
    }
  };
}

int run_server(std::shared_ptr<const Config> config, const std::string& config_path, ConfigOverrides overrides,
               std::chrono::seconds bucket_idle_time) {
  SystemClock wall;
  Runtime rt(config, config_path, std::move(overrides), wall, make_logger(config->server.log_level),
             runtime_seeds(config->seed));
  const int threads = config->server.threads > 0
                          ? config->server.threads
                          : durable_io_threads(*config, std::max(1u, std::thread::hardware_concurrency()));

  // One io_context per thread, each run by that thread alone: a connection stays on one of them, so its handlers
  // need no strand. The first also runs the acceptor, timers, signals and background work.
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<asio::io_context*> context_pointers;
  for (int i = 0; i < threads; ++i) {
    contexts.push_back(std::make_unique<asio::io_context>(1));
    context_pointers.push_back(contexts.back().get());
  }
  asio::io_context& ioc = *contexts.front();
  SchedulerWakeTimer background_work(ioc, rt.scheduler);
  if (std::string error; !rt.wire(error)) {
    rt.logger->critical("{}", error);
    return 1;
  }
  DurableStateHandle durable;
  if (std::string error; !open_durable_state(*config, rt.services, rt.clock_record, rt.dispatcher, rt.admin,
                                             rt.clock.now(), *rt.logger, durable, error)) {
    rt.logger->critical("{}", error);
    return 1;
  }
  const std::unique_ptr<RedisBucketStore> shared_buckets = open_shared_buckets(*config, rt, context_pointers);
  HttpServer server(context_pointers, rt.dispatcher, http_options(*config), rt.logger);
  std::string bound;
  try {
    bound = server.start();
  } catch (const std::exception& e) {
    rt.logger->critical("{}", e.what());
    return 1;
  }
  // Signals are caught before the address is announced: whoever reads "listening on" may send SIGTERM at once,
  // and it must drain the server, not kill it.
  SignalLoop signals(ioc, rt, server, [&contexts] {
    for (auto& context : contexts) context->stop();
  });
  signals.start();
  std::printf("listening on %s\n", bound.c_str());
  std::fflush(stdout);
  rt.logger->info("chokepoint listening on {} with {} threads ({})", bound, threads,
                  config_path.empty() ? "built-in defaults" : config_path);

  asio::steady_timer sweep_timer(ioc);
  schedule_bucket_sweep(sweep_timer, rt, bucket_idle_time);

  std::vector<std::thread> pool;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> idle_guards;  // run() waits for work
  for (size_t i = 1; i < contexts.size(); ++i) {
    idle_guards.push_back(asio::make_work_guard(*contexts[i]));
    pool.emplace_back([context = contexts[i].get()] { context->run(); });
  }
  ioc.run();
  for (auto& t : pool) t.join();
  rt.logger->info("stopped");
  return 0;
}

}  // namespace chokepoint
