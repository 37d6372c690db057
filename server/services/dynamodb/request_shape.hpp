#pragma once
// Declarative shapes of DynamoDB request parameters and the two checks DynamoDB's front end runs on them,
// with its exact messages:
//   1. types  -> SerializationException ("NUMBER_VALUE cannot be converted to String", ...), the first one;
//   2. constraints -> ValidationException "N validation error(s) detected: Value 'x' at 'tableName' failed to
//      satisfy constraint: Member must ..." (at most ten).
// Unknown members and null values are ignored, as DynamoDB does. Shapes are immutable after construction
// and shared by all requests.
#include <deque>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/problem.hpp"

namespace chokepoint {

enum class ShapeKind {
  kString,
  kBoolean,
  kInteger,
  kLong,
  kDouble,
  kBlob,
  kList,           // "Unexpected field type" for scalars
  kParamList,      // a list of lists: Java's cast message for scalars
  kMap,            // Map<java_name>
  kParamMap,       // a map inside a list (BatchGetItem keys)
  kValueStruct,    // "Unexpected value type in payload" for scalars
  kFieldStruct,    // "Unexpected field type" for scalars
};

struct Shape {
  ShapeKind kind = ShapeKind::kString;
  std::string java_name;  // struct/map element class, e.g. "KeysAndAttributes", "java.lang.String"
  std::vector<std::pair<std::string, const Shape*>> members;  // structs
  const Shape* element = nullptr;                            // lists and maps

  // Constraints (checked in this order).
  bool not_null = false;
  std::optional<double> min_value;
  std::optional<double> max_value;
  bool name_pattern = false;  // [a-zA-Z0-9_.-]+
  std::optional<long long> min_length;
  std::optional<long long> max_length;
  std::vector<std::string> enum_values;
  // Map keys: length and pattern; map values: length.
  std::optional<long long> key_max_length;
  std::optional<long long> key_min_length;
  bool key_pattern = false;
  std::optional<long long> value_max_length;
  std::optional<long long> value_min_length;

  // Set by mark_constraints(): this shape or one below it has a constraint (the rest are not walked).
  bool constrained = true;
};

// Computes Shape::constrained for `root` and everything below it (shapes may be recursive).
void mark_constraints(Shape& root);

// Owns shapes; hands out stable pointers.
class ShapeArena {
 public:
  Shape* make(ShapeKind kind, std::string java_name = {});
  Shape* copy(const Shape& shape);

 private:
  std::deque<Shape> shapes_;
};

// The first type problem in `params` against the struct `shape`, or nullopt.
Problem check_types(const nlohmann::json& params, const Shape& shape);
// "N validation error(s) detected: ..." for the constraint problems, or nullopt.
Problem check_constraints(const nlohmann::json& params, const Shape& shape);

// True when `params` nests deeper than `limit` levels (checked without recursion, so hostile input cannot
// exhaust the stack of the recursive checks that follow).
bool nests_deeper_than(const nlohmann::json& params, std::size_t limit);

// Reads a value that passed check_types as DynamoDB reads it: "true"/"yes"/"1" strings as booleans,
// fractional numbers floored for integers.
long long shape_integer(const nlohmann::json& value);

}  // namespace chokepoint
