// ProvisioningEngine::resume: the operation a stack was running when a durable server stopped.
#include "services/cloudformation/engine_run.hpp"

namespace chokepoint {

namespace {

constexpr OperationKind kAllKinds[] = {
    OperationKind::kCreate,        OperationKind::kRollback,       OperationKind::kDelete,
    OperationKind::kUpdate,        OperationKind::kUpdateCleanup,  OperationKind::kUpdateRollback,
    OperationKind::kUpdateRollbackCleanup,
};

std::optional<OperationKind> running_kind(const std::string& status) {
  for (OperationKind kind : kAllKinds) {
    if (status_of(kind) == status) return kind;
  }
  return std::nullopt;
}

}  // namespace

bool ProvisioningEngine::resume(const std::shared_ptr<RegionStacks>& region, const std::shared_ptr<Stack>& stack) {
  const auto kind = running_kind(stack->status);
  if (!kind || stack->operation) return false;
  StackOperation op;
  switch (*kind) {
    case OperationKind::kCreate:
    case OperationKind::kUpdate:
      op.kind = *kind;
      op.failing = true;
      op.interrupted = true;
      break;
    case OperationKind::kRollback:
    case OperationKind::kDelete:
      op = plan_delete(*stack, *kind);
      break;
    case OperationKind::kUpdateCleanup:
      op = plan_update_cleanup(*stack);
      break;
    case OperationKind::kUpdateRollback:
      op = plan_update_rollback(*stack);
      break;
    case OperationKind::kUpdateRollbackCleanup:
      op = plan_update_rollback_cleanup(*stack);
      break;
  }
  if (!stack->events.empty()) op.request_token = stack->events.back().client_request_token;
  if (op.interrupted) {
    const EventRecorder rec = events(op);
    for (auto& [id, r] : stack->resources) {
      if (r.status != "CREATE_IN_PROGRESS" && r.status != "UPDATE_IN_PROGRESS") continue;
      const bool creating = r.status == "CREATE_IN_PROGRESS";
      rec.resource_status(*stack, r, creating ? "CREATE_FAILED" : "UPDATE_FAILED",
                          creating ? "Resource creation cancelled" : "Resource update cancelled");
      op.failed.push_back(id);
    }
  }
  launch(region, stack, std::move(op));
  return true;
}

}  // namespace chokepoint
