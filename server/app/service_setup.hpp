#pragma once
// The list of emulated services, in one place: adding a service means adding it to both functions here (a
// unit test checks that they name the same services).
#include <string>

#include "admin/admin_api.hpp"
#include "common/scheduler.hpp"
#include "config/operation_vocabulary.hpp"
#include "dispatch/dispatcher.hpp"
#include "services/service_registry.hpp"

namespace chokepoint {

// `scheduler` runs background work (CloudFormation provisioning) on the server's I/O threads.
void register_services(ServiceRegistry& services, AdminApi& admin, Dispatcher& dispatcher, Scheduler& scheduler);

// Every emulated service's operation table, by service name, without handlers. Needs no service built, so
// `check-config` and `print-operations` can use it. (CloudWatch, "monitoring", is registered by
// metrics_setup.cpp, as it reads the metric store.)
struct ServiceOperations {
  std::string service;
  std::vector<OperationTraits> operations;
};
std::vector<ServiceOperations> operation_catalog();

// The catalog's names: what the configuration may name.
OperationVocabulary operation_vocabulary();

// The catalog as JSON ({"dynamodb": [{"operation", "bucket", "plane", "durable", "resource"}, ...], ...}), for
// `chokepoint print-operations` and the generated configuration reference.
std::string operation_catalog_json();

// The self-check of the registered services' operation tables against the built-in defaults
// (services/operation_check.hpp). False with `error` listing every problem.
bool check_operation_tables(const ServiceRegistry& services, std::string& error);

}  // namespace chokepoint
