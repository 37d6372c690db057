#include "services/cloudformation/stack_lifecycle.hpp"

#include <algorithm>

#include "services/cloudformation/cloudformation_errors.hpp"
#include "services/cloudformation/pseudo_parameters.hpp"
#include "services/cloudformation/stack_outputs.hpp"

namespace chokepoint {

namespace {

bool same_inputs(const StackDefinition& a, const StackDefinition& b) {
  if (a.tmpl->tree != b.tmpl->tree || a.tags != b.tags || a.notification_arns != b.notification_arns) return false;
  if (a.parameters.size() != b.parameters.size()) return false;
  for (size_t i = 0; i < a.parameters.size(); ++i) {
    if (a.parameters[i].key != b.parameters[i].key || a.parameters[i].value != b.parameters[i].value ||
        a.parameters[i].resolved_value != b.parameters[i].resolved_value) {
      return false;
    }
  }
  return true;
}

std::shared_ptr<Stack> new_stack(const RequestScope& scope, const StackInputs& in, const std::string& id) {
  auto stack = std::make_shared<Stack>();
  stack->id = id;
  stack->name = in.stack_name;
  stack->account = scope.account;
  stack->region = scope.region;
  stack->created = scope.now;
  stack->disable_rollback = in.disable_rollback;
  stack->on_failure = in.on_failure;
  stack->termination_protection = in.termination_protection;
  stack->retain_except_on_create = in.retain_except_on_create;
  stack->settings = scope.settings;
  stack->zones = scope.zones;
  stack->create_token = in.request_token;
  return stack;
}

}  // namespace

bool is_updatable_status(const std::string& status) {
  return status == "CREATE_COMPLETE" || status == "UPDATE_COMPLETE" || status == "UPDATE_ROLLBACK_COMPLETE" ||
         status == "UPDATE_FAILED" || status == "IMPORT_COMPLETE" || status == "IMPORT_ROLLBACK_COMPLETE";
}

ApiError not_updatable(const Stack& stack) {
  return stack_validation_error("Stack:" + stack.id + " is in " + stack.status + " state and can not be updated.");
}

std::string StackLifecycle::new_stack_id(const RequestScope& scope, const std::string& name) {
  return cloudformation_arn(scope.region, scope.account, "stack/" + name + "/" + ids_.uuid());
}

Result<std::string> StackLifecycle::create_stack(const RequestScope& scope, const StackInputs& in,
                                                 const std::string& parent_id, const std::string& root_id) {
  if (auto e = check_stack_name(in.stack_name)) return *e;
  auto region = store_.region(scope.account, scope.region);
  std::string same_request;  // a retried CreateStack (same ClientRequestToken) answers with the stack it made
  const auto check_room = [&]() -> std::optional<ApiError> {
    if (auto existing = region->find_live(in.stack_name)) {
      if (!in.request_token.empty() && existing->create_token == in.request_token) {
        same_request = existing->id;
        return std::nullopt;
      }
      return already_exists("Stack [" + in.stack_name + "] already exists");
    }
    if (static_cast<long long>(region->live_count()) >= scope.settings.stack_limit) {
      return limit_exceeded("Cannot exceed quota for StacksPerRegion: " + std::to_string(scope.settings.stack_limit));
    }
    return std::nullopt;
  };
  {
    std::lock_guard lock(region->mutex);
    if (auto e = check_room()) return *e;
    if (!same_request.empty()) return same_request;
  }
  const std::string id = new_stack_id(scope, in.stack_name);
  auto definition = define(scope, in, nullptr, in.stack_name, id);
  if (!definition) return definition.error();
  std::lock_guard lock(region->mutex);
  if (auto e = check_room()) return *e;  // another request may have taken the name meanwhile
  if (!same_request.empty()) return same_request;
  auto stack = new_stack(scope, in, id);
  stack->definition = std::move(*definition);
  stack->parent_id = parent_id;
  stack->root_id = root_id;
  region->add(stack);
  StackOperation op = plan_create(*stack, active_resources(stack->definition));
  op.request_token = in.request_token;
  engine_.begin(region, stack, std::move(op), "User Initiated");
  region->record(*stack);
  return id;
}

void StackLifecycle::begin_update(const std::shared_ptr<RegionStacks>& region, const std::shared_ptr<Stack>& stack,
                                  StackDefinition definition, const RequestScope& scope, const std::string& token) {
  stack->previous = std::move(stack->definition);
  stack->definition = std::move(definition);
  stack->changes.clear();
  stack->settings = scope.settings;
  stack->zones = scope.zones;
  stack->updated = scope.now;
  StackOperation op = plan_update(*stack, active_resources(stack->definition));
  op.request_token = token;
  engine_.begin(region, stack, std::move(op), "User Initiated");
  region->record(*stack);
}

Result<std::string> StackLifecycle::update_stack(const RequestScope& scope, const StackInputs& in) {
  auto region = store_.region(scope.account, scope.region);
  std::shared_ptr<Stack> stack;
  StackDefinition current;
  uint64_t serial = 0;
  {
    std::lock_guard lock(region->mutex);
    stack = region->find_live(in.stack_name);
    if (!stack) return stack_not_found_bracketed(in.stack_name);
    if (!is_updatable_status(stack->status)) return not_updatable(*stack);
    current = stack->definition;
    serial = stack->operation_serial;
  }
  auto definition = define(scope, in, &current, stack->name, stack->id);
  if (!definition) return definition.error();
  auto& d = *definition;
  if (same_inputs(d, current)) return stack_validation_error("No updates are to be performed.");
  std::lock_guard lock(region->mutex);
  if (stack->operation_serial != serial || !is_updatable_status(stack->status)) return not_updatable(*stack);
  stack->disable_rollback = in.disable_rollback;
  begin_update(region, stack, std::move(d), scope, in.request_token);
  return stack->id;
}

std::optional<ApiError> StackLifecycle::delete_stack(const RequestScope& scope, const std::string& name,
                                                     const std::vector<std::string>& retain, const std::string& token) {
  auto region = store_.region(scope.account, scope.region);
  std::lock_guard lock(region->mutex);
  auto stack = region->find_live(name);
  if (!stack || stack->status == "DELETE_IN_PROGRESS") return std::nullopt;  // nothing to do, as CloudFormation
  if (stack->termination_protection) {
    return stack_validation_error("Stack [" + stack->name + "] cannot be deleted while TerminationProtection is enabled");
  }
  if (!retain.empty() && stack->status != "DELETE_FAILED") {
    return stack_validation_error("Invalid operation on stack [" + stack->id +
                            "]. RetainResources can only be specified when the stack is in the DELETE_FAILED state");
  }
  const EventRecorder events(ids_, scope.now, token);
  if (stack->status == "REVIEW_IN_PROGRESS") {
    stack->deleted = scope.now;
    events.stack_status(*stack, "DELETE_COMPLETE", "");
    region->record(*stack);
    region->retire(*stack);
    return std::nullopt;
  }
  if (stack->operation) {  // finish (or cancel) what runs, then delete
    stack->delete_requested = true;
    if (stack->operation->kind == OperationKind::kCreate) stack->operation->failing = true;
    region->record(*stack);
    return std::nullopt;
  }
  if (auto in_use = exports_in_use(*region, *stack)) {
    events.stack_status(*stack, "DELETE_IN_PROGRESS", "User Initiated");
    events.stack_status(*stack, "DELETE_FAILED", *in_use);
    region->record(*stack);
    return std::nullopt;
  }
  stack->retain_on_delete = retain;
  StackOperation op = plan_delete(*stack, OperationKind::kDelete);
  op.request_token = token;
  engine_.begin(region, stack, std::move(op), "User Initiated");
  region->record(*stack);
  return std::nullopt;
}

}  // namespace chokepoint
