#pragma once
// Syntax trees of DynamoDB's expression languages (condition, key condition, filter, update, projection).
// The parser builds them with names and values as written (#n, :v); the checker resolves them against
// ExpressionAttributeNames/Values; evaluators then run them against items.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "services/dynamodb/attribute_value.hpp"

namespace chokepoint {

struct PathElement {
  bool is_index = false;
  std::string token;   // as written: "a" or "#a" (empty for indexes)
  std::string name;    // the attribute name once resolved
  uint32_t index = 0;  // list index
};

struct DocumentPath {
  std::vector<PathElement> elements;

  const std::string& head() const { return elements.front().name; }
  // "[a, b, [1]]", as DynamoDB prints paths in messages.
  std::string describe() const;
};

struct Operand {
  enum class Kind { kPath, kValue, kFunction, kPlus, kMinus };
  Kind kind = Kind::kPath;
  DocumentPath path;
  std::string value_token;    // ":v" as written
  std::optional<AttrValue> value;  // resolved
  std::string function;       // as written (size, if_not_exists, list_append, ...)
  std::vector<Operand> args;  // function arguments; the two sides of + and -
  int parens = 0;             // parentheses directly around this operand
};

struct Condition {
  enum class Kind { kCompare, kBetween, kIn, kFunction, kAnd, kOr, kNot };
  Kind kind = Kind::kCompare;
  std::string op;                 // "=", "<>", "<", "<=", ">", ">=" or the function name
  std::vector<Operand> operands;  // compare: 2; between: 3; in: 1 + list; function: its arguments
  std::vector<Condition> children;  // and/or: 2; not: 1
  int parens = 0;
};

struct UpdateAction {
  enum class Kind { kSet, kRemove, kAdd, kDelete };
  Kind kind = Kind::kSet;
  DocumentPath path;
  Operand value;  // SET: the value expression; ADD/DELETE: the value operand
};

struct UpdateExpression {
  std::vector<UpdateAction> actions;             // in the order written
  std::vector<UpdateAction::Kind> sections;      // the section keywords in the order written
  bool legacy = false;  // built from AttributeUpdates: ADD also appends lists; older error wording
};

struct ProjectionExpression {
  std::vector<DocumentPath> paths;
};

}  // namespace chokepoint
