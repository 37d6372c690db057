// CloudFormationService's durable mode: the "stack" records of stack_journal.hpp, written as stacks change,
// dumped for snapshots, read back at start; then the operations that were running go on (or fail as
// interrupted and roll back, see ProvisioningEngine::resume).
#include "services/cloudformation/cloudformation_service.hpp"
#include "services/cloudformation/request_inputs.hpp"
#include "services/cloudformation/stack_record.hpp"

namespace chokepoint {

std::string_view CloudFormationService::persistence_name() const { return StackJournal::kRecords; }

void CloudFormationService::attach_change_log(ChangeLog* log) { store_.journal().attach(log); }

void CloudFormationService::dump(const RecordSink& emit) const {
  for (const auto& region : store_.regions()) {
    std::lock_guard lock(region->mutex);
    for (const auto& id : region->order) emit(StackJournal::record_text(*region, *region->stacks.at(id)));
  }
}

void CloudFormationService::restore(const ChangeRecord& record, const RestoreContext& ctx) {
  if (record.kind != StackJournal::kStackKind) return;
  const auto key = split_regional_key(record.key);  // "ACCOUNT/REGION/STACK_ID"
  if (!key) return;
  auto region = store_.region(key->account, key->region);
  const std::string& stack_id = key->rest;
  std::lock_guard lock(region->mutex);
  if (record.state.is_null()) {
    region->forget(stack_id);
    return;
  }
  try {
    RecordedStack recorded = stack_from_record(record.state);
    if (recorded.stack->id != stack_id) return;
    recorded.stack->settings = ctx.config.cloudformation;
    recorded.stack->zones = configured_zones(ctx.config);
    region->restore(std::move(recorded.stack), std::move(recorded.change_sets));
  } catch (const std::exception&) {
    // A record this version cannot read is skipped; the rest of the state is still worth having.
  }
}

void CloudFormationService::resume_after_restore() {
  for (const auto& region : store_.regions()) {
    std::lock_guard lock(region->mutex);
    for (const auto& id : region->order) {
      const auto& stack = region->stacks.at(id);
      if (engine_.resume(region, stack)) region->record(*stack);
    }
  }
}

}  // namespace chokepoint
