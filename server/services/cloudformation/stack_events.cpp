#include "services/cloudformation/stack_events.hpp"

namespace chokepoint {

void EventRecorder::stack_status(Stack& stack, const std::string& status, const std::string& reason) const {
  stack.status = status;
  stack.status_reason = reason;
  StackEvent e;
  e.event_id = ids_.uuid();
  e.logical_id = stack.name;
  e.physical_id = stack.id;
  e.resource_type = "AWS::CloudFormation::Stack";
  e.status = status;
  e.reason = reason;
  e.client_request_token = token_;
  e.time = now_;
  stack.events.push_back(std::move(e));
}

void EventRecorder::resource_status(Stack& stack, StackResource& resource, const std::string& status,
                                    const std::string& reason, const nlohmann::json& properties) const {
  resource.status = status;
  resource.reason = reason;
  resource.updated = now_;
  resource_event(stack, resource, status, reason);
  if (!properties.is_null()) stack.events.back().properties = properties.dump();
}

void EventRecorder::resource_event(Stack& stack, const StackResource& resource, const std::string& status,
                                   const std::string& reason) const {
  StackEvent e;
  e.event_id = ids_.uuid();
  e.logical_id = resource.logical_id;
  e.physical_id = resource.physical_id;
  e.resource_type = resource.type;
  e.status = status;
  e.reason = reason;
  e.client_request_token = token_;
  e.time = now_;
  stack.events.push_back(std::move(e));
}

}  // namespace chokepoint
