#include "services/dynamodb/projection.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "services/dynamodb/document_path.hpp"

namespace chokepoint {

namespace {

struct Node {
  std::optional<AttrValue> whole;
  std::map<std::string, Node> fields;
  std::map<uint32_t, Node> items;
};

void insert(Node& root, const DocumentPath& path, const AttrValue& value) {
  Node* node = &root;
  for (const auto& e : path.elements) node = e.is_index ? &node->items[e.index] : &node->fields[e.name];
  node->whole = value;
}

AttrValue materialize(const Node& node) {
  if (node.whole) return *node.whole;
  if (!node.fields.empty()) {
    AttrMap m;
    for (const auto& [name, child] : node.fields) m.set(name, materialize(child));
    return AttrValue::map(std::move(m));
  }
  AttrList l;
  for (const auto& [index, child] : node.items) l.push_back(materialize(child));
  return AttrValue::list(std::move(l));
}

}  // namespace

AttrMap project_item(const AttrMap& item, const std::vector<DocumentPath>& paths) {
  Node root;
  for (const auto& path : paths) {
    if (const AttrValue* v = find_path(item, path)) insert(root, path, *v);
  }
  AttrMap out;
  for (const auto& [name, child] : root.fields) out.set(name, materialize(child));
  return out;
}

std::vector<std::string> path_heads(const std::vector<DocumentPath>& paths) {
  std::vector<std::string> heads;
  for (const auto& p : paths) {
    if (std::find(heads.begin(), heads.end(), p.head()) == heads.end()) heads.push_back(p.head());
  }
  return heads;
}

bool all_top_level(const std::vector<DocumentPath>& paths) {
  return std::all_of(paths.begin(), paths.end(), [](const DocumentPath& p) { return p.elements.size() == 1; });
}

}  // namespace chokepoint
