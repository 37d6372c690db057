#include <catch2/catch.hpp>

#include "services/dynamodb/attribute_json.hpp"
#include "services/dynamodb/item_size.hpp"
#include "services/dynamodb/packed_item.hpp"

namespace chokepoint {
namespace {

AttrMap item(const char* json) {
  AttrMap m;
  const std::string error = attrs_from_json(nlohmann::json::parse(json), m);
  REQUIRE(error.empty());
  return m;
}

TEST_CASE("item size: names and string values in UTF-8 bytes", "[dynamodb][size]") {
  // The developer guide's example: shirt-color="R", shirt-size="M" is 23 bytes.
  CHECK(item_size(item(R"({"shirt-color":{"S":"R"},"shirt-size":{"S":"M"}})")) == 23);
  CHECK(item_size(item(R"({"a":{"S":"\u00e9"}})")) == 1 + 2);
  CHECK(item_size(item(R"({"a":{"S":""}})")) == 1);
}

TEST_CASE("item size: numbers, binary, booleans, nulls", "[dynamodb][size]") {
  CHECK(item_size(item(R"({"n":{"N":"12.3456"}})")) == 1 + 4);
  CHECK(item_size(item(R"({"n":{"N":"-1"}})")) == 1 + 3);
  CHECK(item_size(item(R"({"n":{"N":"0"}})")) == 1 + 1);
  CHECK(item_size(item(R"({"b":{"B":"AQI="}})")) == 1 + 2);  // raw bytes, not base64 length
  CHECK(item_size(item(R"({"t":{"BOOL":true},"z":{"NULL":true}})")) == 2 + 2);
}

TEST_CASE("item size: lists and maps add 3 bytes plus 1 per element", "[dynamodb][size]") {
  CHECK(item_size(item(R"({"l":{"L":[]}})")) == 1 + 3);
  CHECK(item_size(item(R"({"m":{"M":{}}})")) == 1 + 3);
  CHECK(item_size(item(R"({"l":{"L":[{"S":"ab"},{"N":"1"}]}})")) == 1 + 3 + (1 + 2) + (1 + 2));
  CHECK(item_size(item(R"({"m":{"M":{"xy":{"S":"abc"}}}})")) == 1 + 3 + (1 + 2 + 3));
}

TEST_CASE("item size: sets are the sum of their elements", "[dynamodb][size]") {
  CHECK(item_size(item(R"({"s":{"SS":["a","bc"]}})")) == 1 + 3);
  CHECK(item_size(item(R"({"s":{"NS":["1","-1"]}})")) == 1 + 2 + 3);
  CHECK(item_size(item(R"({"s":{"BS":["AQI=","AQ=="]}})")) == 1 + 3);
}

TEST_CASE("item size: a 400 KB item is at the limit", "[dynamodb][size]") {
  AttrMap m;
  m.set("a", AttrValue::string(std::string(kMaxItemBytes - 1, 'x')));
  CHECK(item_size(m) == kMaxItemBytes);
  m.set("b", AttrValue::boolean(true));
  CHECK(item_size(m) > kMaxItemBytes);
}

TEST_CASE("page size: stored form with per-block overhead", "[dynamodb][size]") {
  // A 10-character hash key, a 2-character sort key and a 41645-character string: the figures DynamoDB's
  // 1 MB pages are measured in (24 such items and one a byte larger fill exactly 1 MB).
  AttrMap m;
  m.set("a", AttrValue::string("0123456789"));
  m.set("b", AttrValue::string("01"));
  m.set("e", AttrValue::string(std::string(41645, 'e')));
  CHECK(page_size(m, "b") == 41943);
  CHECK(PackedItem::pack(m, "b").page_bytes() == 41943);
  CHECK(PackedItem::pack(m, "b").size_bytes() == item_size(m));
}

}  // namespace
}  // namespace chokepoint
