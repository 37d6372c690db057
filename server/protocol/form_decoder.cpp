#include "protocol/form_decoder.hpp"

#include <algorithm>
#include <map>

#include "common/strings.hpp"
#include "common/utf8.hpp"

namespace chokepoint {

namespace {

// Intermediate tree: numeric path segments are kept as indices until the whole form is read, so that
// "X.2" before "X.1" still yields an ordered array.
struct Node {
  std::string value;
  bool has_value = false;
  std::map<std::string, Node> named;
  std::map<long long, Node> indexed;
};

bool is_index(std::string_view s, long long& index) { return parse_int64(s, index) && index >= 1; }

void insert(Node& root, std::string_view key, std::string value) {
  Node* node = &root;
  const auto parts = split(key, '.');
  for (size_t i = 0; i < parts.size(); ++i) {
    long long index = 0;
    const bool wrapper = (parts[i] == "member" || parts[i] == "entry" || parts[i] == "item") && i > 0 &&
                         i + 1 < parts.size() && is_index(parts[i + 1], index);
    if (wrapper) continue;  // query lists: "Name.member.N" is the same list as "Name.N"
    if (i > 0 && is_index(parts[i], index)) {
      node = &node->indexed[index];
    } else {
      node = &node->named[std::string(parts[i])];
    }
  }
  node->value = std::move(value);
  node->has_value = true;
}

nlohmann::json to_json(const Node& node) {
  if (!node.indexed.empty() && node.named.empty()) {
    auto array = nlohmann::json::array();
    for (const auto& [_, child] : node.indexed) array.push_back(to_json(child));
    return array;
  }
  if (!node.named.empty() || !node.indexed.empty()) {
    auto object = nlohmann::json::object();
    for (const auto& [name, child] : node.named) object[name] = to_json(child);
    for (const auto& [index, child] : node.indexed) object[std::to_string(index)] = to_json(child);
    return object;
  }
  return node.value;
}

}  // namespace

bool decode_form_into(std::string_view form, nlohmann::json& tree, std::string& error) {
  Node root;
  std::string key, value;
  bool ok = true;
  for (const auto pair : split(form, '&')) {
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    const auto raw_key = pair.substr(0, eq);
    const auto raw_value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
    // The name is quoted only when it can be: the message goes into an XML or JSON answer.
    const std::string quoted = is_valid_utf8(raw_key) ? " '" + std::string(raw_key) + "'" : "";
    if (!form_decode(raw_key, key) || !form_decode(raw_value, value)) {
      error = "Malformed percent-encoding in parameter" + quoted + ".";
      ok = false;
      continue;
    }
    // Every string the services see is valid UTF-8, as for JSON bodies (json_parser.hpp).
    if (!is_valid_utf8(key) || !is_valid_utf8(value)) {
      error = "Parameter" + quoted + " is not valid UTF-8.";
      ok = false;
      continue;
    }
    if (key.empty()) continue;
    insert(root, key, value);
  }
  if (!tree.is_object()) tree = nlohmann::json::object();
  for (const auto& [name, child] : root.named) tree[name] = to_json(child);
  return ok;
}

}  // namespace chokepoint
