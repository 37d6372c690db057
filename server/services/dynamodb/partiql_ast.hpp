#pragma once
// A parsed PartiQL statement, as DynamoDB's PartiQL reference defines the four statements it runs
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.statements.html):
// SELECT, INSERT, UPDATE and DELETE, plus EXISTS(SELECT ...), the condition check of ExecuteTransaction.
// Literals and `?` parameters are already attribute values in their JSON form ({"S": "x"}). Plain values.
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace chokepoint {

// One step of a document path: an attribute or map key (`name`), or a list position (`index` >= 0).
struct PqlStep {
  std::string name;
  long long index = -1;
};
using PqlPath = std::vector<PqlStep>;

// Something a condition compares: a path, a value, or size(path).
struct PqlOperand {
  enum class Kind { kPath, kValue, kSize };
  Kind kind = Kind::kValue;
  PqlPath path;
  nlohmann::json value;
};

struct PqlCondition;
using PqlConditionPtr = std::unique_ptr<PqlCondition>;

// A WHERE clause node. kCompare's `name` is the operator (=, <>, <, <=, >, >=); kFunction's is the function.
struct PqlCondition {
  enum class Kind { kAnd, kOr, kNot, kCompare, kBetween, kIn, kFunction, kMissing, kNotMissing };
  Kind kind = Kind::kCompare;
  std::string name;
  std::vector<PqlOperand> operands;
  std::vector<PqlConditionPtr> children;
};

// The right-hand side of SET: an operand, `a + b` / `a - b`, or a function call (list_append, set_add,
// set_delete) over operands.
struct PqlTerm {
  enum class Kind { kOperand, kPlus, kMinus, kCall };
  Kind kind = Kind::kOperand;
  std::string function;
  std::vector<PqlOperand> args;
};

struct PqlAssignment {
  PqlPath path;
  PqlTerm value;
};

enum class PqlStatementKind { kSelect, kInsert, kUpdate, kDelete, kExists };

struct PqlStatement {
  PqlStatementKind kind = PqlStatementKind::kSelect;
  std::string table;
  std::string index;                // SELECT ... FROM "table"."index"
  std::vector<PqlPath> projection;  // empty for *
  PqlConditionPtr where;            // null when there is none
  nlohmann::json item;              // INSERT: the {"M": ...} value
  std::vector<PqlAssignment> sets;  // UPDATE
  std::vector<PqlPath> removes;     // UPDATE
  std::string returning;            // ReturnValues of RETURNING (ALL_OLD, UPDATED_NEW, ...); empty for none
  std::optional<PqlPath> order_by;  // SELECT ... ORDER BY key
  bool descending = false;

  bool reads() const { return kind == PqlStatementKind::kSelect; }
};

}  // namespace chokepoint
