#pragma once
// The tables of every account and region. Tables are shared_ptrs: a request keeps its table alive even if
// another request deletes it meanwhile. Thread-safe.
#include <functional>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "services/dynamodb/backup_store.hpp"
#include "services/dynamodb/table.hpp"
#include "services/dynamodb/transaction_tokens.hpp"

namespace chokepoint {

class RegionTables {
 public:
  // The table, unless absent or past its deletion.
  std::shared_ptr<Table> find(const std::string& name, TimePoint now) const;
  // Adds the table unless one of that name exists (an expired deleted one is replaced). False when taken.
  bool add(std::shared_ptr<Table> table, TimePoint now);
  void remove(const std::string& name);
  // Names in order (binary order, as ListTables returns them).
  std::vector<std::string> names(TimePoint now) const;
  std::vector<std::shared_ptr<Table>> tables(TimePoint now) const;
  // Tables not yet settled in ACTIVE or gone (for the 500-operations limit).
  std::size_t size() const;

  TransactionTokens tokens;  // TransactWriteItems ClientRequestTokens of this account and region
  BackupStore backups;       // CreateBackup's backups of this account and region

  // Durable mode: every table (and every table added later) records its changes in `log`, and add()
  // records the new table. restore() puts a recovered table in place of any of its name, unrecorded.
  void attach_change_log(ChangeLog* log);
  void restore(std::shared_ptr<Table> table);

 private:
  mutable std::shared_mutex mutex_;
  std::map<std::string, std::shared_ptr<Table>> tables_;
  ChangeLog* change_log_ = nullptr;
};

class DynamoDbState {
 public:
  // Called once for each (account, region) the first time it is used, to create declared tables.
  using Seeder = std::function<void(RegionTables&, const std::string& account, const std::string& region)>;

  std::shared_ptr<RegionTables> region(const std::string& account, const std::string& region, const Seeder& seed);
  // The tables of an (account, region) already in use; null otherwise (nothing is created or seeded).
  std::shared_ptr<RegionTables> find_region(const std::string& account, const std::string& region) const;
  // Every (account, region) in use, for re-seeding after a configuration reload.
  std::vector<std::tuple<std::string, std::string, std::shared_ptr<RegionTables>>> regions() const;
  void reset();
  // Durable mode (see RegionTables::attach_change_log), for the regions in use and those to come.
  void attach_change_log(ChangeLog* log);

 private:
  ChangeLog* change_log_ = nullptr;
  mutable std::shared_mutex mutex_;
  std::map<std::pair<std::string, std::string>, std::shared_ptr<RegionTables>> regions_;
};

}  // namespace chokepoint
