#include <catch2/catch.hpp>

#include "services/dynamodb/attribute_json.hpp"
#include "services/dynamodb/packed_item.hpp"
#include "dynamodb/item_text.hpp"

namespace chokepoint {
namespace {

using test::parse_item;

const char* kItem = R"({"pk":{"S":"k\"1"},"n":{"N":"-12.5"},"b":{"B":"AQI="},"t":{"BOOL":false},"z":{"NULL":true},
  "ss":{"SS":["x","y"]},"ns":{"NS":["1","2.5"]},"bs":{"BS":["AQ=="]},
  "l":{"L":[{"S":"a"},{"M":{"q":{"N":"1"}}},{"L":[]}]},"m":{"M":{"inner":{"SS":["s"]},"e":{"M":{}}}}})";

TEST_CASE("packed item: round trip through the compact form", "[dynamodb][packed]") {
  const AttrMap original = parse_item(kItem);
  const PackedItem packed = PackedItem::pack(original);
  CHECK(packed.unpack() == original);
  CHECK(packed.get("n")->scalar() == "-12.5");
  CHECK(packed.get("b")->scalar() == std::string("\x01\x02", 2));
  CHECK_FALSE(packed.get("missing"));
  CHECK(packed.get("m")->map_value().find("inner")->set_value().front() == "s");
}

TEST_CASE("packed item: JSON written directly equals the tree's JSON", "[dynamodb][packed]") {
  const AttrMap original = parse_item(kItem);
  const PackedItem packed = PackedItem::pack(original);
  std::string direct;
  packed.append_json(direct);
  std::string via_tree;
  append_attrs_json(via_tree, original);
  CHECK(direct == via_tree);
  CHECK(nlohmann::json::parse(direct) == nlohmann::json::parse(kItem));
}

TEST_CASE("packed item: selected attributes only", "[dynamodb][packed]") {
  const PackedItem packed = PackedItem::pack(parse_item(kItem));
  std::string out;
  packed.append_json(out, {"pk", "ns", "absent"});
  CHECK(nlohmann::json::parse(out) == nlohmann::json::parse(R"({"pk":{"S":"k\"1"},"ns":{"NS":["1","2.5"]}})"));
  const AttrMap some = packed.unpack_some({"t", "l"});
  CHECK(some.size() == 2);
  CHECK(some.find("l")->list_value().size() == 3);
}

TEST_CASE("packed item: copies share one buffer", "[dynamodb][packed]") {
  const PackedItem a = PackedItem::pack(parse_item(R"({"a":{"S":"x"}})"));
  const PackedItem b = a;
  CHECK(a.buffer_bytes() == b.buffer_bytes());
  CHECK(a.size_bytes() == 2);
  CHECK(PackedItem().empty());
}

}  // namespace
}  // namespace chokepoint
