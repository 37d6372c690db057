#pragma once
// Whether two JSON trees are equal including every value's type: nlohmann's operator== holds 1 and 1.0 equal,
// and a parser that must build exactly the library's tree must not be judged by it.
#include <nlohmann/json.hpp>

namespace chokepoint {

inline bool same_tree(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.type() != b.type()) return false;
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib) {
      if (ia.key() != ib.key() || !same_tree(ia.value(), ib.value())) return false;
    }
    return true;
  }
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!same_tree(a[i], b[i])) return false;
    }
    return true;
  }
  return a == b;
}

}  // namespace chokepoint
