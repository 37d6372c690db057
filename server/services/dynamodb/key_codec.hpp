#pragma once
// Primary keys as the item store orders them, and DynamoDB's checks on key values.
//   StoreKey = (token, hash bytes, range bytes): the token (a hash of the partition key) spreads partitions
//   the way DynamoDB's hashing does and gives scans their order and segments; within a partition items sort
//   by range bytes, which order like DynamoDB sort keys (S and B bytewise, N numerically).
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/problem.hpp"
#include "services/dynamodb/attribute_value.hpp"
#include "services/dynamodb/table_schema.hpp"

namespace chokepoint {

struct StoreKey {
  uint64_t token = 0;
  std::string hash;
  std::string range;  // empty for tables without a sort key
  auto operator<=>(const StoreKey&) const = default;
  bool operator==(const StoreKey&) const = default;
};

// A position among the keys of one partition, relative to one sort-key value: before every key with that
// sort value, after all of them, or after the whole partition (range ignored). Used with the stores' transparent comparators to find query ranges.
struct RangeProbe {
  enum class Side { kBefore, kAfter, kAfterPartition };
  uint64_t token = 0;
  std::string_view hash;
  std::string_view range;
  Side side = Side::kBefore;
};

// (token, hash, range) against a probe: <0 when the key is before the probe position.
int compare_to_probe(uint64_t token, std::string_view hash, std::string_view range, const RangeProbe& probe);

// Orders StoreKeys and lets lower_bound take a RangeProbe.
struct StoreKeyLess {
  using is_transparent = void;
  bool operator()(const StoreKey& a, const StoreKey& b) const { return a < b; }
  bool operator()(const StoreKey& a, const RangeProbe& p) const { return compare_to_probe(a.token, a.hash, a.range, p) < 0; }
  bool operator()(const RangeProbe& p, const StoreKey& a) const { return compare_to_probe(a.token, a.hash, a.range, p) > 0; }
};

// Order-preserving bytes of a key value (S and B raw, N via Decimal::sort_key_bytes).
std::string key_bytes(const AttrValue& value);
// A key value as text, from its key_bytes(): S as is, N in plain notation, B in base64.
std::string key_text(std::string_view bytes, AttrType type);
// The same from the value itself.
std::string key_text(const AttrValue& value);
// DynamoDB's partition hash of a key: the first 24 bits of MD5("Outliers" + the key's internal bytes
// [+ the sort key's]), kept in the top bits of a 64-bit token. This is the order Scan returns items in,
// and Segment n of N covers the n-th of N equal slices of its first 12 bits.
uint64_t partition_token(const AttrValue& hash, const AttrValue* range = nullptr);
inline uint32_t token_prefix12(uint64_t token) { return static_cast<uint32_t>(token >> 52); }

// The store key of an item or key map whose key attributes have been validated.
StoreKey store_key(const AttrMap& item, const KeySchema& key);

// GetItem/DeleteItem/UpdateItem keys: exactly the key attributes with the right types. Returns DynamoDB's
// message, or none.
Problem validate_key(const AttrMap& key, const KeySchema& schema);
// PutItem items: the key attributes present and well typed, index key attributes well typed.
Problem validate_item_keys(const AttrMap& item, const TableSchema& schema);

// Just the key attributes of `item`.
AttrMap extract_key(const AttrMap& item, const KeySchema& key);

}  // namespace chokepoint
