#include "services/dynamodb/expression_check.hpp"

#include <string>

#include "services/dynamodb/reserved_words.hpp"

namespace chokepoint::expression_check {

void resolve_path(DocumentPath& path, ExpressionContext& context, std::string& reserved, std::string& undefined) {
  // DynamoDB reaches 32 levels into a document, the attribute itself being the first; a longer path is refused
  // with the undefined names (the same precedence).
  constexpr std::size_t kMaxPathLevels = 32;
  if (path.elements.size() > kMaxPathLevels) {
    note(undefined, "The document path has too many nesting levels; nesting levels: " + std::to_string(path.elements.size()));
  }
  for (auto& e : path.elements) {
    if (e.is_index) continue;
    if (e.token.empty() || e.token[0] != '#') {
      if (is_reserved_word(e.token)) note(reserved, "Attribute name is a reserved keyword; reserved keyword: " + e.token);
      continue;
    }
    if (!undefined.empty()) continue;
    if (const std::string* name = context.name(e.token)) {
      e.name = *name;
    } else {
      undefined = "An expression attribute name used in the document path is not defined; attribute name: " + e.token;
    }
  }
}

void PathSet::add(const DocumentPath& path) {
  if (!overlap_.empty()) return;
  for (const auto& other : paths_) {
    std::size_t i = 0;
    bool diverged = false;
    for (; i < other.elements.size() && i < path.elements.size(); ++i) {
      const PathElement& a = other.elements[i];
      const PathElement& b = path.elements[i];
      if (a.is_index != b.is_index) {
        conflict_ = "Two document paths conflict with each other; must remove or rewrite one of these paths; path "
                    "one: " + other.describe() + ", path two: " + path.describe();
        diverged = true;
        break;
      }
      if (a.is_index ? a.index != b.index : a.name != b.name) {
        diverged = true;
        break;
      }
    }
    if (!diverged) {
      overlap_ = "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: " +
                 other.describe() + ", path two: " + path.describe();
      return;
    }
  }
  paths_.push_back(path);
}

}  // namespace chokepoint::expression_check
