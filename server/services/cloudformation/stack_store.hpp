#pragma once
// Stacks, change sets and exports of each account and region. Thread-safety: StackStore's own map is guarded
// internally; everything inside a RegionStacks is guarded by its `mutex`, which callers hold while they read
// or change it (and release before calling other services). A reset marks regions `dropped`, so background
// work that still holds one stops at its next step.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

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
};

class StackStore {
 public:
  std::shared_ptr<RegionStacks> region(const std::string& account, const std::string& region);
  void reset();

 private:
  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, std::shared_ptr<RegionStacks>> regions_;
};

}  // namespace chokepoint
