#pragma once
// The list of emulated services, in one place: adding a service means adding it here.
#include "admin/admin_api.hpp"
#include "dispatch/dispatcher.hpp"
#include "services/service_registry.hpp"

namespace chokepoint {

void register_services(ServiceRegistry& services, AdminApi& admin, Dispatcher& dispatcher);

}  // namespace chokepoint
