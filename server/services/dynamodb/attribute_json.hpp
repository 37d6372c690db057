#pragma once
// Converting request JSON attribute values ({"S": "x"}, {"M": {...}}) into AttrValue, with DynamoDB's
// checks and messages, and writing AttrValue back as JSON text. The JSON has already passed the shape
// check (request_shape.hpp), so member types are right; these functions check content.
#include <nlohmann/json.hpp>
#include <string>

#include "services/dynamodb/attribute_value.hpp"

namespace chokepoint {

// Validates and converts one attribute value. Returns DynamoDB's message on a problem, empty on success.
std::string attr_from_json(const nlohmann::json& json, AttrValue& out);
// A map of attribute values (Item, Key, ExpressionAttributeValues): the first problem in key order.
std::string attrs_from_json(const nlohmann::json& json, AttrMap& out);

// JSON text: {"S":"x"}; {"a":{"S":"x"},...}.
void append_attr_json(std::string& out, const AttrValue& value);
void append_attrs_json(std::string& out, const AttrMap& attrs);
// JSON trees, for error bodies.
nlohmann::json attr_to_json(const AttrValue& value);
nlohmann::json attrs_to_json(const AttrMap& attrs);

// Text of a value inside messages, e.g. {S:a} style pieces and "[a, b]" for sets.
std::string describe_scalar(const AttrValue& value);

// Booleans as DynamoDB's front end reads them: true/false, and the strings "true"/"yes"/"1" (any case).
bool lenient_bool(const nlohmann::json& json);

}  // namespace chokepoint
