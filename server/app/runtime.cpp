#include "app/runtime.hpp"

#include <random>

#include "admin/clock_routes.hpp"
#include "admin/dashboard_routes.hpp"
#include "admin/fault_routes.hpp"
#include "admin/localstack_chaos.hpp"
#include "app/metrics_setup.hpp"
#include "app/service_setup.hpp"

namespace chokepoint {

RuntimeSeeds runtime_seeds(std::optional<uint64_t> seed) {
  if (!seed) return RuntimeSeeds{std::random_device{}(), std::random_device{}(), std::random_device{}()};
  // One number fixes all three; each source gets its own stream of it.
  IdGenerator derive(*seed);
  return RuntimeSeeds{derive.next64(), derive.next64(), derive.next64()};
}

Runtime::Runtime(std::shared_ptr<const Config> config, const std::string& path, ConfigOverrides overrides,
                 const Clock& wall_in, std::shared_ptr<spdlog::logger> logger_in, RuntimeSeeds seeds_in)
    : logger(std::move(logger_in)),
      config_holder(config, path, std::move(overrides)),
      wall(wall_in),
      clock(wall, config->clock.mode, config->clock.speed),
      scheduler(clock),
      clock_record(scheduler, wall),
      ids(seeds_in.ids),
      limiter(buckets, &applied_quotas),
      fault_random(seeds_in.faults),
      faults(fault_random, config->faults, clock.now()),
      metrics(config->metrics),
      admin(config_holder, buckets, services),
      aws_catalog(AwsCatalog::built_in()),
      dispatcher(config_holder, services, limiter, faults, Clocks{wall, clock}, sessions, ids, admin, aws_catalog,
                 logger),
      seeds(seeds_in) {}

void Runtime::apply_reloaded_faults() {
  faults.apply_settings(config_holder.get()->faults, clock.now());
}

bool Runtime::wire(std::string& error) {
  register_services(
      services, ServiceDeps{admin, dispatcher, scheduler, metrics.store(), sessions, applied_quotas, limiter,
                            config_holder, seeds.services});
  register_clock_routes(admin, scheduler);
  // The control API beyond the built-in routes: faults, scenarios, LocalStack's chaos API, the request log.
  register_fault_routes(admin, faults, config_holder, operation_vocabulary(&aws_catalog));
  register_localstack_chaos_routes(admin, faults);
  register_request_log_routes(admin, request_log);
  register_dashboard_routes(admin, built_in_dashboard_assets());
  dispatcher.add_observer(&request_log);
  dispatcher.set_upstream_client(&upstream_client);
  admin.on_reset([this] {
    faults.reset(clock.now());
    request_log.clear();
  });
  // A reloaded config brings its own fault rules and scenarios, anchored at the reload.
  admin.on_reload([this] { apply_reloaded_faults(); });
  if (!wire_metrics(metrics, admin, dispatcher, buckets, wall, error)) return false;
  // Reloads check the names in the user's file against what the services have, as loading at start did.
  config_holder.set_vocabulary(operation_vocabulary(&aws_catalog));
  return check_operation_tables(services, error);
}

}  // namespace chokepoint
