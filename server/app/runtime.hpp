#pragma once
// Everything a running server owns besides its sockets and threads: config, the emulated clock and what runs on
// it, limiter, faults, metrics, services, the control API and the dispatcher, built and wired the same way for the real
// server (server_app.cpp) and for tests and fuzz targets that drive the whole pipeline in process. Thread-safety: built
// and wired on one thread; afterwards the dispatcher may be called from any thread.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "admin/admin_api.hpp"
#include "admin/request_log.hpp"
#include "common/clock.hpp"
#include "common/emulated_scheduler.hpp"
#include "common/ids.hpp"
#include "common/scheduler.hpp"
#include "config/config_holder.hpp"
#include "dispatch/dispatcher.hpp"
#include "http/blocking_upstream_client.hpp"
#include "metrics/metrics_hub.hpp"
#include "persistence/clock_persistence.hpp"
#include "services/service_registry.hpp"
#include "throttle/fault_engine.hpp"
#include "throttle/fault_random.hpp"
#include "throttle/in_memory_bucket_store.hpp"
#include "throttle/rate_limiter.hpp"

namespace spdlog {
class logger;
}

namespace chokepoint {

struct RuntimeSeeds {
  uint64_t ids = 0;       // request ids, resource ids
  uint64_t faults = 0;    // fault rules' probabilities and latency ranges
  uint64_t services = 0;  // services' own random choices (CloudFormation's generated names)
};

// The seeds for a run: derived from the config's `seed` when it has one (the same every run), random otherwise.
RuntimeSeeds runtime_seeds(std::optional<uint64_t> seed);

// Members in construction order (destroyed in reverse, so nothing outlives what it points at).
struct Runtime {
  // `wall` must outlive the runtime; the emulated clock starts at its time, in the config's clock mode and speed.
  // `path`: the config file reloads read again (empty: the defaults).
  Runtime(std::shared_ptr<const Config> config, const std::string& path, ConfigOverrides overrides, const Clock& wall,
          std::shared_ptr<spdlog::logger> logger, RuntimeSeeds seeds);

  // Registers the services and connects faults, the request log, metrics and the clock to the dispatcher and
  // the control API. Call once, before the first request. Background work waits in `scheduler` until something
  // runs it: the server gives the scheduler a waker, tests move the clock. False with `error` set when a part
  // cannot start (the decision log cannot be opened).
  bool wire(std::string& error);

  // Puts a reloaded config's fault rules and scenarios in force, anchored now.
  void apply_reloaded_faults();

  std::shared_ptr<spdlog::logger> logger;
  ConfigHolder config_holder;
  const Clock& wall;
  EmulatedClock clock;            // what everything modelled runs on
  EmulatedScheduler scheduler;    // background work (CloudFormation provisioning), on that clock
  ClockPersistence clock_record;  // in durable mode, the clock's time across restarts
  IdGenerator ids;
  SessionCredentials sessions;  // STS's temporary credentials, which the dispatcher recognises
  InMemoryBucketStore buckets;
  AppliedQuotas applied_quotas;  // approved quota increases, which size buckets over the configuration
  RateLimiter limiter;
  SeededRandom fault_random;
  FaultEngine faults;  // config rules and scenarios anchored at start
  RequestLog request_log;
  MetricsHub metrics;  // before services: the CloudWatch service reads its store
  ServiceRegistry services;
  AdminApi admin;
  const AwsCatalog aws_catalog;            // every AWS service and operation, from AWS's service models
  BlockingUpstreamClient upstream_client;  // the dispatcher's own calls to the upstream (CloudFormation's)
  Dispatcher dispatcher;
  const RuntimeSeeds seeds;
};

}  // namespace chokepoint
