#pragma once
// Query key conditions on a global index with a multi-attribute key, checked as DynamoDB checks them, and
// the index range they select. Rules (DynamoDB developer guide, "Multi-attribute keys pattern",
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.DesignPattern.MultiAttributeKeys.html):
// equality on every partition key attribute; sort key attributes left to right in KeySchema order without
// skipping one; equality on all but the last one queried, which may also be <, <=, >, >=, BETWEEN or
// begins_with.
#include <optional>
#include <string>
#include <vector>

#include "common/problem.hpp"
#include "services/dynamodb/key_conditions.hpp"
#include "services/dynamodb/table_schema.hpp"

namespace chokepoint {

Problem check_composite_conditions(const std::vector<KeyCondition>& conditions, const KeySchema& key);

// The partition the checked conditions name: its index key bytes and token.
struct CompositePartition {
  std::string hash;
  uint64_t token = 0;
};
CompositePartition composite_partition(const std::vector<KeyCondition>& conditions, const KeySchema& key);

// For a key of several sort attributes: the sort-key bytes the conditions select, from `low` (inclusive) to
// `high` (exclusive; none meaning the end of the partition).
struct CompositeSortRange {
  std::string low;
  std::optional<std::string> high;
  bool contains(const std::string& range) const { return range >= low && (!high || range < *high); }
};
CompositeSortRange composite_sort_range(const std::vector<KeyCondition>& conditions, const KeySchema& key);

}  // namespace chokepoint
