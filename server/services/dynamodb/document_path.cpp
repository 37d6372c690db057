#include "services/dynamodb/document_path.hpp"

namespace chokepoint {

std::string DocumentPath::describe() const {
  std::string out = "[";
  for (std::size_t i = 0; i < elements.size(); ++i) {
    if (i) out.append(", ");
    if (elements[i].is_index) {
      out.push_back('[');
      out.append(std::to_string(elements[i].index));
      out.push_back(']');
    } else {
      out.append(elements[i].name);
    }
  }
  out.push_back(']');
  return out;
}

const AttrValue* find_path(const AttrMap& item, const DocumentPath& path) {
  if (path.elements.empty() || path.elements.front().is_index) return nullptr;
  const AttrValue* current = item.find(path.elements.front().name);
  for (std::size_t i = 1; current && i < path.elements.size(); ++i) {
    const PathElement& e = path.elements[i];
    if (e.is_index) {
      if (current->type() != AttrType::kL || e.index >= current->list_value().size()) return nullptr;
      current = &current->list_value()[e.index];
    } else {
      if (current->type() != AttrType::kM) return nullptr;
      current = current->map_value().find(e.name);
    }
  }
  return current;
}

}  // namespace chokepoint
