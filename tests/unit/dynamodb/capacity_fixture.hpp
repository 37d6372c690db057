#pragma once
// Helpers for the capacity tests: tables of a given mode and throughput, items of an exact DynamoDB size,
// and checks of throttling errors. Time is the harness's `now`, moved by hand.
#include <catch2/catch.hpp>

#include <string>

#include "dynamodb_harness.hpp"
#include "services/dynamodb/table.hpp"
#include "services/dynamodb/table_capacity.hpp"

namespace chokepoint::testing {

using nlohmann::json;

inline json key_of(const std::string& pk) { return {{"pk", {{"S", pk}}}}; }

// "k7" (built without `"literal" + std::string`, which GCC 12 misreads as an overflow under -O3).
inline std::string numbered(std::string_view prefix, int n) {
  std::string s(prefix);
  s += std::to_string(n);
  return s;
}

// An item of exactly `bytes` DynamoDB bytes: pk plus a string attribute "d" (name 1 byte) padding it out.
inline json item_of(const std::string& pk, std::size_t bytes, json extra = json::object()) {
  std::size_t used = 2 + pk.size() + 1;
  for (const auto& [name, value] : extra.items()) used += name.size() + value.begin().value().get<std::string>().size();
  REQUIRE(bytes >= used);
  const std::size_t padding = bytes > used ? bytes - used : 0;
  json item = {{"pk", {{"S", pk}}}, {"d", {{"S", std::string(padding, 'x')}}}};
  for (const auto& [name, value] : extra.items()) item[name] = value;
  return item;
}

inline json provisioned_table(const std::string& name, long long rcu, long long wcu) {
  return {{"TableName", name},
          {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
          {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
          {"ProvisionedThroughput", {{"ReadCapacityUnits", rcu}, {"WriteCapacityUnits", wcu}}}};
}

inline json on_demand_table(const std::string& name) {
  return {{"TableName", name},
          {"BillingMode", "PAY_PER_REQUEST"},
          {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
          {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}}};
}

// Adds a global index on string attribute `attr` (provisioned when rcu/wcu are given).
inline void add_gsi(json& params, const std::string& name, const std::string& attr, long long rcu = 0, long long wcu = 0,
                    const std::string& projection = "ALL") {
  params["AttributeDefinitions"].push_back({{"AttributeName", attr}, {"AttributeType", "S"}});
  json index = {{"IndexName", name},
                {"KeySchema", {{{"AttributeName", attr}, {"KeyType", "HASH"}}}},
                {"Projection", {{"ProjectionType", projection}}}};
  if (rcu > 0) index["ProvisionedThroughput"] = {{"ReadCapacityUnits", rcu}, {"WriteCapacityUnits", wcu}};
  params["GlobalSecondaryIndexes"].push_back(index);
}

inline bool throttled(const ApiResult& r) {
  const auto* e = std::get_if<ApiError>(&r);
  return e && e->origin == ErrorOrigin::kThrottle;
}

// The ThrottlingReasons (or throttlingReasons) list of an error.
inline json reasons_of(const ApiError& e) {
  if (e.extra.contains("ThrottlingReasons")) return e.extra["ThrottlingReasons"];
  if (e.extra.contains("throttlingReasons")) return e.extra["throttlingReasons"];
  return json::array();
}

inline std::string first_reason(const ApiResult& r) {
  const auto* e = std::get_if<ApiError>(&r);
  if (!e) return "(admitted)";
  const json reasons = reasons_of(*e);
  return reasons.empty() ? e->code : reasons[0]["reason"].get<std::string>();
}

inline const std::string kArnPrefix = "arn:aws:dynamodb:us-east-1:123456789012:table/";

// Puts `count` items of `bytes` each on key `pk` (or pk-0, pk-1, ... when `spread`); returns how many were admitted
// before the first throttle (all when none was).
inline int put_until_throttled(DynamoHarness& h, const std::string& table, const std::string& pk, int count,
                               std::size_t bytes = 1000, bool spread = false, ApiError* error = nullptr) {
  for (int i = 0; i < count; ++i) {
    const std::string key = spread ? numbered(pk + "-", i) : pk;
    ApiResult r = h.call("PutItem", {{"TableName", table}, {"Item", item_of(key, bytes)}});
    if (throttled(r)) {
      if (error) *error = std::get<ApiError>(r);
      return i;
    }
    if (is_error(r)) FAIL("PutItem failed: " << std::get<ApiError>(r).code << ": " << std::get<ApiError>(r).message);
  }
  return count;
}

// The inspection view of a table.
inline json inspect(DynamoHarness& h, const std::string& table) {
  auto t = h.service.find_table("123456789012", "us-east-1", table, h.now);
  REQUIRE(t);
  return t->capacity->inspect(h.now);
}

}  // namespace chokepoint::testing
