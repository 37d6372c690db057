#include "services/service_registry.hpp"

namespace chokepoint {

void ServiceRegistry::add(std::unique_ptr<Service> service) {
  catalog_.add(service->descriptor());
  services_.push_back(std::move(service));
}

Service* ServiceRegistry::find(std::string_view name) const {
  for (const auto& s : services_) {
    if (s->descriptor().name == name) return s.get();
  }
  return nullptr;
}

}  // namespace chokepoint
