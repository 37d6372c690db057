#pragma once
// One stack operation in progress: its jobs (one per resource), which jobs wait for which, and how far it
// got. Built by the plan_* functions from the stack's state; run by ProvisioningEngine. Guarded by the
// region lock, like the Stack that owns it.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "services/cloudformation/stack_model.hpp"

namespace chokepoint {

enum class OperationKind {
  kCreate,                 // CREATE_IN_PROGRESS
  kRollback,               // ROLLBACK_IN_PROGRESS: delete what a failed create made
  kDelete,                 // DELETE_IN_PROGRESS
  kUpdate,                 // UPDATE_IN_PROGRESS
  kUpdateCleanup,          // UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: delete removed and replaced resources
  kUpdateRollback,         // UPDATE_ROLLBACK_IN_PROGRESS: put updated resources back
  kUpdateRollbackCleanup,  // UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS: delete what the update made
};

enum class JobAction {
  kCreate,   // a new resource
  kApply,    // update: create, update in place, replace or leave alone, decided when the job starts
  kDelete,   // delete `target`
  kRevert,   // update rollback: update in place back to `target`
  kRestore,  // update rollback of a replacement: the old resource is still there; point back at it
};

enum class JobState { kPending, kRunning, kDone, kFailed, kCancelled };

struct Job {
  std::string key;  // the logical id (cleanup of a replaced resource: "<logical id>#replaced")
  std::string logical_id;
  JobAction action = JobAction::kCreate;
  std::set<std::string> waits_for;  // keys of jobs that must be done first
  JobState state = JobState::kPending;
  StackResource target;         // kDelete, kRevert, kRestore: the resource to act on
  bool removes_record = false;  // kDelete: drop the resource from the stack when done (update cleanup)
};

struct StackOperation {
  OperationKind kind = OperationKind::kCreate;
  uint64_t serial = 0;
  std::map<std::string, Job> jobs;
  int running = 0;
  bool failing = false;  // a job failed (or the operation timed out): start nothing new, cancel what waits
  bool timed_out = false;
  bool interrupted = false;  // the server stopped while it ran (ProvisioningEngine::resume)
  std::vector<std::string> failed;  // logical ids of failed jobs, in order
  std::string request_token;
};

// True for operations whose failure cancels the jobs still running (create and update); deletes carry on
// with every resource that does not depend on a failed one.
bool cancels_on_failure(OperationKind kind);
std::string status_of(OperationKind kind);  // the stack status while it runs

// Resources of a definition whose Condition holds (all of them when they have none).
bool is_active(const StackDefinition& definition, const std::string& logical_id);
std::set<std::string> active_resources(const StackDefinition& definition);

// Plans. Each reads the stack (and its definition) and returns the operation to run.
StackOperation plan_create(const Stack& stack, const std::set<std::string>& active);
StackOperation plan_update(const Stack& stack, const std::set<std::string>& active);
// Delete every resource that exists (rollback of a create, stack deletion): dependents first.
StackOperation plan_delete(const Stack& stack, OperationKind kind);
StackOperation plan_update_cleanup(const Stack& stack);
StackOperation plan_update_rollback(const Stack& stack);
StackOperation plan_update_rollback_cleanup(const Stack& stack);

}  // namespace chokepoint
