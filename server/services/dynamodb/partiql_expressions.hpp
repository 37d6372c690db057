#pragma once
// Writes the parts of a PartiQL statement as DynamoDB's own expressions (condition, key condition, filter,
// update and projection expressions), every name through #nN and every value through :vN, so that the
// statement runs through the same expression parser and evaluator as GetItem, Query, UpdateItem and the others.
// Problems (a construct the expressions cannot say) are kept, first one wins. Not thread-safe.
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "services/dynamodb/partiql_ast.hpp"

namespace chokepoint {

class PqlExpressionWriter {
 public:
  std::string path(const PqlPath& path);
  std::string value(const nlohmann::json& value);
  std::string operand(const PqlOperand& operand);
  std::string condition(const PqlCondition& condition);
  // One SET assignment's right-hand side; set_add and set_delete are not SET terms (see update_clauses).
  std::string term(const PqlTerm& term);
  // The UpdateExpression of UPDATE's SET and REMOVE clauses.
  std::string update_expression(const std::vector<PqlAssignment>& sets, const std::vector<PqlPath>& removes);

  // Adds ExpressionAttributeNames and ExpressionAttributeValues to `params` when any were written.
  void finish(nlohmann::json& params) const;

  bool failed() const { return !problem_.empty(); }
  const std::string& problem() const { return problem_; }

 private:
  std::string comparison(const PqlCondition& c);
  std::string function(const PqlCondition& c);
  void fail(std::string message);

  std::map<std::string, std::string> name_of_;  // attribute name -> #nN
  nlohmann::json names_ = nlohmann::json::object();
  nlohmann::json values_ = nlohmann::json::object();
  std::string problem_;
};

}  // namespace chokepoint
