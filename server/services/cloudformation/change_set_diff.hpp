#pragma once
// The Changes a change set reports: Add for new resources, Remove for dropped ones, Modify (with
// Replacement True/False/Conditional and per-property Details) for resources whose declaration or the
// parameters they use changed. Properties are compared as declared, before provisioning resolves them.
#include <nlohmann/json.hpp>

#include "services/cloudformation/resource_provider.hpp"
#include "services/cloudformation/stack_model.hpp"

namespace chokepoint {

// `stack` null (or without resources) for a CREATE change set.
nlohmann::json change_set_changes(const Stack* stack, const StackDefinition& next, const ProviderRegistry& providers);

}  // namespace chokepoint
