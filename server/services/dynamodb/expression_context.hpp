#pragma once
// What the expressions of one request share: ExpressionAttributeNames and ExpressionAttributeValues, and
// which of them the expressions used (DynamoDB rejects unused ones). Not thread-safe; one per request.
#include <map>
#include <set>
#include <string>

#include "services/dynamodb/attribute_value.hpp"

namespace chokepoint {

class ExpressionContext {
 public:
  ExpressionContext() = default;
  ExpressionContext(std::map<std::string, std::string> names, AttrMap values)
      : names_(std::move(names)), values_(std::move(values)) {}

  // The name or value behind a #token / :token (marked used), or null when undefined.
  const std::string* name(const std::string& token);
  const AttrValue* value(const std::string& token);

  // "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}" (then the same for
  // values); empty when everything was used.
  std::string unused_message() const;

 private:
  std::map<std::string, std::string> names_;
  AttrMap values_;
  std::set<std::string> used_names_;
  std::set<std::string> used_values_;
};

}  // namespace chokepoint
