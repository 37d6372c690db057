#pragma once
// A compact vocabulary for building DynamoDB input shapes (request_shape.hpp) in an arena: the members, types
// and constraints of the service model, so that each operation's input reads like its model.
#include <initializer_list>
#include <optional>
#include <utility>

#include "config/dynamodb_names.hpp"
#include "services/dynamodb/request_shape.hpp"

namespace chokepoint {

using Members = std::initializer_list<std::pair<const char*, const Shape*>>;

class ShapeBuilder {
 public:
  explicit ShapeBuilder(ShapeArena& arena) : a_(arena) { build_attribute_values(); }

  Shape* scalar(ShapeKind kind) { return a_.make(kind); }
  Shape* string() { return a_.make(ShapeKind::kString); }
  Shape* boolean() { return a_.make(ShapeKind::kBoolean); }
  Shape* enumeration(std::initializer_list<const char*> values, bool not_null = false) {
    Shape* s = string();
    for (const char* v : values) s->enum_values.emplace_back(v);
    s->not_null = not_null;
    return s;
  }
  Shape* length(Shape* s, std::optional<long long> min, std::optional<long long> max) {
    s->min_length = min;
    s->max_length = max;
    return s;
  }
  Shape* required(Shape* s) {
    s->not_null = true;
    return s;
  }
  Shape* list(const Shape* element) {
    Shape* s = a_.make(ShapeKind::kList);
    s->element = element;
    return s;
  }
  Shape* map(const char* java_name, const Shape* element, ShapeKind kind = ShapeKind::kMap) {
    Shape* s = a_.make(kind, java_name);
    s->element = element;
    return s;
  }
  Shape* value_struct(const char* java_name, Members members) { return structure(ShapeKind::kValueStruct, java_name, members); }
  Shape* field_struct(const char* java_name, Members members) { return structure(ShapeKind::kFieldStruct, java_name, members); }
  Shape* input(Members members) { return structure(ShapeKind::kFieldStruct, "", members); }

  Shape* table_name() {
    Shape* s = string();
    s->not_null = true;
    s->name_pattern = true;
    s->min_length = kMinTableNameLength;
    s->max_length = kMaxTableNameLength;
    return s;
  }
  Shape* index_name() {
    Shape* s = table_name();
    s->not_null = false;
    return s;
  }
  Shape* attribute_map(bool not_null = false) {
    Shape* s = map("AttributeValue", attr_value_);
    s->not_null = not_null;
    return s;
  }
  const Shape* attr_value() const { return attr_value_; }
  const Shape* attr_field() const { return attr_field_; }
  Shape* names() { return map("java.lang.String", string()); }
  Shape* rcc() { return enumeration({"INDEXES", "TOTAL", "NONE"}); }
  Shape* ricm() { return enumeration({"SIZE", "NONE"}); }
  Shape* return_values() { return enumeration({"ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"}); }
  Shape* return_on_failure() { return enumeration({"ALL_OLD", "NONE"}); }
  Shape* conditional_operator() { return enumeration({"OR", "AND"}); }
  Shape* comparison_operator(bool not_null) {
    return enumeration({"IN", "NULL", "BETWEEN", "LT", "NOT_CONTAINS", "EQ", "GT", "NOT_NULL", "NE", "LE",
                        "BEGINS_WITH", "GE", "CONTAINS"},
                       not_null);
  }
  Shape* attributes_to_get() { return length(list(string()), 1, 255); }
  Shape* expected() {
    return map("ExpectedAttributeValue",
               value_struct("ExpectedAttributeValue", {{"AttributeValueList", list(attr_value_)},
                                                       {"ComparisonOperator", comparison_operator(false)},
                                                       {"Exists", boolean()},
                                                       {"Value", attr_field_}}));
  }
  Shape* conditions() {
    return map("Condition", value_struct("Condition", {{"AttributeValueList", list(attr_value_)},
                                                       {"ComparisonOperator", comparison_operator(true)}}));
  }
  Shape* throughput(bool not_null = false) {
    Shape* read = required(scalar(ShapeKind::kLong));
    read->min_value = 1;
    Shape* write = required(scalar(ShapeKind::kLong));
    write->min_value = 1;
    Shape* s = field_struct("ProvisionedThroughput", {{"WriteCapacityUnits", write}, {"ReadCapacityUnits", read}});
    s->not_null = not_null;
    return s;
  }
  Shape* on_demand() {
    return field_struct("OnDemandThroughput",
                        {{"MaxReadRequestUnits", scalar(ShapeKind::kLong)}, {"MaxWriteRequestUnits", scalar(ShapeKind::kLong)}});
  }
  // Tables and local indexes: HASH [+ RANGE]; global indexes: up to 4 HASH + 4 RANGE attributes.
  Shape* key_schema(bool key_type_enum, int max_elements = 2) {
    Shape* key_type = key_type_enum ? enumeration({"HASH", "RANGE"}, true) : required(string());
    return length(required(list(value_struct("KeySchemaElement", {{"AttributeName", required(string())},
                                                                  {"KeyType", key_type}}))),
                  1, max_elements);
  }
  Shape* projection() {
    return required(field_struct("Projection", {{"ProjectionType", enumeration({"ALL", "INCLUDE", "KEYS_ONLY"})},
                                                {"NonKeyAttributes", length(list(string()), 1, std::nullopt)}}));
  }
  Shape* tags() {
    return list(value_struct("Tag", {{"Key", length(required(string()), 1, 128)},
                                     {"Value", length(required(string()), 0, 256)}}));
  }

 private:
  Shape* structure(ShapeKind kind, const char* java_name, Members members) {
    Shape* s = a_.make(kind, java_name);
    for (const auto& [name, shape] : members) s->members.emplace_back(name, shape);
    return s;
  }

  // AttributeValue is recursive (L and M hold AttributeValues); both struct flavours share the members.
  void build_attribute_values() {
    Shape* value = a_.make(ShapeKind::kValueStruct, "AttributeValue");
    Shape* blob = a_.make(ShapeKind::kBlob);
    value->members = {{"S", string()},          {"B", blob},
                      {"N", string()},          {"BOOL", boolean()},
                      {"NULL", boolean()},      {"BS", list(blob)},
                      {"NS", list(string())},   {"SS", list(string())},
                      {"L", list(value)},       {"M", map("AttributeValue", value)}};
    attr_value_ = value;
    Shape* field = a_.copy(*value);
    field->kind = ShapeKind::kFieldStruct;
    attr_field_ = field;
  }

  ShapeArena& a_;
  const Shape* attr_value_ = nullptr;
  const Shape* attr_field_ = nullptr;
};

}  // namespace chokepoint
