#include "protocol/service_catalog.hpp"

namespace chokepoint {

namespace {
// Services that take form-encoded calls: query and EC2 ones, and query-compatible JSON services.
bool takes_form(const ServiceDescriptor& s) {
  return s.protocol == Protocol::kQuery || s.protocol == Protocol::kEc2 || s.query_compatible;
}
}  // namespace

const ServiceDescriptor* ServiceCatalog::by_name(std::string_view name) const {
  for (const auto* s : services_) {
    if (s->name == name) return s;
  }
  return nullptr;
}

const ServiceDescriptor* ServiceCatalog::by_target_prefix(std::string_view prefix) const {
  for (const auto* s : services_) {
    if (!s->json_target_prefix.empty() && s->json_target_prefix == prefix) return s;
  }
  return nullptr;
}

const ServiceDescriptor* ServiceCatalog::by_signing_name(std::string_view signing_name) const {
  for (const auto* s : services_) {
    if (s->signing_name == signing_name) return s;
  }
  return nullptr;
}

const ServiceDescriptor* ServiceCatalog::default_front_end() const {
  for (const auto* s : services_) {
    if (s->owns_default_front_end) return s;
  }
  return nullptr;
}

const ServiceDescriptor* ServiceCatalog::by_api_version(std::string_view version) const {
  for (const auto* s : services_) {
    if (takes_form(*s) && s->api_version == version) return s;
  }
  return nullptr;
}

const ServiceDescriptor* ServiceCatalog::by_query_action(const std::string& action) const {
  for (const auto* s : services_) {
    if (takes_form(*s) && s->has_operation(action)) return s;
  }
  return nullptr;
}

}  // namespace chokepoint
