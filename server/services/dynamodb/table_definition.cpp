#include "services/dynamodb/table_definition.hpp"

#include <algorithm>
#include <set>

#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/request_shape.hpp"

namespace chokepoint {

namespace {


std::string names_list(const std::vector<std::string>& names) {
  std::string out = "[";
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out + "]";
}

std::vector<std::string> definition_names(const std::vector<KeyAttribute>& definitions) {
  std::vector<std::string> names;
  for (const auto& d : definitions) names.push_back(d.name);
  return names;
}

const KeyAttribute* find_definition(const std::vector<KeyAttribute>& definitions, const std::string& name) {
  for (const auto& d : definitions) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

std::vector<std::string> key_names(const nlohmann::json& key_schema) {
  std::vector<std::string> names;
  for (const auto& k : key_schema) names.push_back(param_str(k, "AttributeName"));
  return names;
}

// A global index's multi-attribute key: HASH elements first, at most 4 of each type, no name twice.
// DynamoDB's developer guide, "Multi-attribute keys pattern":
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.DesignPattern.MultiAttributeKeys.html
Problem check_multi_attribute_key(const nlohmann::json& key_schema, const std::vector<std::string>& keys) {
  constexpr int kMaxPerKeyType = 4;
  int hashes = 0, ranges = 0;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (std::find(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(i), keys[i]) != keys.begin() + static_cast<std::ptrdiff_t>(i)) {
      return "Invalid KeySchema: Duplicate attribute names are not allowed in KeySchema: " + keys[i];
    }
    const std::string type = param_str(key_schema[i], "KeyType");
    if (type == "HASH") {
      if (ranges > 0) return std::string("Invalid KeySchema: HASH key elements must precede all RANGE key elements");
      ++hashes;
    } else if (type == "RANGE") {
      ++ranges;
    } else {
      return "Invalid KeySchema: Unknown KeyType: " + type;
    }
  }
  if (hashes > kMaxPerKeyType) return std::string("Invalid KeySchema: A KeySchema can have at most 4 HASH key elements");
  if (ranges > kMaxPerKeyType) return std::string("Invalid KeySchema: A KeySchema can have at most 4 RANGE key elements");
  return {};
}

// The checks every key schema shares: definitions, distinct names, HASH then RANGE. `multi_attribute` for
// global indexes, whose keys may have up to 4 partition and 4 sort key attributes.
Problem check_key_shape(const nlohmann::json& key_schema, const std::vector<KeyAttribute>& definitions,
                        bool multi_attribute = false) {
  const auto keys = key_names(key_schema);
  for (const auto& k : keys) {
    if (!find_definition(definitions, k)) {
      return std::string(kInvalidParameterValues) + "Some index key attributes are not defined in AttributeDefinitions. Keys: " +
             names_list(keys) + ", AttributeDefinitions: " + names_list(definition_names(definitions));
    }
  }
  // Two elements of one name keep DynamoDB's older message, whatever their KeyTypes.
  if (keys.size() == 2 && keys[0] == keys[1]) return "Both the Hash Key and the Range Key element in the KeySchema have the same name";
  if (param_str(key_schema[0], "KeyType") != "HASH") return "Invalid KeySchema: The first KeySchemaElement is not a HASH key type";
  if (multi_attribute) return check_multi_attribute_key(key_schema, keys);
  if (keys.size() == 2 && param_str(key_schema[1], "KeyType") != "RANGE") {
    return "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type";
  }
  return {};
}

void convert_key(const nlohmann::json& key_schema, const std::vector<KeyAttribute>& definitions, KeySchema& out) {
  const auto keys = key_names(key_schema);
  out.hash = *find_definition(definitions, keys[0]);
  for (std::size_t i = 1; i < keys.size(); ++i) {
    const KeyAttribute& a = *find_definition(definitions, keys[i]);
    if (param_str(key_schema[i], "KeyType") == "HASH") {
      out.more_hash.push_back(a);
    } else if (!out.range) {
      out.range = a;
    } else {
      out.more_range.push_back(a);
    }
  }
}

std::string read_projection(const nlohmann::json& projection, IndexProjection& out) {
  if (!param_present(projection, "ProjectionType")) return std::string(kInvalidParameterValues) + "Unknown ProjectionType: null";
  const std::string type = param_str(projection, "ProjectionType");
  if (param_present(projection, "NonKeyAttributes") && type != "INCLUDE") {
    return std::string(kInvalidParameterValues) + "ProjectionType is " + type + ", but NonKeyAttributes is specified";
  }
  out.type = type == "KEYS_ONLY" ? ProjectionType::kKeysOnly : type == "INCLUDE" ? ProjectionType::kInclude : ProjectionType::kAll;
  for (const auto& n : param_json(projection, "NonKeyAttributes")) {
    if (n.is_string()) out.non_key_attributes.push_back(n.get<std::string>());
  }
  return {};
}

std::string read_indexes(const nlohmann::json& params, const std::vector<KeyAttribute>& definitions, bool global,
                         bool multi_attribute_keys, TableSchema& schema, std::set<std::string>& names) {
  const char* member = global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes";
  const nlohmann::json& list = param_json(params, member);
  if (list.is_null()) return {};
  if (list.empty()) return std::string(kInvalidParameterValues) + "List of " + member + " is empty";
  if (!global && !schema.key.range) {
    return std::string(kInvalidParameterValues) + "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex";
  }
  const bool on_demand = param_str(params, "BillingMode") == "PAY_PER_REQUEST";
  for (const auto& entry : list) {
    IndexSchema index;
    if (auto e = read_index(entry, definitions, global, multi_attribute_keys, index, &schema.key); !e.empty()) return e;
    if (global && on_demand && param_present(entry, "ProvisionedThroughput")) {
      return std::string(kInvalidParameterValues) + "ProvisionedThroughput should not be specified for index: " + index.name +
             " when BillingMode is PAY_PER_REQUEST";
    }
    if (!names.insert(index.name).second) return std::string(kInvalidParameterValues) + "Duplicate index name: " + index.name;
    schema.indexes.push_back(std::move(index));
  }
  if (!global && list.size() > 5) return std::string(kInvalidParameterValues) + "Number of LocalSecondaryIndexes exceeds per-table limit of 5";
  if (global && list.size() > 20) return std::string(kInvalidParameterValues) + "GlobalSecondaryIndex count exceeds the per-table limit of 20";
  return {};
}

Problem check_unused_definitions(const TableSchema& schema) {
  std::vector<std::string> used;
  auto use = [&](const KeySchema& k) {
    for (const KeyAttribute* a : k.parts()) {
      if (a && std::find(used.begin(), used.end(), a->name) == used.end()) used.push_back(a->name);
    }
  };
  use(schema.key);
  for (const auto& i : schema.indexes) use(i.key);
  for (const auto& d : schema.attribute_definitions) {
    if (std::find(used.begin(), used.end(), d.name) == used.end()) {
      return std::string(kInvalidParameterValues) + "Some AttributeDefinitions are not used. AttributeDefinitions: " +
             names_list(definition_names(schema.attribute_definitions)) + ", keys used: " + names_list(used);
    }
  }
  return {};
}

}  // namespace

std::vector<KeyAttribute> read_attribute_definitions(const nlohmann::json& definitions) {
  std::vector<KeyAttribute> out;
  for (const auto& d : definitions) {
    KeyAttribute a;
    a.name = param_str(d, "AttributeName");
    parse_attr_type(param_str(d, "AttributeType"), a.type);
    out.push_back(std::move(a));
  }
  return out;
}

std::string read_key_schema(const nlohmann::json& key_schema, const std::vector<KeyAttribute>& definitions,
                            KeySchema& out) {
  if (auto e = check_key_shape(key_schema, definitions)) return std::move(*e);
  convert_key(key_schema, definitions, out);
  return {};
}

std::string read_index(const nlohmann::json& index, const std::vector<KeyAttribute>& definitions, bool global,
                       bool multi_attribute_keys, IndexSchema& out, const KeySchema* table_key) {
  out.name = param_str(index, "IndexName");
  out.global = global;
  const nlohmann::json& key_schema = param_json(index, "KeySchema");
  if (auto e = check_key_shape(key_schema, definitions, global && multi_attribute_keys)) return std::move(*e);
  if (!global && key_schema.size() != 2) {
    return std::string(kInvalidParameterValues) + "Index KeySchema does not have a range key for index: " + out.name;
  }
  convert_key(key_schema, definitions, out.key);
  if (!global && table_key && out.key.hash.name != table_key->hash.name) {
    return std::string(kInvalidParameterValues) + "Index KeySchema does not have the same leading hash key as table KeySchema for index: " +
           out.name + ". index hash key: " + out.key.hash.name + ", table hash key: " + table_key->hash.name;
  }
  return read_projection(param_json(index, "Projection"), out.projection);
}

std::string read_table_schema(const nlohmann::json& params, bool multi_attribute_index_keys, TableSchema& schema) {
  schema.attribute_definitions = read_attribute_definitions(param_json(params, "AttributeDefinitions"));
  const auto& definitions = schema.attribute_definitions;
  const nlohmann::json& key_schema = param_json(params, "KeySchema");
  if (key_schema.size() > definitions.size()) return "Invalid KeySchema: Some index key attribute have no definition";
  if (auto e = read_key_schema(key_schema, definitions, schema.key); !e.empty()) return e;
  const bool has_indexes = param_present(params, "LocalSecondaryIndexes") || param_present(params, "GlobalSecondaryIndexes");
  if (!has_indexes && key_schema.size() != definitions.size()) {
    return std::string(kInvalidParameterValues) + "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions";
  }
  std::set<std::string> names;
  if (auto e = read_indexes(params, definitions, false, false, schema, names); !e.empty()) return e;
  if (auto e = read_indexes(params, definitions, true, multi_attribute_index_keys, schema, names); !e.empty()) return e;
  if (auto e = check_unused_definitions(schema)) return std::move(*e);
  return {};
}

Throughput read_throughput(const nlohmann::json& provisioned_throughput) {
  Throughput t;
  if (provisioned_throughput.is_object()) {
    if (provisioned_throughput.contains("ReadCapacityUnits")) {
      t.read = shape_integer(provisioned_throughput["ReadCapacityUnits"]);
    }
    if (provisioned_throughput.contains("WriteCapacityUnits")) {
      t.write = shape_integer(provisioned_throughput["WriteCapacityUnits"]);
    }
  }
  return t;
}

Problem check_throughput_bounds(const Throughput& t) {
  if (t.read > kMaxCapacityUnits) return "Given value " + std::to_string(t.read) + " for ReadCapacityUnits is out of bounds";
  if (t.write > kMaxCapacityUnits) {
    return "Given value " + std::to_string(t.write) + " for WriteCapacityUnits is out of bounds";
  }
  return {};
}

void apply_on_demand_throughput(const nlohmann::json& on_demand_throughput, OnDemandLimits& limits) {
  if (!on_demand_throughput.is_object()) return;
  limits.set = true;
  if (on_demand_throughput.contains("MaxReadRequestUnits")) {
    limits.max_read = shape_integer(on_demand_throughput["MaxReadRequestUnits"]);
  }
  if (on_demand_throughput.contains("MaxWriteRequestUnits")) {
    limits.max_write = shape_integer(on_demand_throughput["MaxWriteRequestUnits"]);
  }
}

}  // namespace chokepoint
