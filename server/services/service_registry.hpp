#pragma once
// Owns the services and the catalog of their descriptors. Filled at start-up, read-only afterwards.
#include <memory>
#include <vector>

#include "protocol/service_catalog.hpp"
#include "services/service.hpp"

namespace chokepoint {

class ServiceRegistry {
 public:
  void add(std::unique_ptr<Service> service);
  Service* find(std::string_view name) const;
  const ServiceCatalog& catalog() const { return catalog_; }
  const std::vector<std::unique_ptr<Service>>& services() const { return services_; }

 private:
  std::vector<std::unique_ptr<Service>> services_;
  ServiceCatalog catalog_;
};

}  // namespace chokepoint
