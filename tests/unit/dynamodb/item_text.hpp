#pragma once
// An item written as DynamoDB JSON text, read into the attribute map the service works with.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "services/dynamodb/attribute_json.hpp"

namespace chokepoint::test {

inline AttrMap parse_item(const std::string& text) {
  AttrMap m;
  REQUIRE(attrs_from_json(nlohmann::json::parse(text), m).empty());
  return m;
}

}  // namespace chokepoint::test
