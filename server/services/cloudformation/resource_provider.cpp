#include "services/cloudformation/resource_provider.hpp"

#include <set>

namespace chokepoint {

ProviderStep ProviderStep::call(std::string service, std::string operation, nlohmann::json params) {
  ProviderStep s;
  s.kind = Kind::kCall;
  s.request.service = std::move(service);
  s.request.operation = std::move(operation);
  s.request.params = std::move(params);
  return s;
}

ProviderStep ProviderStep::wait(Duration delay) {
  ProviderStep s;
  s.kind = Kind::kWait;
  s.delay = delay;
  return s;
}

ProviderStep ProviderStep::succeeded(std::string physical_id, nlohmann::json attributes) {
  ProviderStep s;
  s.kind = Kind::kSucceeded;
  s.physical_id = std::move(physical_id);
  s.attributes = std::move(attributes);
  return s;
}

ProviderStep ProviderStep::failed(std::string reason) {
  ProviderStep s;
  s.kind = Kind::kFailed;
  s.reason = std::move(reason);
  return s;
}

std::vector<std::string> changed_properties(const nlohmann::json& before, const nlohmann::json& after) {
  std::set<std::string> names;
  for (const auto* side : {&before, &after}) {
    if (!side->is_object()) continue;
    for (const auto& [key, _] : side->items()) names.insert(key);
  }
  std::vector<std::string> out;
  for (const auto& name : names) {
    const auto a = before.is_object() && before.contains(name) ? before[name] : nlohmann::json();
    const auto b = after.is_object() && after.contains(name) ? after[name] : nlohmann::json();
    if (a != b) out.push_back(name);
  }
  return out;
}

bool needs_replacement(const ResourceProvider& provider, const nlohmann::json& before, const nlohmann::json& after) {
  for (const auto& name : changed_properties(before, after)) {
    if (provider.requires_recreation(name) == "Always") return true;
  }
  return false;
}

void ProviderRegistry::add(std::unique_ptr<ResourceProvider> provider) {
  const std::string type = provider->type();
  providers_[type] = std::move(provider);
}

const ResourceProvider* ProviderRegistry::find(const std::string& type) const {
  const auto it = providers_.find(type);
  return it == providers_.end() ? nullptr : it->second.get();
}

bool ProviderRegistry::has_attribute(const std::string& type, const std::string& attribute) const {
  const auto* p = find(type);
  return p && p->has_attribute(attribute);
}

bool ProviderRegistry::needs_upstream(const std::string& type) const {
  const auto* p = find(type);
  if (!p) return false;
  const std::string service = p->upstream_service();
  return !service.empty() && !(caller_ && caller_->forwards(service));
}

}  // namespace chokepoint
