#pragma once
// Everything a running server owns besides its sockets and threads: config, clock, limiter, faults, metrics,
// services, the control API and the dispatcher, built and wired the same way for the real server
// (server_app.cpp) and for tests and fuzz targets that drive the whole pipeline in process.
// Thread-safety: built and wired on one thread; afterwards the dispatcher may be called from any thread.
#include <cstdint>
#include <memory>
#include <string>

#include "admin/admin_api.hpp"
#include "admin/request_log.hpp"
#include "common/clock.hpp"
#include "common/ids.hpp"
#include "common/scheduler.hpp"
#include "config/config_holder.hpp"
#include "dispatch/dispatcher.hpp"
#include "metrics/metrics_hub.hpp"
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
  uint64_t ids = 0;     // request ids, resource ids
  uint64_t faults = 0;  // fault rules' probabilities and latency ranges
};

// Members in construction order (destroyed in reverse, so nothing outlives what it points at).
struct Runtime {
  // `clock` must outlive the runtime. `path`: the config file reloads read again (empty: the defaults).
  Runtime(std::shared_ptr<const Config> config, const std::string& path, ConfigOverrides overrides, Clock& clock,
          std::shared_ptr<spdlog::logger> logger, RuntimeSeeds seeds);

  // Registers the services and connects faults, the request log and metrics to the dispatcher and the control
  // API. `scheduler` runs background work (CloudFormation provisioning) and must outlive the runtime. Call once,
  // before the first request. False with `error` set when a part cannot start (the decision log cannot be opened).
  bool wire(Scheduler& scheduler, std::string& error);

  // Puts a reloaded config's fault rules and scenarios in force, anchored now.
  void apply_reloaded_faults();

  std::shared_ptr<spdlog::logger> logger;
  ConfigHolder config_holder;
  Clock& clock;
  IdGenerator ids;
  InMemoryBucketStore buckets;
  RateLimiter limiter;
  SeededRandom fault_random;
  FaultEngine faults;  // config rules and scenarios anchored at start
  RequestLog request_log;
  MetricsHub metrics;  // before services: the CloudWatch service reads its store
  ServiceRegistry services;
  AdminApi admin;
  Dispatcher dispatcher;
};

}  // namespace chokepoint
