#include "services/dynamodb/backup_store.hpp"

#include <algorithm>
#include <mutex>

#include "services/dynamodb/table_changes.hpp"

namespace chokepoint {

bool BackupStore::add(std::shared_ptr<const Backup> backup) {
  std::unique_lock lock(mutex_);
  const bool added = backups_.emplace(backup->arn, backup).second;
  if (added && change_log_) change_log_->append(backup_record(*backup));
  return added;
}

std::shared_ptr<const Backup> BackupStore::find(const std::string& arn) const {
  std::shared_lock lock(mutex_);
  const auto it = backups_.find(arn);
  return it == backups_.end() ? nullptr : it->second;
}

std::shared_ptr<const Backup> BackupStore::remove(const std::string& arn) {
  std::unique_lock lock(mutex_);
  const auto it = backups_.find(arn);
  if (it == backups_.end()) return nullptr;
  auto backup = std::move(it->second);
  backups_.erase(it);
  if (change_log_) change_log_->append(backup_deleted_record(backup->arn));
  return backup;
}

void BackupStore::attach_change_log(ChangeLog* log) {
  std::unique_lock lock(mutex_);
  change_log_ = log;
}

void BackupStore::restore(std::shared_ptr<const Backup> backup) {
  std::unique_lock lock(mutex_);
  backups_[backup->arn] = std::move(backup);
}

void BackupStore::forget(const std::string& arn) {
  std::unique_lock lock(mutex_);
  backups_.erase(arn);
}

std::vector<std::shared_ptr<const Backup>> BackupStore::all() const {
  std::vector<std::shared_ptr<const Backup>> out;
  {
    std::shared_lock lock(mutex_);
    for (const auto& entry : backups_) out.push_back(entry.second);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a->created < b->created; });
  return out;
}

void BackupStore::clear() {
  std::unique_lock lock(mutex_);
  backups_.clear();
}

}  // namespace chokepoint
