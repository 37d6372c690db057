#pragma once
// Runs stack operations in the background: every resource whose dependencies are done starts at once (up to
// the configured concurrency), each through its provider's task; downstream calls go through the normal
// admission path (ApiCaller) with the stack's account and region, and throttled calls are retried with
// exponential backoff before the resource fails. A failure cancels what is still running, then the stack rolls
// back (or stops, or deletes itself) as its OnFailure asks.
//
// Threading: work runs on the Scheduler. State changes happen under the region's lock; calls to other
// services and provider tasks run with no lock held. Work of a stale operation (reset, superseded) stops at
// its next step.
#include <memory>
#include <string>
#include <vector>

#include "common/ids.hpp"
#include "common/scheduler.hpp"
#include "services/cloudformation/nested_stacks.hpp"
#include "services/cloudformation/resource_provider.hpp"
#include "services/cloudformation/stack_events.hpp"
#include "services/cloudformation/stack_operation.hpp"
#include "services/cloudformation/stack_store.hpp"
#include "services/service.hpp"

namespace chokepoint {

class ProvisioningEngine {
 public:
  ProvisioningEngine(ApiCaller& caller, Scheduler& scheduler, const ProviderRegistry& providers, IdGenerator& ids)
      : caller_(caller), scheduler_(scheduler), providers_(providers), ids_(ids) {}

  void set_nested_host(NestedStackHost* host) { nested_ = host; }
  Scheduler& scheduler() { return scheduler_; }

  // Starts `op` on `stack`: sets the stack's status (with `reason`) and records the event. Call with the
  // region lock held; the work begins on the scheduler once the caller releases it.
  void begin(const std::shared_ptr<RegionStacks>& region, const std::shared_ptr<Stack>& stack, StackOperation op,
             const std::string& reason);

  // Durable mode, after a restart: picks up the operation `stack` was running when the server stopped (its
  // status says which). A create or an update cannot pick up a provider's half-done work, so it fails as
  // interrupted, with the resources it was working on, and rolls back (or stops, or deletes) as the stack's
  // OnFailure asks. Deletions, rollbacks and cleanups run again from the recorded state: each of their steps
  // can be repeated. False when the stack was not in the middle of an operation. Call with the region lock held.
  bool resume(const std::shared_ptr<RegionStacks>& region, const std::shared_ptr<Stack>& stack);

 private:
  struct Run;
  using RunPtr = std::shared_ptr<Run>;
  // A stack under its region's lock.
  struct Locked {
    const std::shared_ptr<RegionStacks>& region;
    const std::shared_ptr<Stack>& stack;
    StackOperation& op;
  };

  EventRecorder events(const StackOperation& op) const {
    return EventRecorder(ids_, scheduler_.now(), op.request_token);
  }
  // Makes `op` the stack's operation and schedules its first step; returns its serial.
  uint64_t launch(const std::shared_ptr<RegionStacks>& region, const std::shared_ptr<Stack>& stack, StackOperation op);
  void pump(std::shared_ptr<RegionStacks> region, std::shared_ptr<Stack> stack, uint64_t serial);
  std::vector<RunPtr> launch_ready(Locked l);
  RunPtr prepare(Locked l, Job& job);
  RunPtr prepare_guarded(Locked l, Job& job);
  RunPtr prepare_create(Locked l, Job& job);
  RunPtr prepare_apply(Locked l, Job& job);
  RunPtr start_change(Locked l, Job& job, const ResourceProvider& provider, StackResource& r,
                      const nlohmann::json& props, bool replace);
  RunPtr prepare_delete(Locked l, Job& job);
  RunPtr prepare_revert(Locked l, Job& job);
  RunPtr make_run(Locked l, Job& job, const std::string& type);
  ResourceRequest request_for(Locked l, const std::string& logical_id, const std::string& type,
                              nlohmann::json properties);
  void finish_job(Locked l, Job& job, bool ok);

  void start(const std::vector<RunPtr>& runs);
  void step(const RunPtr& run);
  void issue(const RunPtr& run, ApiRequest request);
  bool halted(const RunPtr& run);
  void record_physical_id(const RunPtr& run, const std::string& physical_id);
  void complete(const RunPtr& run, const ProviderStep& step);
  void fail(const RunPtr& run, const std::string& reason);
  void settle(Locked l, std::vector<RunPtr>& runs);
  void arm_timeout(const std::shared_ptr<RegionStacks>& region, const std::shared_ptr<Stack>& stack, uint64_t serial);

  // engine_transitions.cpp: what follows an operation that has nothing left to run.
  void finish_operation(Locked l);
  void finish_create(Locked l);
  void finish_update(Locked l);
  void finish_deletion(Locked l);
  void end_operation(Locked l, const std::string& status, const std::string& reason);

  ApiCaller& caller_;
  Scheduler& scheduler_;
  const ProviderRegistry& providers_;
  IdGenerator& ids_;
  NestedStackHost* nested_ = nullptr;
};

}  // namespace chokepoint
