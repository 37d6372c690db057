#pragma once
// The expressions of one request, compiled: ConditionExpression, UpdateExpression, KeyConditionExpression,
// FilterExpression and ProjectionExpression parsed and checked against the request's
// ExpressionAttributeNames/Values, with DynamoDB's messages and checking order.
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

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
// DynamoDB's order. Returns the message or empty.
std::string check_expression_style(const nlohmann::json& params, const std::vector<std::string>& expressions,
                                   std::vector<std::string> legacy);

// Validates ExpressionAttributeNames/Values and compiles the expressions present in `params` among
// `accepted`. Returns the message or empty.
std::string compile_expressions(const nlohmann::json& params, const std::vector<std::string>& accepted,
                                CompiledExpressions& out);

// Top-level names that expressions reach into, from a path list (projection) or condition.
void collect_nested_heads(const std::vector<DocumentPath>& paths, std::set<std::string>& out);

}  // namespace chokepoint
