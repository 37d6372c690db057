#include "config/yaml_reader.hpp"

#include <algorithm>

namespace chokepoint {

namespace {

// yaml-cpp gives an empty value (`key:` then a newline) the position of the next token, often on a later
// line; pointing at the key is clearer there.
YAML::Mark value_mark(const YAML::Node& key, const YAML::Node& value) {
  const YAML::Mark& v = value.Mark();
  if (value.IsNull() && (v.is_null() || v.line != key.Mark().line)) return key.Mark();
  return v;
}

}  // namespace

YamlNode::YamlNode(YAML::Node node, std::string path, YAML::Mark mark)
    : node_(std::move(node)), path_(std::move(path)), mark_(mark) {}

std::string YamlNode::child_path(std::string_view key) const {
  if (path_.empty()) return std::string(key);
  return path_ + "." + std::string(key);
}

std::optional<YamlNode> YamlNode::child(std::string_view key) const {
  if (!node_.IsMap()) return std::nullopt;
  // Iterate rather than use node_[key]: the key node's position is needed when the value has none.
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) {
      return YamlNode(it->second, child_path(key), value_mark(it->first, it->second));
    }
  }
  return std::nullopt;
}

YamlReader::YamlReader(std::string file_name) : file_name_(std::move(file_name)) {}

std::optional<YamlNode> YamlReader::parse(std::string_view text) {
  try {
    YAML::Node root = YAML::Load(std::string(text));
    YAML::Mark start = root.Mark();
    if (start.is_null()) start = YAML::Mark();  // an empty document: point at its start
    return YamlNode(root, "", start);
  } catch (const YAML::Exception& e) {
    error(e.mark, "", e.msg);
    return std::nullopt;
  }
}

void YamlReader::error(const YamlNode& at, std::string message) { error(at.mark(), at.path(), std::move(message)); }

void YamlReader::error(const YAML::Mark& mark, std::string path, std::string message) {
  ConfigError e;
  e.file = file_name_;
  // yaml-cpp positions are 0-based; a node built without a position has -1 (reported as 1:1).
  e.line = mark.is_null() ? 1 : mark.line + 1;
  e.column = mark.is_null() ? 1 : mark.column + 1;
  e.path = std::move(path);
  e.message = std::move(message);
  errors_.push_back(std::move(e));
}

bool YamlReader::expect_mapping(const YamlNode& node, std::initializer_list<std::string_view> known) {
  return expect_mapping(node, std::span<const std::string_view>(known.begin(), known.size()));
}

bool YamlReader::expect_mapping(const YamlNode& node, std::span<const std::string_view> known) {
  if (node.is_null()) return true;
  if (!node.node().IsMap()) {
    error(node, "expected a mapping");
    return false;
  }
  std::vector<std::string> seen;
  for (auto it = node.node().begin(); it != node.node().end(); ++it) report_key(it->first, node, known, seen);
  return true;
}

void YamlReader::report_key(const YAML::Node& key, const YamlNode& map, std::span<const std::string_view> known,
                            std::vector<std::string>& seen) {
  if (!key.IsScalar()) {
    error(key.Mark(), map.path(), "expected a string as key");
    return;
  }
  const std::string& name = key.Scalar();
  if (std::find(known.begin(), known.end(), name) == known.end()) {
    error(key.Mark(), map.child_path(name), "unknown key '" + name + "'" + did_you_mean(name, known));
    return;
  }
  if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
    error(key.Mark(), map.child_path(name), "duplicate key '" + name + "'");
    return;
  }
  seen.push_back(name);
}

std::optional<std::vector<std::pair<std::string, YamlNode>>> YamlReader::entries(const YamlNode& node) {
  std::vector<std::pair<std::string, YamlNode>> out;
  if (node.is_null()) return out;
  if (!node.node().IsMap()) {
    error(node, "expected a mapping");
    return std::nullopt;
  }
  bool ok = true;
  for (auto it = node.node().begin(); it != node.node().end(); ++it) {
    if (!it->first.IsScalar()) {
      error(it->first.Mark(), node.path(), "expected a string as key");
      ok = false;
      continue;
    }
    const std::string& name = it->first.Scalar();
    auto same = [&](const auto& entry) { return entry.first == name; };
    if (std::find_if(out.begin(), out.end(), same) != out.end()) {
      error(it->first.Mark(), node.child_path(name), "duplicate key '" + name + "'");
      ok = false;
      continue;
    }
    out.emplace_back(name, YamlNode(it->second, node.child_path(name), value_mark(it->first, it->second)));
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::vector<YamlNode>> YamlReader::elements(const YamlNode& node) {
  std::vector<YamlNode> out;
  if (node.is_null()) return out;
  if (!node.node().IsSequence()) {
    error(node, "expected a list");
    return std::nullopt;
  }
  for (std::size_t i = 0; i < node.node().size(); ++i) {
    const YAML::Node element = node.node()[i];
    YAML::Mark mark = element.Mark().is_null() ? node.mark() : element.Mark();
    out.emplace_back(element, node.path() + "[" + std::to_string(i) + "]", mark);
  }
  return out;
}

bool YamlReader::require(const YamlNode& parent, std::string_view key) {
  if (parent.child(key)) return true;
  error(parent, "missing required key '" + std::string(key) + "'");
  return false;
}

}  // namespace chokepoint
