#pragma once
// Applying checked update expressions to items. All SET values are computed from the item as it was
// before the update; list elements removed by REMOVE are taken out last, highest index first, so that
// indexes always refer to the original list.
#include <string>
#include <vector>

#include "services/dynamodb/attribute_value.hpp"
#include "services/dynamodb/expression_ast.hpp"

namespace chokepoint {

// Returns DynamoDB's message when the update cannot be applied (the item may then be partly changed;
// callers work on a copy), empty on success.
std::string apply_update(const UpdateExpression& update, AttrMap& item);

// An update of REMOVE and DELETE actions only: it can take attributes away but never give an item any, so on an
// item that does not exist DynamoDB writes nothing (UpdateItem and a transaction's Update alike).
bool only_takes_away(const UpdateExpression& update);

// The paths an update writes (for ReturnValues UPDATED_OLD / UPDATED_NEW).
std::vector<DocumentPath> updated_paths(const UpdateExpression& update);

}  // namespace chokepoint
