#include "services/dynamodb/operation_shapes.hpp"

#include <initializer_list>

namespace chokepoint {

namespace {

using Members = std::initializer_list<std::pair<const char*, const Shape*>>;

// Builds shapes in the arena with a compact vocabulary.
class Builder {
 public:
  explicit Builder(ShapeArena& arena) : a_(arena) { build_attribute_values(); }

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
    s->min_length = 3;
    s->max_length = 255;
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
  Shape* key_schema(bool key_type_enum) {
    Shape* key_type = key_type_enum ? enumeration({"HASH", "RANGE"}, true) : required(string());
    return length(required(list(value_struct("KeySchemaElement", {{"AttributeName", required(string())},
                                                                  {"KeyType", key_type}}))),
                  1, 2);
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

// Member order matters: DynamoDB lists at most ten constraint violations, found in this order.
Shape* put_item(Builder& b) {
  return b.input({{"ReturnConsumedCapacity", b.rcc()},
                  {"TableName", b.table_name()},
                  {"Item", b.attribute_map(true)},
                  {"ConditionalOperator", b.conditional_operator()},
                  {"Expected", b.expected()},
                  {"ReturnValues", b.return_values()},
                  {"ReturnItemCollectionMetrics", b.ricm()},
                  {"ConditionExpression", b.string()},
                  {"ExpressionAttributeValues", b.attribute_map()},
                  {"ExpressionAttributeNames", b.names()},
                  {"ReturnValuesOnConditionCheckFailure", b.return_on_failure()}});
}

Shape* update_item(Builder& b) {
  Shape* action = b.enumeration({"ADD", "PUT", "DELETE"});
  Shape* updates =
      b.map("AttributeValueUpdate", b.value_struct("AttributeValueUpdate", {{"Action", action}, {"Value", b.attr_field()}}));
  return b.input({{"ReturnConsumedCapacity", b.rcc()},
                  {"TableName", b.table_name()},
                  {"ReturnItemCollectionMetrics", b.ricm()},
                  {"ReturnValues", b.return_values()},
                  {"Key", b.attribute_map(true)},
                  {"ConditionalOperator", b.conditional_operator()},
                  {"Expected", b.expected()},
                  {"AttributeUpdates", updates},
                  {"ConditionExpression", b.string()},
                  {"UpdateExpression", b.string()},
                  {"ExpressionAttributeValues", b.attribute_map()},
                  {"ExpressionAttributeNames", b.names()},
                  {"ReturnValuesOnConditionCheckFailure", b.return_on_failure()}});
}

Shape* delete_item(Builder& b) {
  return b.input({{"ReturnConsumedCapacity", b.rcc()},
                  {"TableName", b.table_name()},
                  {"ReturnValues", b.return_values()},
                  {"ReturnItemCollectionMetrics", b.ricm()},
                  {"Key", b.attribute_map(true)},
                  {"ConditionalOperator", b.conditional_operator()},
                  {"Expected", b.expected()},
                  {"ConditionExpression", b.string()},
                  {"ExpressionAttributeValues", b.attribute_map()},
                  {"ExpressionAttributeNames", b.names()},
                  {"ReturnValuesOnConditionCheckFailure", b.return_on_failure()}});
}

Shape* select(Builder& b) {
  return b.enumeration({"SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"});
}

Shape* minimum(Builder& b, double min, std::optional<double> max = std::nullopt) {
  Shape* s = b.scalar(ShapeKind::kInteger);
  s->min_value = min;
  s->max_value = max;
  return s;
}

Shape* query(Builder& b) {
  return b.input({{"Select", select(b)},
                  {"IndexName", b.index_name()},
                  {"ReturnConsumedCapacity", b.rcc()},
                  {"QueryFilter", b.conditions()},
                  {"TableName", b.table_name()},
                  {"ConditionalOperator", b.conditional_operator()},
                  {"AttributesToGet", b.attributes_to_get()},
                  {"Limit", minimum(b, 1)},
                  {"KeyConditions", b.conditions()},
                  {"ExclusiveStartKey", b.attribute_map()},
                  {"ConsistentRead", b.boolean()},
                  {"ScanIndexForward", b.boolean()},
                  {"KeyConditionExpression", b.string()},
                  {"FilterExpression", b.string()},
                  {"ProjectionExpression", b.string()},
                  {"ExpressionAttributeValues", b.attribute_map()},
                  {"ExpressionAttributeNames", b.names()}});
}

Shape* scan(Builder& b) {
  return b.input({{"Select", select(b)},
                  {"IndexName", b.index_name()},
                  {"TotalSegments", minimum(b, 1, 1000000)},
                  {"ReturnConsumedCapacity", b.rcc()},
                  {"TableName", b.table_name()},
                  {"ConditionalOperator", b.conditional_operator()},
                  {"ScanFilter", b.conditions()},
                  {"Segment", minimum(b, 0, 999999)},
                  {"Limit", minimum(b, 1)},
                  {"AttributesToGet", b.attributes_to_get()},
                  {"ExclusiveStartKey", b.attribute_map()},
                  {"ConsistentRead", b.boolean()},
                  {"FilterExpression", b.string()},
                  {"ProjectionExpression", b.string()},
                  {"ExpressionAttributeValues", b.attribute_map()},
                  {"ExpressionAttributeNames", b.names()}});
}

Shape* batch_get(Builder& b) {
  Shape* keys = b.length(b.required(b.list(b.map("AttributeValue", b.attr_value(), ShapeKind::kParamMap))), 1, 100);
  Shape* per_table = b.value_struct("KeysAndAttributes", {{"Keys", keys},
                                                          {"AttributesToGet", b.attributes_to_get()},
                                                          {"ConsistentRead", b.boolean()},
                                                          {"ProjectionExpression", b.string()},
                                                          {"ExpressionAttributeNames", b.names()}});
  Shape* items = b.required(b.map("KeysAndAttributes", per_table));
  items->min_length = 1;
  items->key_max_length = 255;
  items->key_min_length = 3;
  items->key_pattern = true;
  return b.input({{"ReturnConsumedCapacity", b.rcc()}, {"RequestItems", items}});
}

Shape* batch_write(Builder& b) {
  Shape* request = b.value_struct(
      "WriteRequest", {{"DeleteRequest", b.field_struct("DeleteRequest", {{"Key", b.attribute_map(true)}})},
                       {"PutRequest", b.field_struct("PutRequest", {{"Item", b.attribute_map(true)}})}});
  Shape* list = b.scalar(ShapeKind::kParamList);
  list->element = request;
  Shape* items = b.required(b.map("java.util.List<com.amazonaws.dynamodb.v20120810.WriteRequest>", list));
  items->min_length = 1;
  items->key_max_length = 255;
  items->key_min_length = 3;
  items->key_pattern = true;
  items->value_max_length = 25;
  items->value_min_length = 1;
  return b.input({{"ReturnConsumedCapacity", b.rcc()}, {"ReturnItemCollectionMetrics", b.ricm()}, {"RequestItems", items}});
}

Shape* secondary_index(Builder& b, const char* java_name, bool global) {
  Shape* name = b.table_name();
  Members members = {{"IndexName", name}, {"KeySchema", b.key_schema(false)}, {"Projection", b.projection()}};
  Shape* s = b.value_struct(java_name, members);
  if (global) {
    s->members.emplace_back("ProvisionedThroughput", b.throughput());
    s->members.emplace_back("OnDemandThroughput", b.on_demand());
  }
  return s;
}

Shape* stream_spec(Builder& b) {
  return b.field_struct("StreamSpecification",
                        {{"StreamEnabled", b.required(b.boolean())},
                         {"StreamViewType", b.enumeration({"NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"})}});
}

Shape* sse_spec(Builder& b) {
  return b.field_struct("SSESpecification", {{"Enabled", b.boolean()},
                                             {"SSEType", b.enumeration({"AES256", "KMS"})},
                                             {"KMSMasterKeyId", b.string()}});
}

Shape* attribute_definitions(Builder& b, bool not_null) {
  Shape* s = b.list(b.value_struct("AttributeDefinition", {{"AttributeName", b.required(b.string())},
                                                           {"AttributeType", b.enumeration({"B", "N", "S"}, true)}}));
  s->not_null = not_null;
  return s;
}

Shape* create_table(Builder& b) {
  Shape* name = b.string();
  name->name_pattern = true;
  return b.input({{"AttributeDefinitions", attribute_definitions(b, true)},
                  {"TableName", name},
                  {"BillingMode", b.enumeration({"PROVISIONED", "PAY_PER_REQUEST"})},
                  {"ProvisionedThroughput", b.throughput()},
                  {"KeySchema", b.key_schema(true)},
                  {"LocalSecondaryIndexes", b.list(secondary_index(b, "LocalSecondaryIndex", false))},
                  {"GlobalSecondaryIndexes", b.list(secondary_index(b, "GlobalSecondaryIndex", true))},
                  {"StreamSpecification", stream_spec(b)},
                  {"SSESpecification", sse_spec(b)},
                  {"Tags", b.tags()},
                  {"TableClass", b.enumeration({"STANDARD", "STANDARD_INFREQUENT_ACCESS"})},
                  {"DeletionProtectionEnabled", b.boolean()},
                  {"OnDemandThroughput", b.on_demand()}});
}

Shape* update_table(Builder& b) {
  Shape* name = b.string();
  name->name_pattern = true;
  Shape* index_name = b.table_name();
  Shape* update = b.field_struct("UpdateGlobalSecondaryIndexAction", {{"IndexName", index_name},
                                                                     {"ProvisionedThroughput", b.throughput(true)},
                                                                     {"OnDemandThroughput", b.on_demand()}});
  Shape* create = b.field_struct("CreateGlobalSecondaryIndexAction", {{"Projection", b.projection()},
                                                                     {"IndexName", b.table_name()},
                                                                     {"ProvisionedThroughput", b.throughput()},
                                                                     {"OnDemandThroughput", b.on_demand()},
                                                                     {"KeySchema", b.key_schema(false)}});
  Shape* remove = b.field_struct("DeleteGlobalSecondaryIndexAction", {{"IndexName", b.table_name()}});
  Shape* updates = b.list(b.value_struct("GlobalSecondaryIndexUpdate", {{"Update", update}, {"Create", create}, {"Delete", remove}}));
  return b.input({{"TableName", name},
                  {"ProvisionedThroughput", b.throughput()},
                  {"BillingMode", b.enumeration({"PROVISIONED", "PAY_PER_REQUEST"})},
                  {"GlobalSecondaryIndexUpdates", updates},
                  {"AttributeDefinitions", attribute_definitions(b, false)},
                  {"StreamSpecification", stream_spec(b)},
                  {"SSESpecification", sse_spec(b)},
                  {"TableClass", b.enumeration({"STANDARD", "STANDARD_INFREQUENT_ACCESS"})},
                  {"DeletionProtectionEnabled", b.boolean()},
                  {"OnDemandThroughput", b.on_demand()}});
}

Shape* transact_write(Builder& b) {
  auto common = [&](const char* java_name, Members first) {
    Shape* s = b.field_struct(java_name, first);
    s->members.emplace_back("TableName", b.table_name());
    s->members.emplace_back("ConditionExpression", b.string());
    s->members.emplace_back("ExpressionAttributeNames", b.names());
    s->members.emplace_back("ExpressionAttributeValues", b.attribute_map());
    s->members.emplace_back("ReturnValuesOnConditionCheckFailure", b.return_on_failure());
    return s;
  };
  Shape* check = common("ConditionCheck", {{"Key", b.attribute_map(true)}});
  for (auto& m : check->members) {
    if (m.first == "ConditionExpression") m.second = b.required(b.string());
  }
  Shape* item = b.value_struct("TransactWriteItem",
                               {{"ConditionCheck", check},
                                {"Put", common("Put", {{"Item", b.attribute_map(true)}})},
                                {"Delete", common("Delete", {{"Key", b.attribute_map(true)}})},
                                {"Update", common("Update", {{"Key", b.attribute_map(true)},
                                                             {"UpdateExpression", b.required(b.string())}})}});
  return b.input({{"TransactItems", b.length(b.required(b.list(item)), 1, 100)},
                  {"ReturnConsumedCapacity", b.rcc()},
                  {"ReturnItemCollectionMetrics", b.ricm()},
                  {"ClientRequestToken", b.length(b.string(), 1, 36)}});
}

Shape* transact_get(Builder& b) {
  Shape* get = b.required(b.field_struct("Get", {{"Key", b.attribute_map(true)},
                                                 {"TableName", b.table_name()},
                                                 {"ProjectionExpression", b.string()},
                                                 {"ExpressionAttributeNames", b.names()}}));
  Shape* item = b.value_struct("TransactGetItem", {{"Get", get}});
  return b.input({{"TransactItems", b.length(b.required(b.list(item)), 1, 100)}, {"ReturnConsumedCapacity", b.rcc()}});
}

}  // namespace

OperationShapes::OperationShapes() {
  Builder b(arena_);
  auto add = [&](const char* op, Shape* input, bool table_name_first = false) {
    mark_constraints(*input);
    operations_[op] = OperationShape{input, table_name_first};
  };
  auto named_table = [&](Members extra) {
    Shape* name = b.string();
    name->name_pattern = true;
    Shape* s = b.input({{"TableName", name}});
    for (const auto& m : extra) s->members.emplace_back(m.first, m.second);
    return s;
  };
  add("GetItem", b.input({{"ReturnConsumedCapacity", b.rcc()},
                          {"AttributesToGet", b.attributes_to_get()},
                          {"TableName", b.table_name()},
                          {"Key", b.attribute_map(true)},
                          {"ConsistentRead", b.boolean()},
                          {"ProjectionExpression", b.string()},
                          {"ExpressionAttributeNames", b.names()}}));
  add("PutItem", put_item(b));
  add("UpdateItem", update_item(b));
  add("DeleteItem", delete_item(b));
  add("Query", query(b));
  add("Scan", scan(b));
  add("BatchGetItem", batch_get(b));
  add("BatchWriteItem", batch_write(b));
  add("TransactWriteItems", transact_write(b));
  add("TransactGetItems", transact_get(b));
  add("CreateTable", create_table(b), true);
  add("UpdateTable", update_table(b), true);
  add("DeleteTable", named_table({}), true);
  add("DescribeTable", named_table({}), true);
  add("DescribeTimeToLive", named_table({}), true);
  add("DescribeContinuousBackups", named_table({}), true);
  add("UpdateTimeToLive",
      named_table({{"TimeToLiveSpecification",
                    b.required(b.field_struct("TimeToLiveSpecification",
                                              {{"Enabled", b.required(b.boolean())},
                                               {"AttributeName", b.length(b.required(b.string()), 1, 255)}}))}}),
      true);
  Shape* list_limit = b.scalar(ShapeKind::kInteger);
  list_limit->min_value = 1;
  list_limit->max_value = 100;
  add("ListTables", b.input({{"Limit", list_limit}, {"ExclusiveStartTableName", b.index_name()}}));
  add("TagResource", b.input({{"ResourceArn", b.string()}, {"Tags", b.tags()}}));
  add("UntagResource", b.input({{"ResourceArn", b.string()}, {"TagKeys", b.list(b.string())}}));
  add("ListTagsOfResource", b.input({{"ResourceArn", b.string()}, {"NextToken", b.string()}}));
  add("DescribeLimits", b.input({}));
  add("DescribeEndpoints", b.input({}));
}

const OperationShape* OperationShapes::find(const std::string& operation) const {
  const auto it = operations_.find(operation);
  return it == operations_.end() ? nullptr : &it->second;
}

}  // namespace chokepoint
