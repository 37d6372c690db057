#pragma once
// Status changes of stacks and resources, each recorded as a stack event (DescribeStackEvents lists them
// newest first). Call with the region lock held.
#include <nlohmann/json.hpp>
#include <string>

#include "common/ids.hpp"
#include "services/cloudformation/stack_model.hpp"

namespace chokepoint {

class EventRecorder {
 public:
  EventRecorder(IdGenerator& ids, TimePoint now, std::string token = {})
      : ids_(ids), now_(now), token_(std::move(token)) {}

  void stack_status(Stack& stack, const std::string& status, const std::string& reason) const;
  // Sets the resource's status and reason and records the event; `properties` (when not null) goes with
  // IN_PROGRESS events as JSON text.
  void resource_status(Stack& stack, StackResource& resource, const std::string& status, const std::string& reason,
                       const nlohmann::json& properties = nullptr) const;
  // An event about a resource without changing its record (the old copy of a replaced resource).
  void resource_event(Stack& stack, const StackResource& resource, const std::string& status,
                      const std::string& reason) const;
  TimePoint now() const { return now_; }

 private:
  IdGenerator& ids_;
  TimePoint now_;
  std::string token_;
};

}  // namespace chokepoint
