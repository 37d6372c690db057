#include "services/cloudformation/provisioning_engine.hpp"

#include <algorithm>

#include "services/cloudformation/downstream_errors.hpp"
#include "services/cloudformation/engine_run.hpp"
#include "services/cloudformation/stack_events.hpp"
#include "services/cloudformation/stack_scope.hpp"

namespace chokepoint {

namespace {

Duration milliseconds(long long ms) {
  return std::chrono::milliseconds(ms);
}

Duration backoff(const CloudFormationSettings& s, int attempt) {
  long long delay = s.retry_base_delay_ms;
  for (int i = 1; i < attempt && delay < s.retry_max_delay_ms; ++i) delay *= 2;
  return milliseconds(std::min(delay, s.retry_max_delay_ms));
}

Duration operation_delay(const CloudFormationSettings& s, const std::string& type) {
  auto it = s.operation_delay_ms.find(type);
  if (it == s.operation_delay_ms.end()) it = s.operation_delay_ms.find("*");
  return it == s.operation_delay_ms.end() ? Duration::zero() : milliseconds(it->second);
}

bool ready(const StackOperation& op, const Job& job) {
  return std::all_of(job.waits_for.begin(), job.waits_for.end(), [&](const std::string& key) {
    const auto it = op.jobs.find(key);
    return it == op.jobs.end() || it->second.state == JobState::kDone;
  });
}

}  // namespace

bool resource_exists(const StackResource& r) {
  return !r.status.empty() && r.status != "DELETE_COMPLETE";
}

void ProvisioningEngine::begin(const std::shared_ptr<RegionStacks>& region, const std::shared_ptr<Stack>& stack,
                               StackOperation op, const std::string& reason) {
  const OperationKind kind = op.kind;
  events(op).stack_status(*stack, status_of(kind), reason);
  const uint64_t serial = launch(region, stack, std::move(op));
  if (kind == OperationKind::kCreate || kind == OperationKind::kUpdate) arm_timeout(region, stack, serial);
}

uint64_t ProvisioningEngine::launch(const std::shared_ptr<RegionStacks>& region, const std::shared_ptr<Stack>& stack,
                                    StackOperation op) {
  op.serial = ++stack->operation_serial;
  const uint64_t serial = op.serial;
  stack->operation = std::make_shared<StackOperation>(std::move(op));
  scheduler_.run_after(Duration::zero(), [this, region, stack, serial] { pump(region, stack, serial); });
  return serial;
}

void ProvisioningEngine::arm_timeout(const std::shared_ptr<RegionStacks>& region, const std::shared_ptr<Stack>& stack,
                                     uint64_t serial) {
  const auto minutes = stack->definition.timeout_minutes;
  if (!minutes || *minutes <= 0) return;
  scheduler_.run_after(std::chrono::minutes(*minutes), [this, region, stack, serial] {
    std::vector<RunPtr> runs;
    {
      std::lock_guard lock(region->mutex);
      if (region->dropped || !stack->operation || stack->operation->serial != serial) return;
      stack->operation->failing = true;
      stack->operation->timed_out = true;
      settle(Locked{region, stack, *stack->operation}, runs);
      region->record(*stack);
    }
    start(runs);
  });
}

void ProvisioningEngine::pump(std::shared_ptr<RegionStacks> region, std::shared_ptr<Stack> stack, uint64_t serial) {
  std::vector<RunPtr> runs;
  {
    std::lock_guard lock(region->mutex);
    if (region->dropped || !stack->operation || stack->operation->serial != serial) return;
    settle(Locked{region, stack, *stack->operation}, runs);
    region->record(*stack);
  }
  start(runs);
}

// Launches what is ready; when nothing runs any more, the operation is over.
void ProvisioningEngine::settle(Locked l, std::vector<RunPtr>& runs) {
  auto launched = launch_ready(l);
  runs.insert(runs.end(), launched.begin(), launched.end());
  if (l.op.running == 0) finish_operation(l);
}

std::vector<ProvisioningEngine::RunPtr> ProvisioningEngine::launch_ready(Locked l) {
  std::vector<RunPtr> runs;
  const int limit = l.stack->settings.max_concurrent_resources;
  for (bool progressed = true; progressed;) {
    progressed = false;
    for (auto& [key, job] : l.op.jobs) {
      if (l.op.failing && cancels_on_failure(l.op.kind)) return runs;
      if (limit > 0 && l.op.running >= limit) return runs;
      if (job.state != JobState::kPending || !ready(l.op, job)) continue;
      if (RunPtr run = prepare_guarded(l, job)) {
        job.state = JobState::kRunning;
        ++l.op.running;
        runs.push_back(std::move(run));
      } else {
        progressed = true;  // finished at once: others may be ready now
      }
    }
  }
  return runs;
}

// prepare(), with anything unexpected (a malformed value a provider did not foresee) failing the resource.
ProvisioningEngine::RunPtr ProvisioningEngine::prepare_guarded(Locked l, Job& job) {
  try {
    return prepare(l, job);
  } catch (const std::exception& e) {
    StackResource& r = l.stack->resources[job.logical_id];
    if (r.logical_id.empty()) r.logical_id = job.logical_id;
    events(l.op).resource_status(*l.stack, r, job.action == JobAction::kDelete ? "DELETE_FAILED" : "CREATE_FAILED",
                                 std::string("Internal failure: ") + e.what());
    finish_job(l, job, false);
    return nullptr;
  }
}

void ProvisioningEngine::finish_job(Locked l, Job& job, bool ok) {
  job.state = ok ? JobState::kDone : JobState::kFailed;
  if (ok) return;
  l.op.failed.push_back(job.logical_id);
  if (cancels_on_failure(l.op.kind)) l.op.failing = true;
}

void ProvisioningEngine::start(const std::vector<RunPtr>& runs) {
  for (const auto& run : runs) {
    scheduler_.run_after(operation_delay(run->settings, run->type), [this, run] { step(run); });
  }
}

void ProvisioningEngine::step(const RunPtr& run) {
  std::optional<CallOutcome> last = std::move(run->last);
  run->last.reset();
  ProviderStep s;
  try {
    s = run->task->next(last ? &*last : nullptr);
  } catch (const std::exception& e) {  // a provider bug must fail the resource, not the server
    s = ProviderStep::failed(std::string("Internal failure: ") + e.what());
  }
  if (!s.physical_id.empty() && s.kind != ProviderStep::Kind::kSucceeded) record_physical_id(run, s.physical_id);
  switch (s.kind) {
    case ProviderStep::Kind::kCall:
      if (!halted(run)) issue(run, std::move(s.request));
      return;
    case ProviderStep::Kind::kWait:
      if (!halted(run)) scheduler_.run_after(s.delay, [this, run] { step(run); });
      return;
    case ProviderStep::Kind::kSucceeded:
      complete(run, s);
      return;
    case ProviderStep::Kind::kFailed:
      fail(run, s.reason);
      return;
  }
}

void ProvisioningEngine::issue(const RunPtr& run, ApiRequest request) {
  act_for_account(request, run->account, run->region_name, "cloudformation.amazonaws.com");
  request.request_id = request.service == "dynamodb" ? ids_.upper_alnum(52) : ids_.uuid();
  const std::string service = request.service, request_id = request.request_id;
  ApiResult result = caller_.call(request, scheduler_.now());
  const ApiError* e = std::get_if<ApiError>(&result);
  if (e && is_throttling_error(*e) && run->attempt < run->settings.throttle_retries) {
    ++run->attempt;
    scheduler_.run_after(backoff(run->settings, run->attempt), [this, run, request = std::move(request)]() mutable {
      if (!halted(run)) issue(run, std::move(request));
    });
    return;
  }
  run->attempt = 0;
  run->last = CallOutcome{std::move(result), request_id, service};
  step(run);
}

// True when the run must stop: its operation is gone, or failing and the run can be cancelled (it is between
// calls, so nothing is half done). A cancelled run's resource is marked so.
bool ProvisioningEngine::halted(const RunPtr& run) {
  std::vector<RunPtr> runs;
  {
    std::lock_guard lock(run->region->mutex);
    Stack& stack = *run->stack;
    if (run->region->dropped || !stack.operation || stack.operation->serial != run->serial) return true;
    StackOperation& op = *stack.operation;
    if (!op.failing || !cancels_on_failure(op.kind) || run->mode == Run::Mode::kDelete) return false;
    const bool creating = run->mode == Run::Mode::kCreate && !run->replacing;
    events(op).resource_status(stack, stack.resources[run->logical_id], creating ? "CREATE_FAILED" : "UPDATE_FAILED",
                               creating ? "Resource creation cancelled" : "Resource update cancelled");
    op.jobs.at(run->job_key).state = JobState::kCancelled;
    --op.running;
    settle(Locked{run->region, run->stack, op}, runs);
    run->region->record(stack);
  }
  start(runs);
  return true;
}

void ProvisioningEngine::record_physical_id(const RunPtr& run, const std::string& physical_id) {
  if (run->mode != Run::Mode::kCreate) return;
  std::lock_guard lock(run->region->mutex);
  Stack& stack = *run->stack;
  if (run->region->dropped || !stack.operation || stack.operation->serial != run->serial) return;
  std::string& recorded =
      run->replacing ? stack.changes[run->logical_id].new_physical_id : stack.resources[run->logical_id].physical_id;
  if (recorded == physical_id && (run->replacing || run->initiated)) return;  // steps repeat the id while they poll
  recorded = physical_id;
  if (!run->replacing && !run->initiated) {
    run->initiated = true;
    events(*stack.operation).resource_status(stack, stack.resources[run->logical_id], "CREATE_IN_PROGRESS",
                                             "Resource creation Initiated");
  }
  run->region->record(stack);  // after a restart, the rollback must know what to delete
}

}  // namespace chokepoint
