#pragma once
// The emulated services, in one list: each is one ServiceModule (its name, its operation table, how it is built),
// and everything that needs the services derives from that list: the registry the server routes by, the
// names the configuration may use, the `print-operations` catalog, and the self-check of the tables.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "admin/admin_api.hpp"
#include "common/scheduler.hpp"
#include "config/operation_vocabulary.hpp"
#include "dispatch/dispatcher.hpp"
#include "protocol/aws_catalog.hpp"
#include "metrics/metric_store.hpp"
#include "services/service_registry.hpp"
#include "config/config_holder.hpp"
#include "throttle/applied_quotas.hpp"
#include "throttle/rate_limiter.hpp"

namespace chokepoint {

// The parts of the server a service may be built with.
struct ServiceDeps {
  AdminApi& admin;                // for services with control routes of their own (DynamoDB's table inspection)
  Dispatcher& dispatcher;         // the admission path for services that call others (CloudFormation)
  Scheduler& scheduler;           // background work on the emulated clock (CloudFormation provisioning)
  MetricStore& metric_store;      // what CloudWatch answers from
  SessionCredentials& sessions;   // the temporary credentials STS issues
  AppliedQuotas& applied_quotas;  // approved quota increases (Service Quotas), read by the rate limiter
  RateLimiter& limiter;           // resizes buckets when an increase is approved
  const ConfigHolder& config;     // the configuration in force, for work that runs outside a request
  uint64_t seed = 0;              // for services' own random choices (RuntimeSeeds::services)
  // The services built so far (set by register_services): DynamoDB Streams reads DynamoDB's tables.
  const ServiceRegistry* built = nullptr;
};

struct ServiceModule {
  std::string_view name;                         // the service's descriptor().name: its config key
  std::vector<OperationTraits> (*operations)();  // its operation table without handlers; builds nothing
  std::unique_ptr<Service> (*build)(ServiceDeps& deps);
};

// Every emulated service. Adding one is one entry here (plus its folder, its `throttling.<name>` section in
// config/default.yaml, and its tests).
std::vector<ServiceModule> service_modules();

// Builds every module's service into `services`, in the list's order.
void register_services(ServiceRegistry& services, ServiceDeps deps);

// The catalog's names: what the configuration may name. Needs no service built (check-config). With `aws`, also
// the operations of every AWS service (those Chokepoint does not emulate are recognised and may be throttled).
OperationVocabulary operation_vocabulary(const AwsCatalog* aws = nullptr);

// Every operation as JSON ({"dynamodb": [{"operation", "bucket", "plane", "durable", "resource"}, ...], ...}), for
// `chokepoint print-operations` and the generated configuration reference.
std::string operation_catalog_json();

// The self-check of the registered services' operation tables against the built-in defaults
// (services/operation_check.hpp). False with `error` listing every problem.
bool check_operation_tables(const ServiceRegistry& services, std::string& error);

}  // namespace chokepoint
