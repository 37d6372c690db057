#include "services/cloudformation/change_sets.hpp"

#include <regex>

#include "services/cloudformation/change_set_diff.hpp"
#include "services/cloudformation/cloudformation_errors.hpp"
#include "services/cloudformation/pseudo_parameters.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kNoChanges =
    "The submitted information didn't contain changes. Submit different information to create a change set.";

std::optional<ApiError> check_change_set_name(const std::string& name) {
  static const std::regex kPattern("[a-zA-Z][-a-zA-Z0-9]*");
  if (name.size() <= 128 && std::regex_match(name, kPattern)) return std::nullopt;
  return stack_validation_error("1 validation error detected: Value '" + name +
                          "' at 'changeSetName' failed to satisfy constraint: Member must satisfy regular expression "
                          "pattern: [a-zA-Z][-a-zA-Z0-9]*");
}

// The stack a change set is for, as it is now: checked for the change set's type. For CREATE, a missing
// stack is fine (null) and one still under review is reused.
Result<std::shared_ptr<Stack>> target_stack(RegionStacks& region, const ChangeSetRequest& r) {
  auto stack = region.find_live(r.inputs.stack_name);
  if (r.type == "CREATE") {
    if (stack && stack->status != "REVIEW_IN_PROGRESS") {
      return already_exists("Stack [" + r.inputs.stack_name +
                            "] already exists and cannot be created again with the changeSet [" + r.name + "].");
    }
    return stack;
  }
  if (!stack) return stack_not_found_bracketed(r.inputs.stack_name);
  if (stack->status == "REVIEW_IN_PROGRESS") {
    return stack_validation_error("Stack [" + stack->id + "] is in REVIEW_IN_PROGRESS state and can not be updated.");
  }
  if (!is_updatable_status(stack->status)) return not_updatable(*stack);
  return stack;
}

std::shared_ptr<Stack> review_stack(const RequestScope& scope, const ChangeSetRequest& r, const std::string& id,
                                    IdGenerator& ids) {
  auto stack = std::make_shared<Stack>();
  stack->id = id;
  stack->name = r.inputs.stack_name;
  stack->account = scope.account;
  stack->region = scope.region;
  stack->created = scope.now;
  stack->settings = scope.settings;
  stack->zones = scope.zones;
  EventRecorder(ids, scope.now, r.inputs.request_token).stack_status(*stack, "REVIEW_IN_PROGRESS", "User Initiated");
  return stack;
}

}  // namespace

Result<std::pair<std::string, std::string>> create_change_set(StackLifecycle& lifecycle, const RequestScope& scope,
                                                              const ChangeSetRequest& r) {
  if (auto e = check_stack_name(r.inputs.stack_name)) return *e;
  if (auto e = check_change_set_name(r.name)) return *e;
  auto region = lifecycle.store().region(scope.account, scope.region);
  std::shared_ptr<Stack> stack;
  StackDefinition current;
  {
    std::lock_guard lock(region->mutex);
    auto target = target_stack(*region, r);
    if (!target) return target.error();
    stack = *target;
    if (stack && region->find_change_set(r.name, stack->id))
      return already_exists("ChangeSet [" + r.name + "] already exists");
    if (stack) current = stack->definition;
  }
  const std::string stack_id = stack ? stack->id : lifecycle.new_stack_id(scope, r.inputs.stack_name);
  const bool update = r.type != "CREATE";
  auto definition = lifecycle.define(scope, r.inputs, update ? &current : nullptr, r.inputs.stack_name, stack_id);
  if (!definition) return definition.error();

  std::lock_guard lock(region->mutex);
  if (!stack) {
    if (region->find_live(r.inputs.stack_name))
      return already_exists("Stack [" + r.inputs.stack_name + "] already exists");
    stack = review_stack(scope, r, stack_id, lifecycle.ids());
    region->add(stack);
  }
  auto cs = std::make_shared<ChangeSet>();
  cs->name = r.name;
  cs->id = cloudformation_arn(scope.region, scope.account, "changeSet/" + r.name + "/" + lifecycle.ids().uuid());
  cs->stack_id = stack->id;
  cs->stack_name = stack->name;
  cs->type = update ? "UPDATE" : "CREATE";
  cs->description = r.description;
  cs->on_stack_failure = r.on_stack_failure;
  cs->created = scope.now;
  cs->definition = std::move(*definition);
  cs->changes = change_set_changes(update ? stack.get() : nullptr, cs->definition, lifecycle.providers());
  const bool empty = update && cs->changes.empty() && cs->definition.tags == current.tags &&
                     cs->definition.notification_arns == current.notification_arns;
  cs->status = empty ? "FAILED" : "CREATE_COMPLETE";
  cs->execution_status = empty ? "UNAVAILABLE" : "AVAILABLE";
  if (empty) cs->status_reason = std::string(kNoChanges);
  region->change_sets[cs->id] = cs;
  region->record(*stack);
  return std::make_pair(cs->id, stack->id);
}

std::optional<ApiError> StackLifecycle::execute(const RequestScope& scope, const std::shared_ptr<RegionStacks>& region,
                                                const std::string& change_set_id, bool disable_rollback,
                                                const std::string& token) {
  std::lock_guard lock(region->mutex);
  auto cs = region->change_sets.at(change_set_id);
  if (cs->status != "CREATE_COMPLETE" || cs->execution_status != "AVAILABLE") {
    return invalid_change_set_status("ChangeSet [" + cs->id + "] cannot be executed in its current status of [" +
                                     cs->execution_status + "]");
  }
  auto stack = region->find(cs->stack_id);
  if (!stack || stack->status == "DELETE_COMPLETE") return stack_not_found_bracketed(cs->stack_name);
  const bool create = cs->type == "CREATE";
  if (create ? stack->status != "REVIEW_IN_PROGRESS" : !is_updatable_status(stack->status))
    return not_updatable(*stack);
  for (auto& [id, other] : region->change_sets) {
    if (other->stack_id == stack->id && other != cs) other->execution_status = "OBSOLETE";
  }
  cs->execution_status = "EXECUTE_IN_PROGRESS";
  stack->change_set_id = cs->id;
  stack->disable_rollback = disable_rollback;
  if (!create) {
    begin_update(region, stack, cs->definition, scope, token);
    return std::nullopt;
  }
  if (!cs->on_stack_failure.empty()) stack->on_failure = cs->on_stack_failure;
  stack->definition = cs->definition;
  stack->settings = scope.settings;
  stack->zones = scope.zones;
  StackOperation op = plan_create(*stack, active_resources(stack->definition));
  op.request_token = token;
  engine_.begin(region, stack, std::move(op), "User Initiated");
  region->record(*stack);
  return std::nullopt;
}

}  // namespace chokepoint
