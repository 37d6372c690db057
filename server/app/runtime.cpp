#include "app/runtime.hpp"

#include "admin/fault_routes.hpp"
#include "admin/localstack_chaos.hpp"
#include "app/metrics_setup.hpp"
#include "app/service_setup.hpp"

namespace chokepoint {

Runtime::Runtime(std::shared_ptr<const Config> config, const std::string& path, ConfigOverrides overrides,
                 Clock& clock_in, std::shared_ptr<spdlog::logger> logger_in, RuntimeSeeds seeds)
    : logger(std::move(logger_in)),
      config_holder(config, path, std::move(overrides)),
      clock(clock_in),
      ids(seeds.ids),
      limiter(buckets),
      fault_random(seeds.faults),
      faults(fault_random, config->faults, clock.now()),
      metrics(config->metrics),
      admin(config_holder, buckets, services),
      dispatcher(config_holder, services, limiter, faults, clock, ids, admin, logger) {}

void Runtime::apply_reloaded_faults() { faults.apply_settings(config_holder.get()->faults, clock.now()); }

bool Runtime::wire(Scheduler& scheduler, std::string& error) {
  register_services(services, ServiceDeps{admin, dispatcher, scheduler, metrics.store()});
  // The control API beyond the built-in routes: faults, scenarios, LocalStack's chaos API, the request log.
  register_fault_routes(admin, faults, config_holder, operation_vocabulary());
  register_localstack_chaos_routes(admin, faults);
  register_request_log_routes(admin, request_log);
  dispatcher.add_observer(&request_log);
  admin.on_reset([this] {
    faults.reset(clock.now());
    request_log.clear();
  });
  // A reloaded config brings its own fault rules and scenarios, anchored at the reload.
  admin.on_reload([this] { apply_reloaded_faults(); });
  if (!wire_metrics(metrics, admin, dispatcher, buckets, error)) return false;
  // Reloads check the names in the user's file against what the services have, as loading at start did.
  config_holder.set_vocabulary(operation_vocabulary());
  return check_operation_tables(services, error);
}

}  // namespace chokepoint
