#include "services/cloudformation/stack_store.hpp"

#include <algorithm>

#include "services/cloudformation/stack_outputs.hpp"

namespace chokepoint {

namespace {
constexpr size_t kDeletedStacksKept = 1000;
}

std::shared_ptr<Stack> RegionStacks::find_live(const std::string& name_or_id) const {
  const auto by_name = live_names.find(name_or_id);
  if (by_name != live_names.end()) return stacks.at(by_name->second);
  const auto by_id = stacks.find(name_or_id);
  if (by_id != stacks.end() && by_id->second->status != "DELETE_COMPLETE") return by_id->second;
  return nullptr;
}

std::shared_ptr<Stack> RegionStacks::find(const std::string& name_or_id) const {
  if (auto live = find_live(name_or_id)) return live;
  const auto by_id = stacks.find(name_or_id);
  return by_id == stacks.end() ? nullptr : by_id->second;
}

void RegionStacks::add(std::shared_ptr<Stack> stack) {
  live_names[stack->name] = stack->id;
  order.push_back(stack->id);
  stacks[stack->id] = std::move(stack);
}

void RegionStacks::release(const Stack& stack) {
  const auto it = live_names.find(stack.name);
  if (it != live_names.end() && it->second == stack.id) live_names.erase(it);
  drop_exports(*this, stack);
  for (auto c = change_sets.begin(); c != change_sets.end();) {
    c = c->second->stack_id == stack.id ? change_sets.erase(c) : std::next(c);
  }
}

void RegionStacks::retire(const Stack& stack) {
  release(stack);
  size_t deleted = 0;
  for (const auto& id : order) deleted += stacks.at(id)->status == "DELETE_COMPLETE" ? 1 : 0;
  for (auto id = order.begin(); deleted > kDeletedStacksKept && id != order.end();) {
    if (stacks.at(*id)->status != "DELETE_COMPLETE") {
      ++id;
      continue;
    }
    if (journal) journal->forget(*this, *id);
    stacks.erase(*id);
    id = order.erase(id);
    --deleted;
  }
}

void RegionStacks::restore(std::shared_ptr<Stack> stack, std::vector<std::shared_ptr<ChangeSet>> stack_change_sets) {
  const auto known = stacks.find(stack->id);
  if (known == stacks.end()) {
    order.push_back(stack->id);
  } else {
    release(*known->second);  // a later record of the same stack: it keeps its place in the order
  }
  if (stack->status != "DELETE_COMPLETE") {
    live_names[stack->name] = stack->id;
    for (const auto& o : stack->outputs) {  // exports are the outputs of the stacks that are not deleted
      if (!o.export_name.empty()) exports[o.export_name] = StackExport{o.export_name, o.value, stack->id};
    }
  }
  for (auto& cs : stack_change_sets) change_sets[cs->id] = std::move(cs);
  stacks[stack->id] = std::move(stack);
}

void RegionStacks::forget(const std::string& stack_id) {
  const auto it = stacks.find(stack_id);
  if (it == stacks.end()) return;
  release(*it->second);
  order.erase(std::find(order.begin(), order.end(), stack_id));
  stacks.erase(it);
}

std::shared_ptr<ChangeSet> RegionStacks::find_change_set(const std::string& name_or_id,
                                                         const std::string& stack_id) const {
  const auto by_id = change_sets.find(name_or_id);
  if (by_id != change_sets.end()) return by_id->second;
  for (const auto& [_, cs] : change_sets) {
    if (cs->name == name_or_id && cs->stack_id == stack_id) return cs;
  }
  return nullptr;
}

std::vector<std::string> RegionStacks::importers_of(const std::string& export_name) const {
  std::vector<std::string> out;
  for (const auto& [name, id] : live_names) {
    const auto& imports = stacks.at(id)->imports;
    if (std::find(imports.begin(), imports.end(), export_name) != imports.end()) out.push_back(name);
  }
  return out;
}

std::shared_ptr<RegionStacks> StackStore::region(const std::string& account, const std::string& region) {
  std::lock_guard lock(mutex_);
  auto& slot = regions_[{account, region}];
  if (!slot) {
    slot = std::make_shared<RegionStacks>();
    slot->account = account;
    slot->region = region;
    slot->journal = &journal_;
  }
  return slot;
}

std::vector<std::shared_ptr<RegionStacks>> StackStore::regions() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<RegionStacks>> out;
  for (const auto& [_, r] : regions_) out.push_back(r);
  return out;
}

void StackStore::reset() {
  std::map<std::pair<std::string, std::string>, std::shared_ptr<RegionStacks>> old;
  {
    std::lock_guard lock(mutex_);
    old.swap(regions_);
  }
  for (auto& [_, r] : old) {
    std::lock_guard lock(r->mutex);
    r->dropped = true;
  }
}

}  // namespace chokepoint
