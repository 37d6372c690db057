#pragma once
// The list of emulated services, in one place: adding a service means adding it here.
#include "admin/admin_api.hpp"
#include "common/scheduler.hpp"
#include "dispatch/dispatcher.hpp"
#include "services/service_registry.hpp"

namespace chokepoint {

// `scheduler` runs background work (CloudFormation provisioning) on the server's I/O threads.
void register_services(ServiceRegistry& services, AdminApi& admin, Dispatcher& dispatcher, Scheduler& scheduler);

}  // namespace chokepoint
