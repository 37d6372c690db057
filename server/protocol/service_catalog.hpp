#pragma once
// Lookup of service descriptors by the keys a request carries: X-Amz-Target prefix, SigV4 signing
// name, query Version, or name. Built once at start-up; read-only afterwards (thread-safe).
#include <string_view>
#include <vector>

#include "protocol/service_descriptor.hpp"

namespace chokepoint {

class ServiceCatalog {
 public:
  void add(const ServiceDescriptor& service) { services_.push_back(&service); }

  const ServiceDescriptor* by_name(std::string_view name) const;
  const ServiceDescriptor* by_target_prefix(std::string_view prefix) const;
  const ServiceDescriptor* by_signing_name(std::string_view signing_name) const;
  // Services that take form-encoded calls only (query, EC2, query-compatible JSON).
  const ServiceDescriptor* by_api_version(std::string_view version) const;
  // The first service taking form-encoded calls that knows this action.
  const ServiceDescriptor* by_query_action(const std::string& action) const;
  // The service with owns_default_front_end, if any.
  const ServiceDescriptor* default_front_end() const;
  const std::vector<const ServiceDescriptor*>& all() const { return services_; }

 private:
  std::vector<const ServiceDescriptor*> services_;
};

}  // namespace chokepoint
