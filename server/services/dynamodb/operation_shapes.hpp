#pragma once
// The input shapes of every DynamoDB operation the emulator answers (members, types, constraints), built
// once and shared read-only by all requests.
#include <map>
#include <string>

#include "services/dynamodb/request_shape.hpp"

namespace chokepoint {

struct OperationShape {
  const Shape* input = nullptr;
  // Control-plane calls check TableName first, with their own messages ("The parameter 'TableName' is
  // required but was not present in the request", "TableName must be at least 3 characters long ...").
  bool table_name_first = false;
};

class OperationShapes {
 public:
  OperationShapes();
  // Null for unknown operations.
  const OperationShape* find(const std::string& operation) const;

 private:
  ShapeArena arena_;
  std::map<std::string, OperationShape> operations_;
};

}  // namespace chokepoint
