#pragma once
// Capacity units an operation consumes, computed from item sizes as DynamoDB documents it:
//   reads:  ceil(bytes / 4 KB) units for a strongly consistent read, half for an eventually consistent one,
//           twice for a transactional one; a read that finds nothing still costs one unit (before halving);
//   writes: ceil(bytes / 1 KB) units (at least one), twice for a transactional one;
//   index writes are counted per index, sized by the index entry.
// Every data-plane handler records its consumption here per table; the same record feeds
// ReturnConsumedCapacity and can be charged against capacity buckets in one place.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace chokepoint {

enum class ReturnCapacity { kNone, kTotal, kIndexes };
ReturnCapacity parse_return_capacity(const std::string& value);

enum class ReadMode { kEventual, kStrong, kTransactional };

double read_units(uint64_t bytes, ReadMode mode);
double write_units(uint64_t bytes, bool transactional = false);

// One table's consumption within one operation.
struct TableUsage {
  std::string table;
  bool write = false;  // write units (WCU) rather than read units (RCU)
  double table_units = 0;
  std::map<std::string, double> global_indexes;
  std::map<std::string, double> local_indexes;

  double total() const;
};

class CapacityRecord {
 public:
  // The entry for `table`, created on first use (operations touching several tables keep one per table).
  TableUsage& table(const std::string& name, bool write);
  const std::vector<TableUsage>& tables() const { return tables_; }

 private:
  std::vector<TableUsage> tables_;
};

class JsonObjectWriter;

// "ConsumedCapacity":{...} for single-table operations; nothing for kNone.
void append_consumed_capacity(JsonObjectWriter& response, const CapacityRecord& record, ReturnCapacity mode);
// "ConsumedCapacity":[{...},...] for batch and transaction operations.
void append_consumed_capacity_list(JsonObjectWriter& response, const CapacityRecord& record, ReturnCapacity mode);

}  // namespace chokepoint
