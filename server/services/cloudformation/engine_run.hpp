#pragma once
// The engine's record of one resource operation in flight (private to the provisioning engine's files).
#include <optional>

#include "services/cloudformation/provisioning_engine.hpp"
#include "services/cloudformation/stack_events.hpp"

namespace chokepoint {

// One resource operation in flight. Touched by one scheduled step at a time; its stack only under the lock.
struct ProvisioningEngine::Run {
  enum class Mode { kCreate, kUpdate, kDelete };
  std::shared_ptr<RegionStacks> region;
  std::shared_ptr<Stack> stack;
  uint64_t serial = 0;
  std::string job_key;
  std::string logical_id;
  std::string type;
  std::string account;
  std::string region_name;
  Mode mode = Mode::kCreate;
  bool replacing = false;
  std::unique_ptr<ResourceTask> task;
  std::optional<CallOutcome> last;
  int attempt = 0;
  bool initiated = false;  // "Resource creation Initiated" recorded
  nlohmann::json properties;
  CloudFormationSettings settings;
};

bool resource_exists(const StackResource& r);

}  // namespace chokepoint
