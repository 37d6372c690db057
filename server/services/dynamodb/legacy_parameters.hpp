#pragma once
// DynamoDB's older parameters, checked with their own messages and turned into the expression trees the
// rest of the service runs: Expected and QueryFilter/ScanFilter (conditions), AttributesToGet
// (projection), AttributeUpdates (update). KeyConditions are handled with key conditions (key_conditions.hpp).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/problem.hpp"
#include "services/dynamodb/expression_ast.hpp"

namespace chokepoint {

// Expected: Value/Exists/ComparisonOperator/AttributeValueList combinations. Returns the message, or none.
Problem validate_expected(const nlohmann::json& expected);
// QueryFilter / ScanFilter / KeyConditions: value counts, types and order per ComparisonOperator.
Problem validate_legacy_conditions(const nlohmann::json& conditions);
// ConditionalOperator joins the legacy conditions in `conditions` (Expected, QueryFilter or ScanFilter); DynamoDB
// refuses it when there are fewer than two of them to join. The message, or none.
Problem check_conditional_operator(const nlohmann::json& params, const char* conditions);
// "One or more parameter values were invalid: Duplicate value in attribute name: a", or none.
Problem duplicate_attribute_name(const nlohmann::json& attributes_to_get);

// Expected (+ ConditionalOperator) -> condition; nullopt when there are no conditions.
std::optional<Condition> expected_condition(const nlohmann::json& params);
// A filter map (QueryFilter / ScanFilter) -> condition.
std::optional<Condition> legacy_filter(const nlohmann::json& filter, const nlohmann::json& conditional_operator);
ProjectionExpression attributes_to_get(const nlohmann::json& names);
UpdateExpression attribute_updates(const nlohmann::json& updates);

// Count, type and order rules of one legacy condition's values; the message, or none.
Problem check_condition_values(const std::string& op, const std::vector<AttrValue>& values);

// One legacy condition on one attribute (for KeyConditions too).
Condition legacy_comparison(const std::string& attribute, const std::string& op, std::vector<AttrValue> values);

}  // namespace chokepoint
