#pragma once
// The expressions of one request, compiled: ConditionExpression, UpdateExpression, KeyConditionExpression,
// FilterExpression and ProjectionExpression parsed and checked against the request's
// ExpressionAttributeNames/Values, with DynamoDB's messages and checking order.
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/problem.hpp"
#include "services/dynamodb/expression_ast.hpp"

namespace chokepoint {

struct CompiledExpressions {
  std::optional<Condition> condition;
  std::optional<UpdateExpression> update;
  std::optional<Condition> key_condition;
  std::optional<Condition> filter;
  std::optional<ProjectionExpression> projection;
  // Top-level attributes some expression reaches into (a.b, a[0]); key attributes may not be.
  std::set<std::string> nested_heads;
};

// "Can not use both expression and non-expression parameters ..." and the other checks on which of the
// two styles a request uses. `expressions` and `legacy` name the operation's parameters of each style, in
// DynamoDB's order. Returns the message, or none.
// Parameter names as the operations list them; a braced list of literals costs no allocation.
using ParamNames = std::initializer_list<std::string_view>;

Problem check_expression_style(const nlohmann::json& params, ParamNames expressions, ParamNames legacy);

// Validates ExpressionAttributeNames/Values and compiles the expressions present in `params` among
// `accepted`. Returns the message, or none.
Problem compile_expressions(const nlohmann::json& params, ParamNames accepted, CompiledExpressions& out);

// Top-level names that expressions reach into, from a path list (projection) or condition.
void collect_nested_heads(const std::vector<DocumentPath>& paths, std::set<std::string>& out);

}  // namespace chokepoint
