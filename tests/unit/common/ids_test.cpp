#include <catch2/catch.hpp>
#include <set>

#include "common/ids.hpp"

namespace chokepoint {

TEST_CASE("uuids are version 4, RFC 4122 variant, lower-case 8-4-4-4-12 hex", "[ids]") {
  IdGenerator ids(7);
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string id = ids.uuid();
    REQUIRE(id.size() == 36);
    for (size_t at = 0; at < id.size(); ++at) {
      const bool dash = at == 8 || at == 13 || at == 18 || at == 23;
      INFO(id);
      CHECK((dash ? id[at] == '-' : std::string_view("0123456789abcdef").find(id[at]) != std::string_view::npos));
    }
    CHECK(id[14] == '4');
    CHECK(std::string_view("89ab").find(id[19]) != std::string_view::npos);
    seen.insert(id);
  }
  CHECK(seen.size() == 200);
}

TEST_CASE("uuids use every bit of randomness outside the fixed ones", "[ids]") {
  // Every free hex digit takes more than one value over a few hundred ids: no group is left constant.
  IdGenerator ids(11);
  std::vector<std::set<char>> digits(36);
  for (int i = 0; i < 300; ++i) {
    const std::string id = ids.uuid();
    for (size_t at = 0; at < id.size(); ++at) digits[at].insert(id[at]);
  }
  for (size_t at = 0; at < 36; ++at) {
    const bool fixed = at == 8 || at == 13 || at == 14 || at == 18 || at == 23;
    INFO(at);
    CHECK((digits[at].size() > 1) == !fixed);
  }
}

}  // namespace chokepoint
