#pragma once
// Meaning checks of parsed expressions, in the order and with the messages DynamoDB uses, and resolution
// of #names and :values through the request's ExpressionContext. Each returns the message that follows
// "Invalid <Kind>Expression: ", or none when the expression is valid.
#include <string>

#include "common/problem.hpp"
#include "services/dynamodb/expression_ast.hpp"
#include "services/dynamodb/expression_context.hpp"

namespace chokepoint {

Problem check_condition(Condition& condition, ExpressionContext& context);
Problem check_update(UpdateExpression& update, ExpressionContext& context);
Problem check_projection(ProjectionExpression& projection, ExpressionContext& context);

// Helpers shared by the checkers.
namespace expression_check {

// First-come error slots: a slot keeps the first message given to it.
inline void note(std::string& slot, std::string message) {
  if (slot.empty()) slot = std::move(message);
}

// Reserved words among the path's identifiers go to `reserved`; undefined #names, and a path deeper than
// DynamoDB reaches, to `undefined`.
void resolve_path(DocumentPath& path, ExpressionContext& context, std::string& reserved, std::string& undefined);

// Collects document paths and reports the first overlap and the last conflict between them.
class PathSet {
 public:
  void add(const DocumentPath& path);
  const std::string& overlap() const { return overlap_; }
  const std::string& conflict() const { return conflict_; }

 private:
  std::vector<DocumentPath> paths_;
  std::string overlap_;
  std::string conflict_;
};

}  // namespace expression_check

}  // namespace chokepoint
