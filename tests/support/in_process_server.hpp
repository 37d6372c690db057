#pragma once
// The whole server minus sockets and threads: the runtime server_app.cpp builds, with a manual scheduler as
// its clock, so tests and fuzz targets can send requests through the real dispatcher and every service and
// then run background work (CloudFormation provisioning) deterministically. Header-only; for tests.
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <stdexcept>

#include "app/runtime.hpp"
#include "common/manual_scheduler.hpp"
#include "config/config_loader.hpp"

namespace chokepoint::testing {

// The scheduler's time, so that requests and background work see one clock.
class SchedulerClock final : public Clock {
 public:
  explicit SchedulerClock(const Scheduler& scheduler) : scheduler_(scheduler) {}
  TimePoint now() const override { return scheduler_.now(); }

 private:
  const Scheduler& scheduler_;
};

inline std::shared_ptr<spdlog::logger> quiet_logger() {
  return std::make_shared<spdlog::logger>("in-process", std::make_shared<spdlog::sinks::null_sink_mt>());
}

inline std::shared_ptr<const Config> default_config() {
  auto loaded = load_default_config();
  if (!loaded.ok()) throw std::runtime_error("the embedded default configuration does not load");
  return loaded.config;
}

class InProcessServer {
 public:
  explicit InProcessServer(std::shared_ptr<const Config> config = default_config(),
                           std::shared_ptr<spdlog::logger> logger = quiet_logger())
      : clock_(scheduler_), runtime_(std::move(config), "", {}, clock_, std::move(logger), RuntimeSeeds{1, 2}) {
    std::string error;
    if (!runtime_.wire(scheduler_, error)) throw std::runtime_error(error);
  }

  HttpResponse send(HttpRequest request) { return runtime_.dispatcher.handle(request).response; }

  // Runs background work that falls due within `limit` of simulated time, in steps of `step`.
  void run_background(Duration step, Duration limit) { scheduler_.run_until_idle(step, limit); }

  // POST /_chokepoint/reset: every service's state, buckets, fault rules and the request log.
  void reset() {
    HttpRequest request;
    request.method = "POST";
    request.target = "/_chokepoint/reset";
    send(std::move(request));
  }

  Runtime& runtime() { return runtime_; }
  ManualScheduler& scheduler() { return scheduler_; }

 private:
  ManualScheduler scheduler_;
  SchedulerClock clock_;
  Runtime runtime_;
};

}  // namespace chokepoint::testing
