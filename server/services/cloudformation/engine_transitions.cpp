// What follows a stack operation once nothing of it runs any more: outputs and exports, the next status, and
// the next operation (rollback, cleanup, deletion) when there is one.
#include "services/cloudformation/engine_run.hpp"
#include "services/cloudformation/stack_outputs.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kInterrupted = "The operation was interrupted: the server stopped while it ran.";

std::string failed_list(const StackOperation& op) {
  std::string out;
  for (const auto& id : op.failed) out += (out.empty() ? "" : ", ") + id;
  return "[" + out + "]";
}

void mark_change_set(RegionStacks& region, const Stack& stack, bool succeeded) {
  if (stack.change_set_id.empty()) return;
  const auto it = region.change_sets.find(stack.change_set_id);
  if (it != region.change_sets.end() && it->second->execution_status == "EXECUTE_IN_PROGRESS") {
    it->second->execution_status = succeeded ? "EXECUTE_COMPLETE" : "EXECUTE_FAILED";
  }
}

// Outputs and exports of a stack whose resources are all in place; the failure reason when they cannot be had.
std::optional<std::string> publish_outputs(RegionStacks& region, Stack& stack) {
  auto outputs = evaluate_outputs(region, stack);
  if (auto* error = std::get_if<std::string>(&outputs)) return *error;
  auto& list = std::get<std::vector<StackOutput>>(outputs);
  if (auto conflict = apply_exports(region, stack, list)) return conflict;
  stack.outputs = std::move(list);
  return std::nullopt;
}

}  // namespace

void ProvisioningEngine::end_operation(Locked l, const std::string& status, const std::string& reason) {
  Stack& stack = *l.stack;
  events(l.op).stack_status(stack, status, reason);
  stack.operation.reset();
  if (status == "DELETE_COMPLETE") return;
  if (stack.delete_requested) {
    stack.delete_requested = false;
    begin(l.region, l.stack, plan_delete(stack, OperationKind::kDelete), "User Initiated");
  }
}

void ProvisioningEngine::finish_operation(Locked l) {
  const auto keep_alive = l.stack->operation;  // `l.op` must outlive a new operation replacing it
  switch (l.op.kind) {
    case OperationKind::kCreate:
      finish_create(l);
      return;
    case OperationKind::kUpdate:
      finish_update(l);
      return;
    case OperationKind::kRollback:
    case OperationKind::kDelete:
      finish_deletion(l);
      return;
    case OperationKind::kUpdateCleanup:
      l.stack->previous.reset();
      l.stack->changes.clear();
      mark_change_set(*l.region, *l.stack, true);
      end_operation(l, "UPDATE_COMPLETE", "");
      return;
    case OperationKind::kUpdateRollback: {
      if (!l.op.failed.empty()) {
        end_operation(l, "UPDATE_ROLLBACK_FAILED",
                      "The following resource(s) failed to update: " + failed_list(l.op) + ". ");
        return;
      }
      Stack& stack = *l.stack;
      std::swap(stack.definition, *stack.previous);  // back to the old template; the failed one orders the cleanup
      StackOperation cleanup = plan_update_rollback_cleanup(stack);
      cleanup.request_token = l.op.request_token;
      begin(l.region, l.stack, std::move(cleanup), "");
      return;
    }
    case OperationKind::kUpdateRollbackCleanup:
      l.stack->previous.reset();
      l.stack->changes.clear();
      mark_change_set(*l.region, *l.stack, false);
      end_operation(l, "UPDATE_ROLLBACK_COMPLETE", "");
      return;
  }
}

void ProvisioningEngine::finish_create(Locked l) {
  Stack& stack = *l.stack;
  std::string reason;
  if (!l.op.failing) {
    const auto problem = publish_outputs(*l.region, stack);
    if (!problem) {
      mark_change_set(*l.region, stack, true);
      end_operation(l, "CREATE_COMPLETE", "");
      return;
    }
    reason = *problem;
  } else if (stack.delete_requested) {  // DeleteStack cancelled the create: delete rather than roll back
    mark_change_set(*l.region, stack, false);
    stack.delete_requested = false;
    StackOperation deletion = plan_delete(stack, OperationKind::kDelete);
    deletion.request_token = l.op.request_token;
    begin(l.region, l.stack, std::move(deletion), "User Initiated");
    return;
  } else {
    reason = l.op.timed_out     ? "Stack creation time exceeded the specified timeout."
             : l.op.interrupted ? std::string(kInterrupted)
                                : "The following resource(s) failed to create: " + failed_list(l.op) + ".";
  }
  if (reason.back() != '.') reason += '.';
  mark_change_set(*l.region, stack, false);
  if (stack.disable_rollback || stack.on_failure == "DO_NOTHING") {
    end_operation(l, "CREATE_FAILED", reason + " ");
    return;
  }
  const bool delete_after = stack.on_failure == "DELETE";
  StackOperation next = plan_delete(stack, delete_after ? OperationKind::kDelete : OperationKind::kRollback);
  next.request_token = l.op.request_token;
  begin(l.region, l.stack, std::move(next),
        reason + (delete_after ? " Delete requested by user." : " Rollback requested by user."));
}

void ProvisioningEngine::finish_update(Locked l) {
  Stack& stack = *l.stack;
  std::string reason;
  if (!l.op.failing) {
    const auto problem = publish_outputs(*l.region, stack);
    if (!problem) {
      StackOperation cleanup = plan_update_cleanup(stack);
      cleanup.request_token = l.op.request_token;
      begin(l.region, l.stack, std::move(cleanup), "");
      return;
    }
    reason = *problem;
  } else {
    reason = l.op.timed_out     ? "Stack update time exceeded the specified timeout."
             : l.op.interrupted ? std::string(kInterrupted)
                                : "The following resource(s) failed to update: " + failed_list(l.op) + ".";
  }
  if (reason.back() != '.') reason += '.';
  if (stack.disable_rollback) {
    mark_change_set(*l.region, stack, false);
    end_operation(l, "UPDATE_FAILED", reason + " ");
    return;
  }
  StackOperation rollback = plan_update_rollback(stack);
  rollback.request_token = l.op.request_token;
  begin(l.region, l.stack, std::move(rollback), reason + " ");
}

void ProvisioningEngine::finish_deletion(Locked l) {
  Stack& stack = *l.stack;
  const bool rollback = l.op.kind == OperationKind::kRollback;
  if (!l.op.failed.empty()) {
    end_operation(l, rollback ? "ROLLBACK_FAILED" : "DELETE_FAILED",
                  "The following resource(s) failed to delete: " + failed_list(l.op) + ". ");
    return;
  }
  if (rollback) {
    end_operation(l, "ROLLBACK_COMPLETE", stack.status_reason);
    return;
  }
  stack.deleted = scheduler_.now();
  drop_exports(*l.region, stack);
  stack.delete_requested = false;
  end_operation(l, "DELETE_COMPLETE", "");
  l.region->retire(stack);
}

}  // namespace chokepoint
