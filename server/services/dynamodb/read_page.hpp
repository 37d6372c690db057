#pragma once
// One page of a Query or Scan: applies the filter and projection to the entries read, stops at Limit or at
// 1 MB of data read, and writes Items, Count, ScannedCount, LastEvaluatedKey and ConsumedCapacity.
#include <optional>
#include <string>
#include <vector>

#include "common/json_text.hpp"
#include "services/dynamodb/capacity.hpp"
#include "services/dynamodb/dynamodb_call.hpp"
#include "services/dynamodb/expression_ast.hpp"
#include "services/dynamodb/index_store.hpp"
#include "services/dynamodb/packed_item.hpp"

namespace chokepoint {

struct ReadPlan {
  const IndexStore* index = nullptr;  // null when reading the table itself
  bool fetch_from_table = false;      // local index read that needs attributes outside its projection
  bool consistent = false;
  std::vector<std::string> visible;   // attributes an entry shows; empty means all
  std::optional<Condition> filter;
  std::optional<std::vector<DocumentPath>> paths;  // requested attributes; nullopt for all visible ones
  bool count_only = false;
  long long limit = 0;  // 0: none
  std::vector<std::string> start_key_names;  // the LastEvaluatedKey attributes
  // Where the reads are charged: the index's position in the table's index list (-1: the table) and the
  // partition key read (Query) or where the page starts (Scan).
  int index_position = -1;
  uint64_t token = 0;
};

class ReadPage {
 public:
  explicit ReadPage(const ReadPlan& plan);

  // Reads one entry; false once the page is full.
  bool add(const PackedItem& item);
  // Writes the response members and records the capacity the reads consumed.
  void finish(JsonObjectWriter& response, DynamoCall& call, const std::string& table_name);

 private:
  AttrMap view(const PackedItem& item, const std::vector<std::string>& names) const;

  const ReadPlan& plan_;
  std::vector<std::string> filter_heads_;
  std::string items_;
  long long count_ = 0;
  long long scanned_ = 0;
  uint64_t bytes_ = 0;        // data read, for capacity
  uint64_t page_bytes_ = 0;   // data read as pages count it, for the 1 MB page limit
  uint64_t table_bytes_ = 0;  // full items fetched for a local index read
  PackedItem last_;
  bool full_ = false;
};

}  // namespace chokepoint
