#pragma once
// A secondary index's entries: the indexed items ordered by (index partition token, index partition key,
// index sort key, table key). Entries share the table's item buffers; the index projection is applied
// when entries are read. Items lacking an index key attribute are not in the index (sparse indexes).
// Not thread-safe: the owning Table's lock guards it.
#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "services/dynamodb/key_codec.hpp"
#include "services/dynamodb/packed_item.hpp"
#include "services/dynamodb/table_schema.hpp"

namespace chokepoint {

struct IndexKey {
  uint64_t token = 0;
  std::string hash;
  std::string range;
  uint64_t item_token = 0;  // partition hash of the table key: orders entries with equal index keys
  StoreKey table_key;
  auto operator<=>(const IndexKey&) const = default;
  bool operator==(const IndexKey&) const = default;
};

struct IndexKeyLess {
  using is_transparent = void;
  bool operator()(const IndexKey& a, const IndexKey& b) const { return a < b; }
  bool operator()(const IndexKey& a, const RangeProbe& p) const { return compare_to_probe(a.token, a.hash, a.range, p) < 0; }
  bool operator()(const RangeProbe& p, const IndexKey& a) const { return compare_to_probe(a.token, a.hash, a.range, p) > 0; }
};

// What one write did to one index, for capacity: DynamoDB counts a put, a delete, or both when the
// index key changed, each sized by the index entry.
struct IndexWrite {
  int operations = 0;       // 0, 1 or 2
  uint64_t entry_bytes = 0;  // the larger of the old and new entry sizes
  uint64_t token = 0;        // the index partition key's hash (the new entry's, else the old one's)
};

class IndexStore {
 public:
  using Map = std::map<IndexKey, PackedItem, IndexKeyLess>;

  IndexStore(IndexSchema schema, KeySchema table_key, std::vector<std::string> projected);

  const IndexSchema& schema() const { return schema_; }
  // The attributes an entry holds; empty means all (ProjectionType ALL).
  const std::vector<std::string>& projected() const { return projected_; }

  // Updates the index for one table write (either item may be empty).
  IndexWrite apply(const StoreKey& table_key, const PackedItem& old_item, const PackedItem& new_item);
  // The index key of an item, or nullopt when the item lacks an index key attribute.
  std::optional<IndexKey> key_of(const StoreKey& table_key, const PackedItem& item) const;
  uint64_t entry_size(const PackedItem& item) const;
  // The partition hash of the item's table key.
  uint64_t item_token(const PackedItem& item) const;
  void clear();

  const Map& entries() const { return entries_; }
  std::size_t count() const { return entries_.size(); }
  uint64_t bytes() const { return bytes_; }

 private:
  IndexSchema schema_;
  KeySchema table_key_;
  std::vector<std::string> projected_;
  Map entries_;
  uint64_t bytes_ = 0;
};

}  // namespace chokepoint
