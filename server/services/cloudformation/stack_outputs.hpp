#pragma once
// A stack's Outputs evaluated once its resources are in place, and the region's exports kept in step with
// them (an export in use by another stack can be neither changed nor removed). Call with the region lock held.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "services/cloudformation/stack_store.hpp"

namespace chokepoint {

// The outputs, or the reason the stack operation fails.
std::variant<std::vector<StackOutput>, std::string> evaluate_outputs(const RegionStacks& region, Stack& stack);
// Replaces the stack's exports by those of `outputs`. Returns the failure reason instead when that would
// take an export from another stack or change or drop one that another stack imports.
std::optional<std::string> apply_exports(RegionStacks& region, const Stack& stack,
                                         const std::vector<StackOutput>& outputs);
// Why the stack's exports cannot go away now (another stack imports one); empty when they can.
std::optional<std::string> exports_in_use(const RegionStacks& region, const Stack& stack);
void drop_exports(RegionStacks& region, const Stack& stack);

}  // namespace chokepoint
