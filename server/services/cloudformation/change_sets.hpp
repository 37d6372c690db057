#pragma once
// CreateChangeSet and ExecuteChangeSet on top of StackLifecycle. A change set is computed at once (its
// status is CREATE_COMPLETE, or FAILED when it holds no changes); a CREATE change set makes a stack in
// REVIEW_IN_PROGRESS that executing it creates.
#include <string>
#include <utility>
#include <variant>

#include "protocol/result.hpp"
#include "services/cloudformation/stack_lifecycle.hpp"

namespace chokepoint {

struct ChangeSetRequest {
  StackInputs inputs;
  std::string name;
  std::string type = "UPDATE";  // CREATE or UPDATE
  std::string description;
  std::string on_stack_failure;
};

// {change set id, stack id}, or the error.
Result<std::pair<std::string, std::string>> create_change_set(StackLifecycle& lifecycle, const RequestScope& scope,
                                                              const ChangeSetRequest& request);

}  // namespace chokepoint
