#include "services/dynamodb/table_schema.hpp"
#include "common/strings.hpp"

#include <algorithm>

namespace chokepoint {

namespace {

void add_key(std::vector<std::string>& names, const KeySchema& key) {
  for (const auto& n : key.names()) append_unique(names, n);
}

}  // namespace

const IndexSchema* TableSchema::find_index(const std::string& name) const {
  for (const auto& index : indexes) {
    if (index.name == name) return &index;
  }
  return nullptr;
}

bool TableSchema::is_key_attribute(const std::string& name) const {
  if (key.has(name)) return true;
  return std::any_of(indexes.begin(), indexes.end(), [&](const IndexSchema& i) { return i.key.has(name); });
}

std::vector<std::string> TableSchema::projected_attributes(const IndexSchema& index) const {
  std::vector<std::string> names;
  if (index.projection.type == ProjectionType::kAll) return names;
  add_key(names, key);
  add_key(names, index.key);
  for (const auto& n : index.projection.non_key_attributes) append_unique(names, n);
  return names;
}

std::string_view projection_type_name(ProjectionType t) {
  switch (t) {
    case ProjectionType::kAll:
      return "ALL";
    case ProjectionType::kKeysOnly:
      return "KEYS_ONLY";
    case ProjectionType::kInclude:
      return "INCLUDE";
  }
  return "ALL";
}

}  // namespace chokepoint
