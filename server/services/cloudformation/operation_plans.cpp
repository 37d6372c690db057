#include <functional>

#include "services/cloudformation/dependency_graph.hpp"
#include "services/cloudformation/stack_operation.hpp"

namespace chokepoint {

namespace {

DependencyGraph graph_of(const StackDefinition& d, const std::set<std::string>* active) {
  if (!d.tmpl) return DependencyGraph{};
  const ConditionOracle decide = [&d](const std::string& name) -> std::optional<bool> {
    const auto it = d.conditions.find(name);
    return it == d.conditions.end() ? std::nullopt : std::optional<bool>(it->second);
  };
  return resource_graph(*d.tmpl, &decide, active);
}

bool exists(const StackResource& r) {
  return !r.status.empty() && r.status != "DELETE_COMPLETE";
}

Job job(const std::string& key, JobAction action) {
  Job j;
  j.key = key;
  j.logical_id = key;
  j.action = action;
  return j;
}

// Jobs run after the jobs of what they depend on (create order).
void order_by_dependencies(StackOperation& op, const DependencyGraph& graph) {
  for (auto& [key, j] : op.jobs) {
    for (const auto& dep : graph.dependencies(j.logical_id)) {
      if (op.jobs.count(dep)) j.waits_for.insert(dep);
    }
  }
}

// Jobs run after the jobs of what depends on them (delete order).
void order_by_dependents(StackOperation& op, const DependencyGraph& graph) {
  for (auto& [key, j] : op.jobs) {
    for (const auto& dependent : graph.dependents(j.logical_id)) {
      if (op.jobs.count(dependent) && dependent != key) j.waits_for.insert(dependent);
    }
  }
}

StackOperation operation(OperationKind kind) {
  StackOperation op;
  op.kind = kind;
  return op;
}

}  // namespace

bool is_active(const StackDefinition& d, const std::string& logical_id) {
  const ResourceDecl* decl = d.tmpl ? d.tmpl->resource(logical_id) : nullptr;
  if (!decl) return false;
  if (decl->condition.empty()) return true;
  const auto it = d.conditions.find(decl->condition);
  return it != d.conditions.end() && it->second;
}

std::set<std::string> active_resources(const StackDefinition& d) {
  std::set<std::string> out;
  if (!d.tmpl) return out;
  for (const auto& [id, _] : d.tmpl->resources) {
    if (is_active(d, id)) out.insert(id);
  }
  return out;
}

bool cancels_on_failure(OperationKind kind) {
  return kind == OperationKind::kCreate || kind == OperationKind::kUpdate;
}

std::string status_of(OperationKind kind) {
  switch (kind) {
    case OperationKind::kCreate:
      return "CREATE_IN_PROGRESS";
    case OperationKind::kRollback:
      return "ROLLBACK_IN_PROGRESS";
    case OperationKind::kDelete:
      return "DELETE_IN_PROGRESS";
    case OperationKind::kUpdate:
      return "UPDATE_IN_PROGRESS";
    case OperationKind::kUpdateCleanup:
      return "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS";
    case OperationKind::kUpdateRollback:
      return "UPDATE_ROLLBACK_IN_PROGRESS";
    case OperationKind::kUpdateRollbackCleanup:
      return "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS";
  }
  return "";
}

StackOperation plan_create(const Stack& stack, const std::set<std::string>& active) {
  StackOperation op = operation(OperationKind::kCreate);
  for (const auto& id : active) op.jobs.emplace(id, job(id, JobAction::kCreate));
  order_by_dependencies(op, graph_of(stack.definition, &active));
  return op;
}

StackOperation plan_update(const Stack& stack, const std::set<std::string>& active) {
  StackOperation op = operation(OperationKind::kUpdate);
  for (const auto& id : active) op.jobs.emplace(id, job(id, JobAction::kApply));
  order_by_dependencies(op, graph_of(stack.definition, &active));
  return op;
}

StackOperation plan_delete(const Stack& stack, OperationKind kind) {
  StackOperation op = operation(kind);
  for (const auto& [id, r] : stack.resources) {
    if (!exists(r)) continue;
    Job j = job(id, JobAction::kDelete);
    j.target = r;
    op.jobs.emplace(id, std::move(j));
  }
  order_by_dependents(op, graph_of(stack.definition, nullptr));
  return op;
}

StackOperation plan_update_cleanup(const Stack& stack) {
  StackOperation op = operation(OperationKind::kUpdateCleanup);
  for (const auto& [id, r] : stack.resources) {
    if (is_active(stack.definition, id) || !exists(r)) continue;
    Job j = job(id, JobAction::kDelete);
    j.target = r;
    j.removes_record = true;
    op.jobs.emplace(id, std::move(j));
  }
  if (stack.previous) order_by_dependents(op, graph_of(*stack.previous, nullptr));
  for (const auto& [id, change] : stack.changes) {
    if (change.kind != ResourceChange::Kind::kReplaced) continue;
    Job j = job(id + "#replaced", JobAction::kDelete);
    j.logical_id = id;
    j.target = change.before;
    op.jobs.emplace(j.key, std::move(j));
  }
  return op;
}

StackOperation plan_update_rollback(const Stack& stack) {
  StackOperation op = operation(OperationKind::kUpdateRollback);
  for (const auto& [id, change] : stack.changes) {
    if (change.kind == ResourceChange::Kind::kCreated) continue;
    Job j = job(id, change.kind == ResourceChange::Kind::kUpdated ? JobAction::kRevert : JobAction::kRestore);
    j.target = change.before;
    op.jobs.emplace(id, std::move(j));
  }
  if (stack.previous) order_by_dependencies(op, graph_of(*stack.previous, nullptr));
  return op;
}

StackOperation plan_update_rollback_cleanup(const Stack& stack) {
  StackOperation op = operation(OperationKind::kUpdateRollbackCleanup);
  for (const auto& [id, change] : stack.changes) {
    const auto it = stack.resources.find(id);
    if (change.kind == ResourceChange::Kind::kCreated && it != stack.resources.end() && exists(it->second)) {
      Job j = job(id, JobAction::kDelete);
      j.target = it->second;
      j.removes_record = true;
      op.jobs.emplace(id, std::move(j));
    } else if (change.kind == ResourceChange::Kind::kReplaced && !change.new_physical_id.empty()) {
      Job j = job(id + "#replaced", JobAction::kDelete);
      j.logical_id = id;
      j.target = change.before;
      j.target.physical_id = change.new_physical_id;
      op.jobs.emplace(j.key, std::move(j));
    }
  }
  if (stack.previous) order_by_dependents(op, graph_of(*stack.previous, nullptr));
  return op;
}

}  // namespace chokepoint
