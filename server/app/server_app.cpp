#include "app/server_app.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdio>
#include <random>
#include <thread>

#include "admin/admin_api.hpp"
#include "admin/fault_routes.hpp"
#include "admin/localstack_chaos.hpp"
#include "admin/request_log.hpp"
#include "app/asio_scheduler.hpp"
#include "app/metrics_setup.hpp"
#include "app/persistence_setup.hpp"
#include "app/service_setup.hpp"
#include "common/ids.hpp"
#include "dispatch/dispatcher.hpp"
#include "http/http_server.hpp"
#include "throttle/fault_engine.hpp"
#include "throttle/fault_random.hpp"
#include "throttle/in_memory_bucket_store.hpp"
#include "throttle/rate_limiter.hpp"

namespace chokepoint {

namespace asio = boost::asio;

namespace {

constexpr auto kDrainLimit = std::chrono::seconds(5);
constexpr auto kBucketSweepInterval = std::chrono::seconds(60);
constexpr auto kBucketIdleTime = std::chrono::minutes(10);

HttpServerOptions http_options(const Config& config) {
  HttpServerOptions o;
  o.host = config.server.listen_host;
  o.port = config.server.listen_port;
  o.max_body_bytes = config.server.max_body_bytes;
  o.max_header_bytes = config.server.max_header_bytes;
  o.idle_timeout_ms = config.server.idle_timeout_ms;
  o.read_timeout_ms = config.server.read_timeout_ms;
  o.max_connections = config.server.max_connections;
  return o;
}

std::shared_ptr<spdlog::logger> make_logger(const std::string& level) {
  auto logger = std::make_shared<spdlog::logger>("chokepoint", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger->set_level(spdlog::level::from_str(level));
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  return logger;
}

// Everything a running server owns, in construction order (destroyed in reverse: the I/O context goes
// first, so no handler can run against a destroyed component).
struct Runtime {
  Runtime(std::shared_ptr<const Config> config, const std::string& path, ConfigOverrides overrides)
      : logger(make_logger(config->server.log_level)),
        config_holder(config, path, std::move(overrides)),
        ids(std::random_device{}()),
        limiter(buckets),
        fault_random(std::random_device{}()),
        faults(fault_random, config->faults, clock.now()),
        metrics(config->metrics),
        admin(config_holder, buckets, services),
        dispatcher(config_holder, services, limiter, faults, clock, ids, admin, logger) {}

  std::shared_ptr<spdlog::logger> logger;
  ConfigHolder config_holder;
  SystemClock clock;
  IdGenerator ids;
  InMemoryBucketStore buckets;
  RateLimiter limiter;
  SeededRandom fault_random;
  FaultEngine faults;  // config rules and scenarios anchored at server start
  RequestLog request_log;
  MetricsHub metrics;  // before services: the CloudWatch service reads its store
  ServiceRegistry services;
  AdminApi admin;
  Dispatcher dispatcher;
};

// A reloaded config brings its own fault rules and scenarios, anchored at the reload.
void apply_reloaded_faults(Runtime& rt) { rt.faults.apply_settings(rt.config_holder.get()->faults, rt.clock.now()); }

// The control API beyond the built-in routes: faults, scenarios, LocalStack's chaos API, the request log.
void wire_fault_control(Runtime& rt) {
  register_fault_routes(rt.admin, rt.faults);
  register_localstack_chaos_routes(rt.admin, rt.faults);
  register_request_log_routes(rt.admin, rt.request_log);
  rt.dispatcher.add_observer(&rt.request_log);
  rt.admin.on_reset([&rt] {
    rt.faults.reset(rt.clock.now());
    rt.request_log.clear();
  });
  rt.admin.on_reload([&rt] { apply_reloaded_faults(rt); });
}

class SignalLoop {
 public:
  SignalLoop(asio::io_context& ioc, Runtime& rt, HttpServer& server)
      : ioc_(ioc), rt_(rt), server_(server), signals_(ioc, SIGINT, SIGTERM, SIGHUP), drain_timer_(ioc) {}

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
      apply_reloaded_faults(rt_);
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
      ioc_.stop();
      return;
    }
    drain_timer_.expires_after(std::chrono::milliseconds(10));
    drain_timer_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) poll_drained();
    });
  }

  asio::io_context& ioc_;
  Runtime& rt_;
  HttpServer& server_;
  asio::signal_set signals_;
  asio::steady_timer drain_timer_;
  std::chrono::steady_clock::time_point drain_deadline_;
};

// Buckets idle for a while are full again; dropping them bounds memory when many accounts come and go.
void schedule_bucket_sweep(asio::steady_timer& timer, Runtime& rt) {
  timer.expires_after(kBucketSweepInterval);
  timer.async_wait([&timer, &rt](const boost::system::error_code& ec) {
    if (ec) return;
    rt.buckets.evict_idle(rt.clock.now(), kBucketIdleTime);
    schedule_bucket_sweep(timer, rt);
  });
}

}  // namespace

ConfigOverrides command_line_overrides(const CommandLine& options) {
  return [options](Config& config) {
    if (options.listen_host) config.server.listen_host = *options.listen_host;
    if (options.listen_port) config.server.listen_port = *options.listen_port;
    if (options.threads) config.server.threads = *options.threads;
    if (options.log_level) config.server.log_level = *options.log_level;
    if (options.data_dir) config.persistence.data_dir = *options.data_dir;
  };
}

int run_server(std::shared_ptr<const Config> config, const std::string& config_path, ConfigOverrides overrides) {
  Runtime rt(config, config_path, std::move(overrides));
  const int threads = config->server.threads > 0
                          ? config->server.threads
                          : durable_io_threads(*config, std::max(1u, std::thread::hardware_concurrency()));

  asio::io_context ioc(threads);
  AsioScheduler scheduler(ioc, rt.clock);
  register_services(rt.services, rt.admin, rt.dispatcher, scheduler);
  DurableStateHandle durable;
  if (std::string error; !open_durable_state(*config, rt.services, rt.dispatcher, rt.admin, rt.clock.now(), *rt.logger,
                                             durable, error)) {
    rt.logger->critical("{}", error);
    return 1;
  }
  wire_fault_control(rt);
  if (std::string error; !wire_metrics(rt.metrics, rt.services, rt.admin, rt.dispatcher, rt.buckets, error)) {
    rt.logger->critical("{}", error);
    return 1;
  }
  HttpServer server(ioc, rt.dispatcher, http_options(*config), rt.logger);
  std::string bound;
  try {
    bound = server.start();
  } catch (const std::exception& e) {
    rt.logger->critical("{}", e.what());
    return 1;
  }
  std::printf("listening on %s\n", bound.c_str());
  std::fflush(stdout);
  rt.logger->info("chokepoint listening on {} with {} threads ({})", bound, threads,
                  config_path.empty() ? "built-in defaults" : config_path);

  SignalLoop signals(ioc, rt, server);
  signals.start();
  asio::steady_timer sweep_timer(ioc);
  schedule_bucket_sweep(sweep_timer, rt);

  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  rt.logger->info("stopped");
  return 0;
}

}  // namespace chokepoint
