#pragma once
// A stack as durable mode records it: the stack with its resources, events, outputs, definitions and change
// sets as one JSON value, and back. Templates are recorded as their text and built again on the way back. Not
// recorded: the operation in progress (ProvisioningEngine::resume picks it up again) and the settings and
// availability zones, which come from the configuration the server restarts with.
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "services/cloudformation/stack_model.hpp"

namespace chokepoint {

nlohmann::json stack_record(const Stack& stack, const std::vector<const ChangeSet*>& change_sets);

struct RecordedStack {
  std::shared_ptr<Stack> stack;
  std::vector<std::shared_ptr<ChangeSet>> change_sets;
};

// Throws (std::exception) when the record cannot be read: a missing field, or a template that no longer builds.
RecordedStack stack_from_record(const nlohmann::json& record);

}  // namespace chokepoint
