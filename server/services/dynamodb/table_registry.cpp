#include "services/dynamodb/table_registry.hpp"

#include <mutex>
#include <tuple>

#include "services/dynamodb/table_changes.hpp"

namespace chokepoint {

std::shared_ptr<Table> RegionTables::find(const std::string& name, TimePoint now) const {
  std::shared_lock lock(mutex_);
  const auto it = tables_.find(name);
  if (it == tables_.end() || it->second->gone(now)) return nullptr;
  return it->second;
}

bool RegionTables::add(std::shared_ptr<Table> table, TimePoint now) {
  std::unique_lock lock(mutex_);
  // Forget tables whose deletion has completed.
  for (auto it = tables_.begin(); it != tables_.end();) {
    it = it->second->gone(now) && it->first != table->meta.name ? tables_.erase(it) : std::next(it);
  }
  auto& slot = tables_[table->meta.name];
  if (slot && !slot->gone(now)) return false;
  slot = std::move(table);
  if (change_log_) {
    slot->change_log = change_log_;
    change_log_->append(table_record(*slot));  // before any record of its items: no one sees it yet
  }
  return true;
}

void RegionTables::remove(const std::string& name) {
  std::unique_lock lock(mutex_);
  tables_.erase(name);
}

std::vector<std::string> RegionTables::names(TimePoint now) const {
  std::shared_lock lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [name, table] : tables_) {
    if (!table->gone(now)) out.push_back(name);
  }
  return out;
}

std::vector<std::shared_ptr<Table>> RegionTables::tables(TimePoint now) const {
  std::shared_lock lock(mutex_);
  std::vector<std::shared_ptr<Table>> out;
  for (const auto& [name, table] : tables_) {
    if (!table->gone(now)) out.push_back(table);
  }
  return out;
}

std::size_t RegionTables::size() const {
  std::shared_lock lock(mutex_);
  return tables_.size();
}

void RegionTables::attach_change_log(ChangeLog* log) {
  std::unique_lock lock(mutex_);
  change_log_ = log;
  for (auto& [name, table] : tables_) table->change_log = log;
  backups.attach_change_log(log);
}

void RegionTables::restore(std::shared_ptr<Table> table) {
  std::unique_lock lock(mutex_);
  table->change_log = change_log_;
  tables_[table->meta.name] = std::move(table);
}

std::shared_ptr<RegionTables> DynamoDbState::region(const std::string& account, const std::string& region,
                                                    const Seeder& seed) {
  const auto key = std::make_pair(account, region);
  {
    std::shared_lock lock(mutex_);
    const auto it = regions_.find(key);
    if (it != regions_.end()) return it->second;
  }
  std::unique_lock lock(mutex_);
  auto& slot = regions_[key];
  if (!slot) {
    slot = std::make_shared<RegionTables>();
    slot->attach_change_log(change_log_);
    if (seed) seed(*slot, account, region);
  }
  return slot;
}

std::shared_ptr<RegionTables> DynamoDbState::find_region(const std::string& account, const std::string& region) const {
  std::shared_lock lock(mutex_);
  const auto it = regions_.find(std::make_pair(account, region));
  return it == regions_.end() ? nullptr : it->second;
}

std::vector<std::tuple<std::string, std::string, std::shared_ptr<RegionTables>>> DynamoDbState::regions() const {
  std::shared_lock lock(mutex_);
  std::vector<std::tuple<std::string, std::string, std::shared_ptr<RegionTables>>> out;
  for (const auto& [key, tables] : regions_) out.emplace_back(key.first, key.second, tables);
  return out;
}

void DynamoDbState::attach_change_log(ChangeLog* log) {
  std::unique_lock lock(mutex_);
  change_log_ = log;
  for (auto& [key, tables] : regions_) tables->attach_change_log(log);
}

void DynamoDbState::reset() {
  std::unique_lock lock(mutex_);
  regions_.clear();
}

}  // namespace chokepoint
