#pragma once
// The token cursor of the PartiQL parser and the parts every statement shares: names, document paths,
// literals and `?` parameters, and WHERE conditions. partiql_parser.cpp builds the statements from these.
// The first problem found is kept (`failed()`, `problem()`); later calls then do nothing useful, so callers
// check once at the end. Not thread-safe; one per parse.
#include <string>
#include <string_view>
#include <vector>

#include "services/dynamodb/partiql_ast.hpp"
#include "services/dynamodb/partiql_lexer.hpp"

namespace chokepoint {

class PartiqlReader {
 public:
  // `parameters`: the request's Parameters (an array), or null.
  PartiqlReader(std::string_view text, const nlohmann::json& parameters);

  // Cursor.
  const PqlToken& peek(std::size_t ahead = 0) const;
  bool at_word(std::string_view keyword, std::size_t ahead = 0) const;  // case-insensitive
  bool at_punct(std::string_view punct, std::size_t ahead = 0) const;
  bool accept_word(std::string_view keyword);
  bool accept_punct(std::string_view punct);
  void expect_word(std::string_view keyword);
  void expect_punct(std::string_view punct);
  bool at_end() const { return peek().kind == PqlTokenKind::kEnd; }
  void skip() { pos_ += at_end() ? 0 : 1; }

  // A table, index or attribute name: "quoted", or a bare word that is not a keyword.
  std::string name();
  PqlPath path();
  nlohmann::json value();
  PqlOperand operand();
  PqlConditionPtr condition();

  // Records a syntax problem at the current token (the first one wins).
  void fail(std::string detail);
  void fail_unexpected();
  bool failed() const { return !problem_.empty(); }
  const std::string& problem() const { return problem_; }
  // How many `?` the statement held; checked against the parameters once it is parsed.
  std::size_t parameters_used() const { return next_parameter_; }
  std::size_t parameters_given() const;

 private:
  bool at_value() const;
  nlohmann::json parameter();
  nlohmann::json map_literal();
  nlohmann::json list_literal();
  nlohmann::json set_literal();
  PqlConditionPtr disjunction();
  PqlConditionPtr conjunction();
  PqlConditionPtr negation();
  PqlConditionPtr primary();
  PqlConditionPtr function_condition();
  PqlConditionPtr predicate(PqlOperand left);

  std::vector<PqlToken> tokens_;
  std::size_t pos_ = 0;
  const nlohmann::json& parameters_;
  std::size_t next_parameter_ = 0;
  std::string problem_;
};

// True for the words a statement cannot use as bare names.
bool is_partiql_keyword(std::string_view word);

}  // namespace chokepoint
