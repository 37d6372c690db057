#pragma once
// Where CloudFormation's changes go in durable mode (--data-dir): one "stack" record per stack, holding the
// whole stack with its change sets (stack_record.hpp), keyed "ACCOUNT/REGION/STACK_ID"; null once the stack is
// forgotten. Callers record with the region's lock held, right after a change, so the log holds a stack's
// records in the order its changes were made. Without a change log attached, recording does nothing.
#include <atomic>
#include <string>
#include <string_view>

#include "persistence/change_log.hpp"

namespace chokepoint {

struct RegionStacks;
struct Stack;

class StackJournal {
 public:
  static constexpr std::string_view kRecords = "cloudformation";
  static constexpr std::string_view kStackKind = "stack";

  void attach(ChangeLog* log) { log_.store(log, std::memory_order_release); }
  void record(const RegionStacks& region, const Stack& stack) const;
  void forget(const RegionStacks& region, const std::string& stack_id) const;

  // The record of `stack` as it is now (for snapshots too).
  static std::string record_text(const RegionStacks& region, const Stack& stack);
  static std::string key(const RegionStacks& region, const std::string& stack_id);

 private:
  std::atomic<ChangeLog*> log_{nullptr};
};

}  // namespace chokepoint
