#include "services/cloudformation/stack_journal.hpp"

#include "persistence/change_record.hpp"
#include "services/cloudformation/stack_record.hpp"
#include "services/cloudformation/stack_store.hpp"

namespace chokepoint {

std::string StackJournal::key(const RegionStacks& region, const std::string& stack_id) {
  return region.account + "/" + region.region + "/" + stack_id;
}

std::string StackJournal::record_text(const RegionStacks& region, const Stack& stack) {
  std::vector<const ChangeSet*> change_sets;
  for (const auto& [_, cs] : region.change_sets) {
    if (cs->stack_id == stack.id) change_sets.push_back(cs.get());
  }
  return json_record_text(kRecords, kStackKind, key(region, stack.id), stack_record(stack, change_sets));
}

void StackJournal::record(const RegionStacks& region, const Stack& stack) const {
  if (ChangeLog* log = log_.load(std::memory_order_acquire)) log->append(record_text(region, stack));
}

void StackJournal::forget(const RegionStacks& region, const std::string& stack_id) const {
  if (ChangeLog* log = log_.load(std::memory_order_acquire)) {
    log->append(json_record_text(kRecords, kStackKind, key(region, stack_id), nullptr));
  }
}

}  // namespace chokepoint
