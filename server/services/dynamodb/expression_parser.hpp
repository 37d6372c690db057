#pragma once
// Syntax of DynamoDB's expression languages. Each function returns the tree, or the message that follows
// "Invalid <Kind>Expression: " ("Syntax error; token: \"x\", near: \"a x\"" or "The expression can not be
// empty;"). Names and values are not resolved here (see expression_check.hpp).
#include <string>
#include <string_view>
#include <variant>

#include "services/dynamodb/expression_ast.hpp"

namespace chokepoint {

using ConditionParse = std::variant<Condition, std::string>;
using UpdateParse = std::variant<UpdateExpression, std::string>;
using ProjectionParse = std::variant<ProjectionExpression, std::string>;

ConditionParse parse_condition_syntax(std::string_view text);
UpdateParse parse_update_syntax(std::string_view text);
ProjectionParse parse_projection_syntax(std::string_view text);

}  // namespace chokepoint
