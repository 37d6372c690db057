#pragma once
// Evaluating checked condition trees against items, with DynamoDB's semantics: a missing attribute makes
// every comparison false except <>, ordering applies to S, N and B of the same type, sets compare as sets.
#include <string>
#include <vector>

#include "services/dynamodb/attribute_value.hpp"
#include "services/dynamodb/expression_ast.hpp"

namespace chokepoint {

bool evaluate_condition(const Condition& condition, const AttrMap& item);

// The top-level attribute names a condition reads (so a stored item need only be partly unpacked).
void collect_condition_heads(const Condition& condition, std::vector<std::string>& names);

}  // namespace chokepoint
