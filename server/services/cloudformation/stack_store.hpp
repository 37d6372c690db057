#pragma once
// Stacks, change sets and exports of each account and region. Thread-safety: StackStore's own map is guarded
// internally; everything inside a RegionStacks is guarded by its `mutex`, which callers hold while they read
// or change it (and release before calling other services). A reset marks regions `dropped`, so background
// work that still holds one stops at its next step. Whatever changes a stack or its change sets calls
// record() before releasing the lock, which keeps durable mode's journal current.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "services/cloudformation/stack_journal.hpp"
#include "services/cloudformation/stack_model.hpp"

namespace chokepoint {

struct RegionStacks {
  std::mutex mutex;
  std::string account;
  std::string region;
  bool dropped = false;
  std::map<std::string, std::shared_ptr<Stack>> stacks;           // by id, including deleted stacks
  std::vector<std::string> order;                                 // ids, oldest first
  std::map<std::string, std::string> live_names;                  // name -> id of the stack that is not deleted
  std::map<std::string, StackExport> exports;                     // by export name
  std::map<std::string, std::shared_ptr<ChangeSet>> change_sets;  // by id
  const StackJournal* journal = nullptr;

  // By name (live stacks only) or by ARN (deleted ones too).
  std::shared_ptr<Stack> find(const std::string& name_or_id) const;
  std::shared_ptr<Stack> find_live(const std::string& name_or_id) const;
  void add(std::shared_ptr<Stack> stack);
  // A stack reached DELETE_COMPLETE: its name is free again; the oldest deleted stacks beyond a bound are forgotten.
  void retire(const Stack& stack);
  size_t live_count() const { return live_names.size(); }
  // By ARN, or by name within a stack.
  std::shared_ptr<ChangeSet> find_change_set(const std::string& name_or_id, const std::string& stack_id) const;
  std::vector<std::string> importers_of(const std::string& export_name) const;  // names of importing stacks

  // Durable mode: journals the stack (with its change sets) as it is now.
  void record(const Stack& stack) const {
    if (journal) journal->record(*this, stack);
  }
  // Restoring: puts a recorded stack in place of the one with its id (or adds it), with its change sets, its
  // exports and its name; forget() removes a stack and everything of it.
  void restore(std::shared_ptr<Stack> stack, std::vector<std::shared_ptr<ChangeSet>> stack_change_sets);
  void forget(const std::string& stack_id);

 private:
  void release(const Stack& stack);  // frees its name, exports and change sets
};

class StackStore {
 public:
  std::shared_ptr<RegionStacks> region(const std::string& account, const std::string& region);
  std::vector<std::shared_ptr<RegionStacks>> regions() const;
  void reset();
  StackJournal& journal() { return journal_; }

 private:
  StackJournal journal_;
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, std::shared_ptr<RegionStacks>> regions_;
};

}  // namespace chokepoint
