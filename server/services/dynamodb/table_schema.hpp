#pragma once
// A table's key structure: attribute definitions, primary key and secondary indexes with their
// projections. Plain values; the Table that owns one guards it with its lock.
#include <optional>
#include <string>
#include <vector>

#include "services/dynamodb/attribute_value.hpp"

namespace chokepoint {

struct KeyAttribute {
  std::string name;
  AttrType type = AttrType::kS;  // S, N or B
};

struct KeySchema {
  KeyAttribute hash;
  std::optional<KeyAttribute> range;

  bool has(const std::string& name) const { return hash.name == name || (range && range->name == name); }
  // The key attributes' names, hash key first.
  std::vector<std::string> names() const {
    std::vector<std::string> out{hash.name};
    if (range) out.push_back(range->name);
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
