// The provisioning engine's per-resource work: turning a job into a provider task (under the region lock),
// and recording how it ended.
#include <algorithm>

#include "common/problem.hpp"
#include "services/cloudformation/engine_run.hpp"
#include "services/cloudformation/stack_scope.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

// The resource's properties with every function evaluated, or the template error.
std::variant<json, std::string> resolve(const RegionStacks& region, Stack& stack, const ResourceDecl& decl) {
  StackScope scope(region, &stack, stack.definition, identity_of(stack), stack.zones);
  try {
    json props = evaluate(decl.properties, scope.context()).value_or(json::object());
    for (const auto& name : scope.imported()) {
      if (std::find(stack.imports.begin(), stack.imports.end(), name) == stack.imports.end())
        stack.imports.push_back(name);
    }
    return props;
  } catch (const TemplateError& e) {
    return std::string(e.what());
  }
}

bool retained(const Job& job, const Stack& stack, OperationKind kind) {
  if (job.key != job.logical_id) return false;  // the old copy of a replaced resource (UpdateReplacePolicy Delete)
  const std::string& policy = job.target.deletion_policy;
  if (policy == "Retain") return true;
  if (policy == "RetainExceptOnCreate" && kind != OperationKind::kRollback) return true;
  const auto& keep = stack.retain_on_delete;
  return std::find(keep.begin(), keep.end(), job.logical_id) != keep.end();
}

Problem custom_name_conflict(const ResourceProvider& provider, const StackResource& r, const json& props) {
  const std::string key = provider.name_property();
  if (key.empty() || !props.contains(key) || !r.properties.contains(key) || props[key] != r.properties[key]) return std::nullopt;
  return "CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename " +
         scalar_string(props[key]).value_or("") + " and update the stack again.";
}

}  // namespace

ProvisioningEngine::RunPtr ProvisioningEngine::make_run(Locked l, Job& job, const std::string& type) {
  auto run = std::make_shared<Run>();
  run->region = l.region;
  run->stack = l.stack;
  run->serial = l.op.serial;
  run->job_key = job.key;
  run->logical_id = job.logical_id;
  run->type = type;
  run->account = l.stack->account;
  run->region_name = l.stack->region;
  run->settings = l.stack->settings;
  return run;
}

ResourceRequest ProvisioningEngine::request_for(Locked l, const std::string& logical_id, const std::string& type,
                                                json properties) {
  const Stack& s = *l.stack;
  ResourceRequest r;
  r.account = s.account;
  r.region = s.region;
  r.stack_id = s.id;
  r.stack_name = s.name;
  r.logical_id = logical_id;
  r.type = type;
  r.properties = std::move(properties);
  r.request_token = ids_.uuid();  // the handler's own token, as CloudFormation's messages show it
  r.poll_interval = std::chrono::milliseconds(s.settings.poll_interval_ms);
  r.ids = &ids_;
  r.nested = nested_;
  r.capabilities = s.definition.capabilities;
  r.notification_arns = s.definition.notification_arns;
  r.tags = s.definition.tags;
  r.root_id = s.root_id.empty() ? s.id : s.root_id;
  return r;
}

ProvisioningEngine::RunPtr ProvisioningEngine::prepare(Locked l, Job& job) {
  switch (job.action) {
    case JobAction::kCreate:
      return prepare_create(l, job);
    case JobAction::kApply:
      return prepare_apply(l, job);
    case JobAction::kDelete:
      return prepare_delete(l, job);
    case JobAction::kRevert:
      return prepare_revert(l, job);
    case JobAction::kRestore: {
      StackResource& r = l.stack->resources[job.logical_id];
      r = job.target;
      events(l.op).resource_status(*l.stack, r, "UPDATE_COMPLETE", "");
      finish_job(l, job, true);
      return nullptr;
    }
  }
  return nullptr;
}

ProvisioningEngine::RunPtr ProvisioningEngine::prepare_create(Locked l, Job& job) {
  const ResourceDecl& decl = *l.stack->definition.tmpl->resource(job.logical_id);
  StackResource& r = l.stack->resources[job.logical_id];
  r = StackResource{};
  r.logical_id = decl.logical_id;
  r.type = decl.type;
  r.metadata = decl.metadata;
  r.deletion_policy = decl.deletion_policy;
  auto props = resolve(*l.region, *l.stack, decl);
  if (auto* error = std::get_if<std::string>(&props)) {
    events(l.op).resource_status(*l.stack, r, "CREATE_FAILED", *error);
    finish_job(l, job, false);
    return nullptr;
  }
  r.properties = std::get<json>(props);
  events(l.op).resource_status(*l.stack, r, "CREATE_IN_PROGRESS", "", r.properties);
  RunPtr run = make_run(l, job, decl.type);
  run->properties = r.properties;
  run->task = providers_.find(decl.type)->create(request_for(l, decl.logical_id, decl.type, r.properties));
  return run;
}

ProvisioningEngine::RunPtr ProvisioningEngine::prepare_apply(Locked l, Job& job) {
  Stack& stack = *l.stack;
  const ResourceDecl& decl = *stack.definition.tmpl->resource(job.logical_id);
  const auto existing = stack.resources.find(job.logical_id);
  if (existing == stack.resources.end() || !resource_exists(existing->second)) {
    stack.changes[job.logical_id] = ResourceChange{ResourceChange::Kind::kCreated, {}, {}};
    return prepare_create(l, job);
  }
  StackResource& r = existing->second;
  auto resolved = resolve(*l.region, stack, decl);
  if (auto* error = std::get_if<std::string>(&resolved)) {
    events(l.op).resource_status(stack, r, "UPDATE_FAILED", *error);
    finish_job(l, job, false);
    return nullptr;
  }
  const json props = std::get<json>(resolved);
  r.metadata = decl.metadata;
  r.deletion_policy = decl.deletion_policy;
  if (r.type == decl.type && r.properties == props) {
    finish_job(l, job, true);  // nothing to do: no events, as CloudFormation
    return nullptr;
  }
  const ResourceProvider& provider = *providers_.find(decl.type);
  const bool replace = r.type != decl.type || needs_replacement(provider, r.properties, props);
  if (replace && r.type == decl.type) {
    if (auto conflict = custom_name_conflict(provider, r, props)) {
      events(l.op).resource_status(stack, r, "UPDATE_FAILED", *conflict);
      finish_job(l, job, false);
      return nullptr;
    }
  }
  stack.changes[job.logical_id] =
      ResourceChange{replace ? ResourceChange::Kind::kReplaced : ResourceChange::Kind::kUpdated, r, {}};
  return start_change(l, job, provider, r, props, replace);
}

// An existing resource changes: replaced by a new physical resource, or updated in place.
ProvisioningEngine::RunPtr ProvisioningEngine::start_change(Locked l, Job& job, const ResourceProvider& provider,
                                                            StackResource& r, const json& props, bool replace) {
  RunPtr run = make_run(l, job, provider.type());
  run->properties = props;
  ResourceRequest request = request_for(l, job.logical_id, provider.type(), props);
  if (replace) {
    run->replacing = true;
    r.type = provider.type();
    events(l.op).resource_status(
        *l.stack, r, "UPDATE_IN_PROGRESS",
        "Requested update requires the creation of a new physical resource; hence creating one.", props);
    run->task = provider.create(std::move(request));
    return run;
  }
  events(l.op).resource_status(*l.stack, r, "UPDATE_IN_PROGRESS", "", props);
  request.previous_properties = r.properties;
  request.physical_id = r.physical_id;
  request.attributes = r.attributes;
  run->mode = Run::Mode::kUpdate;
  run->task = provider.update(std::move(request));
  return run;
}

ProvisioningEngine::RunPtr ProvisioningEngine::prepare_delete(Locked l, Job& job) {
  Stack& stack = *l.stack;
  const bool own_record = job.key == job.logical_id;
  auto mark = [&](const std::string& status) {
    if (own_record) {
      events(l.op).resource_status(stack, stack.resources[job.logical_id], status, "");
    } else {
      events(l.op).resource_event(stack, job.target, status, "");
    }
  };
  if (retained(job, stack, l.op.kind) || job.target.physical_id.empty()) {
    mark(retained(job, stack, l.op.kind) ? "DELETE_SKIPPED" : "DELETE_COMPLETE");
    if (own_record && job.removes_record) stack.resources.erase(job.logical_id);
    finish_job(l, job, true);
    return nullptr;
  }
  mark("DELETE_IN_PROGRESS");
  RunPtr run = make_run(l, job, job.target.type);
  run->mode = Run::Mode::kDelete;
  ResourceRequest request = request_for(l, job.logical_id, job.target.type, job.target.properties);
  request.physical_id = job.target.physical_id;
  request.attributes = job.target.attributes;
  run->task = providers_.find(job.target.type)->remove(std::move(request));
  return run;
}

ProvisioningEngine::RunPtr ProvisioningEngine::prepare_revert(Locked l, Job& job) {
  Stack& stack = *l.stack;
  StackResource& r = stack.resources[job.logical_id];
  events(l.op).resource_status(stack, r, "UPDATE_IN_PROGRESS", "", job.target.properties);
  RunPtr run = make_run(l, job, r.type);
  run->mode = Run::Mode::kUpdate;
  run->properties = job.target.properties;
  ResourceRequest request = request_for(l, job.logical_id, r.type, job.target.properties);
  request.previous_properties = r.properties;
  request.physical_id = r.physical_id;
  request.attributes = r.attributes;
  run->task = providers_.find(r.type)->update(std::move(request));
  return run;
}

void ProvisioningEngine::complete(const RunPtr& run, const ProviderStep& step) {
  std::vector<RunPtr> runs;
  {
    std::lock_guard lock(run->region->mutex);
    Stack& stack = *run->stack;
    if (run->region->dropped || !stack.operation || stack.operation->serial != run->serial) return;
    StackOperation& op = *stack.operation;
    Job& job = op.jobs.at(run->job_key);
    const EventRecorder rec = events(op);
    if (run->mode == Run::Mode::kDelete) {
      if (job.key != job.logical_id) {
        rec.resource_event(stack, job.target, "DELETE_COMPLETE", "");
      } else {
        rec.resource_status(stack, stack.resources[job.logical_id], "DELETE_COMPLETE", "");
        if (job.removes_record) stack.resources.erase(job.logical_id);
      }
    } else {
      StackResource& r = stack.resources[run->logical_id];
      if (run->mode == Run::Mode::kCreate && !run->replacing && !run->initiated) {
        r.physical_id = step.physical_id;
        rec.resource_status(stack, r, "CREATE_IN_PROGRESS", "Resource creation Initiated");
      }
      if (run->mode == Run::Mode::kCreate) r.physical_id = step.physical_id;
      if (run->replacing) stack.changes[run->logical_id].new_physical_id = step.physical_id;
      if (!step.attributes.is_null()) r.attributes = step.attributes;
      r.properties = run->properties;
      const bool created = run->mode == Run::Mode::kCreate && !run->replacing;
      rec.resource_status(stack, r, created ? "CREATE_COMPLETE" : "UPDATE_COMPLETE", "");
    }
    finish_job(Locked{run->region, run->stack, op}, job, true);
    --op.running;
    settle(Locked{run->region, run->stack, op}, runs);
    run->region->record(stack);
  }
  start(runs);
}

void ProvisioningEngine::fail(const RunPtr& run, const std::string& reason) {
  std::vector<RunPtr> runs;
  {
    std::lock_guard lock(run->region->mutex);
    Stack& stack = *run->stack;
    if (run->region->dropped || !stack.operation || stack.operation->serial != run->serial) return;
    StackOperation& op = *stack.operation;
    Job& job = op.jobs.at(run->job_key);
    const EventRecorder rec = events(op);
    if (run->mode == Run::Mode::kDelete && job.key != job.logical_id) {
      rec.resource_event(stack, job.target, "DELETE_FAILED", reason);
    } else {
      const char* status = run->mode == Run::Mode::kDelete                      ? "DELETE_FAILED"
                           : run->mode == Run::Mode::kCreate && !run->replacing ? "CREATE_FAILED"
                                                                                : "UPDATE_FAILED";
      rec.resource_status(stack, stack.resources[run->logical_id], status, reason);
    }
    finish_job(Locked{run->region, run->stack, op}, job, false);
    --op.running;
    settle(Locked{run->region, run->stack, op}, runs);
    run->region->record(stack);
  }
  start(runs);
}

}  // namespace chokepoint
