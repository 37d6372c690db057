#pragma once
// Capacity units an operation consumes, computed from item sizes as DynamoDB documents it:
//   reads:  ceil(bytes / 4 KB) units for a strongly consistent read, half for an eventually consistent one,
//           twice for a transactional one; a read that finds nothing still costs one unit (before halving);
//   writes: ceil(bytes / 1 KB) units (at least one), twice for a transactional one;
//   index writes are counted per index, sized by the index entry.
// Every data-plane handler records its consumption here per table, by partition key; the same record feeds
// ReturnConsumedCapacity and is charged against the capacity buckets in one place once the handler returns
// (DynamoDbService::handle, through settle_capacity()).
#include <boost/container/small_vector.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace chokepoint {

enum class ReturnCapacity { kNone, kTotal, kIndexes };
ReturnCapacity parse_return_capacity(const std::string& value);

enum class ReadMode { kEventual, kStrong, kTransactional };

double read_units(uint64_t bytes, ReadMode mode);
double write_units(uint64_t bytes, bool transactional = false);

class TableCapacity;

// Units spent on (or reserved for) one partition key of the table (resource -1) or of the global index at that
// position in the table's index list.
struct KeyUnits {
  int resource = -1;
  uint64_t token = 0;  // partition_token() of the partition key
  double units = 0;
};
using KeyUnitsList = boost::container::small_vector<KeyUnits, 2>;

// One table's consumption within one operation.
struct TableUsage {
  std::string table;
  bool write = false;  // write units (WCU) rather than read units (RCU)
  double table_units = 0;
  std::map<std::string, double> global_indexes;
  std::map<std::string, double> local_indexes;
  // For charging partitions: what was spent per partition key, and what admission reserved before the work.
  KeyUnitsList spent;
  KeyUnitsList admitted;
  std::shared_ptr<TableCapacity> capacity;  // set by the first admission; null when capacity is not enforced
  uint64_t generation = 0;                  // the capacity's index layout the resources refer to

  double total() const;
  // Table units spent on the partition key `token`.
  void add_table(uint64_t token, double units);
  // Units spent on an index entry: a global index is charged to its own partitions, a local one to the table's.
  void add_index(bool global, const std::string& name, int position, uint64_t token, double units);
};

// One admission that was refused (a request, or one item of a batch or transaction), for the throttle-event
// metrics: the table, the direction and the global indexes among the throttled resources.
struct ThrottleEvent {
  std::string table;
  bool write = false;
  std::vector<std::string> global_indexes;
};

class CapacityRecord {
 public:
  // The entry for `table`, created on first use (operations touching several tables keep one per table).
  TableUsage& table(const std::string& name, bool write);
  const std::vector<TableUsage>& tables() const { return tables_; }

  void add_throttle(ThrottleEvent event) { throttles_.push_back(std::move(event)); }
  const std::vector<ThrottleEvent>& throttles() const { return throttles_; }

 private:
  std::vector<TableUsage> tables_;
  std::vector<ThrottleEvent> throttles_;
};

class JsonObjectWriter;

// "ConsumedCapacity":{...} for single-table operations; nothing for kNone.
void append_consumed_capacity(JsonObjectWriter& response, const CapacityRecord& record, ReturnCapacity mode);
// "ConsumedCapacity":[{...},...] for batch and transaction operations.
void append_consumed_capacity_list(JsonObjectWriter& response, const CapacityRecord& record, ReturnCapacity mode);

}  // namespace chokepoint
