#pragma once
// On-demand backups (CreateBackup) of one account and region. A backup keeps the source table's description at
// the time it was made and its items (PackedItem buffers are shared and immutable, so a backup costs little memory
// until the table's items change). Backups outlive their table. Thread-safe.
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/clock.hpp"
#include "services/dynamodb/packed_item.hpp"

namespace chokepoint {

struct Backup {
  std::string arn;
  std::string name;
  std::string table_name;
  std::string table_arn;
  std::string table_id;
  TimePoint created{};
  TimePoint available_at{};  // CREATING until then, AVAILABLE after
  uint64_t size_bytes = 0;
  nlohmann::json source;  // the table's description (DescribeTable's) when the backup was made
  std::vector<PackedItem> items;

  bool available(TimePoint now) const { return now >= available_at; }
};

class ChangeLog;

class BackupStore {
 public:
  // False when a backup of that ARN exists. In durable mode the new backup is recorded.
  bool add(std::shared_ptr<const Backup> backup);
  std::shared_ptr<const Backup> find(const std::string& arn) const;
  // The backup removed, or null; in durable mode its deletion is recorded.
  std::shared_ptr<const Backup> remove(const std::string& arn);
  // Durable mode: recording, and recovery (which records nothing).
  void attach_change_log(ChangeLog* log);
  void restore(std::shared_ptr<const Backup> backup);
  void forget(const std::string& arn);
  // Every backup, oldest first (then by ARN).
  std::vector<std::shared_ptr<const Backup>> all() const;
  void clear();

 private:
  mutable std::shared_mutex mutex_;
  std::map<std::string, std::shared_ptr<const Backup>> backups_;
  ChangeLog* change_log_ = nullptr;
};

}  // namespace chokepoint
