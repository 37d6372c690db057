#include "services/cloudformation/stack_scope.hpp"

#include "services/cloudformation/pseudo_parameters.hpp"

namespace chokepoint {

namespace {

bool has_live_physical_id(const StackResource& r) {
  return !r.physical_id.empty() && r.status != "DELETE_COMPLETE" && r.status != "DELETE_IN_PROGRESS";
}

}  // namespace

StackIdentity identity_of(const Stack& stack) {
  return StackIdentity{stack.account, stack.region, stack.name, stack.id, stack.definition.notification_arns};
}

StackScope::StackScope(const RegionStacks& region, const Stack* stack, const StackDefinition& definition,
                       const StackIdentity& identity, std::shared_ptr<const ZoneMap> zones)
    : region_(region),
      stack_(stack),
      definition_(definition),
      zones_(std::move(zones)),
      values_(pseudo_parameters(identity)) {
  for (const auto& p : definition.parameters) values_[p.key] = p.evaluated;
  ctx_.parameters = &values_;
  ctx_.mappings = definition.tmpl ? &definition.tmpl->mappings : nullptr;
  ctx_.condition = [this](const std::string& name) {
    const auto it = definition_.conditions.find(name);
    if (it == definition_.conditions.end()) {
      throw TemplateError("Template error: unresolved condition dependency " + name + " in Fn::If");
    }
    return it->second;
  };
  ctx_.ref = [this](const std::string& id) -> std::optional<nlohmann::json> {
    if (!stack_) return std::nullopt;
    const auto it = stack_->resources.find(id);
    if (it == stack_->resources.end() || !has_live_physical_id(it->second)) return std::nullopt;
    return nlohmann::json(it->second.physical_id);
  };
  ctx_.attribute = [this](const std::string& id, const std::string& name) -> std::optional<nlohmann::json> {
    if (!stack_) return std::nullopt;
    const auto it = stack_->resources.find(id);
    if (it == stack_->resources.end() || !it->second.attributes.contains(name)) return std::nullopt;
    return it->second.attributes[name];
  };
  ctx_.import_value = [this](const std::string& name) -> std::optional<std::string> {
    const auto it = region_.exports.find(name);
    if (it == region_.exports.end()) return std::nullopt;
    imported_.insert(name);
    return it->second.value;
  };
  ctx_.zones = [this, region_name = identity.region](const std::string& wanted) {
    const std::string name = wanted.empty() ? region_name : wanted;
    if (!zones_) return std::vector<std::string>{};
    const auto it = zones_->find(name);
    return it == zones_->end() ? std::vector<std::string>{} : it->second;
  };
}

}  // namespace chokepoint
