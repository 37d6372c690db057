#pragma once
// A table's key structure: attribute definitions, primary key and secondary indexes with their
// projections. Plain values; the Table that owns one guards it with its lock.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "services/dynamodb/attribute_value.hpp"

namespace chokepoint {

struct KeyAttribute {
  std::string name;
  AttrType type = AttrType::kS;  // S, N or B
};

// Pointers to a key schema's attributes without allocating (the single-attribute paths are hot).
struct KeyParts {
  const KeyAttribute* items[8] = {};
  std::size_t count = 0;
  const KeyAttribute* const* begin() const { return items; }
  const KeyAttribute* const* end() const { return items + count; }
};

struct KeySchema {
  KeyAttribute hash;
  std::optional<KeyAttribute> range;
  // A global index's multi-attribute key: the partition and sort attributes after the first of each, in
  // KeySchema order (up to 3 more of each). Empty for tables, local indexes and single-attribute indexes,
  // which keep the one-attribute fast paths.
  std::vector<KeyAttribute> more_hash;
  std::vector<KeyAttribute> more_range;

  // Every key attribute: partition key attributes, then sort key attributes, each in KeySchema order.
  KeyParts parts() const {
    KeyParts p;
    p.items[p.count++] = &hash;
    for (const auto& a : more_hash) p.items[p.count++] = &a;
    if (range) p.items[p.count++] = &*range;
    for (const auto& a : more_range) p.items[p.count++] = &a;
    return p;
  }
  bool composite() const { return !more_hash.empty() || !more_range.empty(); }
  // Every partition (sort) key attribute, in KeySchema order.
  std::vector<KeyAttribute> hash_parts() const {
    std::vector<KeyAttribute> out{hash};
    out.insert(out.end(), more_hash.begin(), more_hash.end());
    return out;
  }
  std::vector<KeyAttribute> range_parts() const {
    std::vector<KeyAttribute> out;
    if (range) out.push_back(*range);
    out.insert(out.end(), more_range.begin(), more_range.end());
    return out;
  }
  bool has(const std::string& name) const {
    if (hash.name == name || (range && range->name == name)) return true;
    for (const auto* parts : {&more_hash, &more_range}) {
      for (const auto& a : *parts) {
        if (a.name == name) return true;
      }
    }
    return false;
  }
  // The key attributes' names, partition key attributes first, each group in KeySchema order.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& a : hash_parts()) out.push_back(a.name);
    for (const auto& a : range_parts()) out.push_back(a.name);
    return out;
  }
};

enum class ProjectionType { kAll, kKeysOnly, kInclude };

struct IndexProjection {
  ProjectionType type = ProjectionType::kAll;
  std::vector<std::string> non_key_attributes;  // INCLUDE only
};

struct IndexSchema {
  std::string name;
  bool global = false;
  KeySchema key;
  IndexProjection projection;
};

struct TableSchema {
  std::vector<KeyAttribute> attribute_definitions;  // in the order given
  KeySchema key;
  std::vector<IndexSchema> indexes;  // local ones first, then global, each in the order given

  const IndexSchema* find_index(const std::string& name) const;
  // True when `name` is a key attribute of the table or of any index.
  bool is_key_attribute(const std::string& name) const;
  // The attributes an index entry holds; empty for ALL (meaning everything).
  std::vector<std::string> projected_attributes(const IndexSchema& index) const;
};

std::string_view projection_type_name(ProjectionType t);

}  // namespace chokepoint
