#pragma once
// Reading document paths (a.b[2].c) in attribute trees.
#include "services/dynamodb/attribute_value.hpp"
#include "services/dynamodb/expression_ast.hpp"

namespace chokepoint {

// The value at `path` in `item`, or null when any step is missing or of the wrong kind.
const AttrValue* find_path(const AttrMap& item, const DocumentPath& path);

}  // namespace chokepoint
