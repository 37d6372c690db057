#pragma once
// Projecting items onto document paths (ProjectionExpression, AttributesToGet, UPDATED_OLD/NEW): the result
// keeps the nesting of each path; selected list elements keep their order and close up the gaps.
#include <string>
#include <vector>

#include "services/dynamodb/attribute_value.hpp"
#include "services/dynamodb/expression_ast.hpp"

namespace chokepoint {

AttrMap project_item(const AttrMap& item, const std::vector<DocumentPath>& paths);

// The top-level names the paths start with (to unpack only those from a stored item).
std::vector<std::string> path_heads(const std::vector<DocumentPath>& paths);
// True when every path is a plain top-level name (projection can then copy whole attributes).
bool all_top_level(const std::vector<DocumentPath>& paths);

}  // namespace chokepoint
