#pragma once
// Query key conditions, from KeyConditionExpression or the older KeyConditions, checked as DynamoDB checks
// them: first on their own, then against the key schema of the table or index being queried.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/problem.hpp"
#include "services/dynamodb/attribute_value.hpp"
#include "services/dynamodb/expression_ast.hpp"
#include "services/dynamodb/table_schema.hpp"

namespace chokepoint {

struct KeyCondition {
  std::string attribute;
  std::string op;  // EQ, LT, LE, GT, GE, BETWEEN, BEGINS_WITH (and, from KeyConditions, any legacy operator)
  std::vector<AttrValue> values;
};

// Converts a checked KeyConditionExpression. Returns the message, or none.
Problem key_conditions_from_expression(const Condition& expression, std::vector<KeyCondition>& out);
std::vector<KeyCondition> key_conditions_from_legacy(const nlohmann::json& key_conditions);
inline constexpr const char* kConditionCountMessage = "Conditions can be of length 1 or 2 only";
// Value rules of each condition, then their number: 1 or 2, or up to 8 where a multi-attribute index key
// may be queried (the caller then refuses more than 2 for any other key with kConditionCountMessage).
Problem check_key_conditions(const std::vector<KeyCondition>& conditions, std::size_t max_conditions = 2);

const KeyCondition* find_condition(const std::vector<KeyCondition>& conditions, const std::string& attribute);
// Against the queried key schema: missing key elements, non-indexable operators, value types.
Problem check_against_key(const std::vector<KeyCondition>& conditions, const KeySchema& key, const KeyAttribute& attr,
                          bool is_hash);
// The checks of one condition on one key attribute: an indexable operator, values of the attribute's type.
Problem check_condition_on(const KeyCondition& c, const KeyAttribute& attr);
// True when `value` satisfies the sort-key condition.
bool matches_key_condition(const KeyCondition& condition, const AttrValue& value);

}  // namespace chokepoint
