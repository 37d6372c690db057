#include <catch2/catch.hpp>

#include "common/strings.hpp"

namespace chokepoint {

TEST_CASE("iequals: ASCII letters in any case, everything else byte for byte", "[common][strings]") {
  CHECK(iequals("content-length", "content-length"));
  CHECK(iequals("Content-Length", "content-LENGTH"));
  CHECK(iequals("", ""));
  CHECK_FALSE(iequals("content-length", "content-lengtx"));
  CHECK_FALSE(iequals("Content-Length", "content-lengt"));
  CHECK_FALSE(iequals("a-b", "a_b"));
  CHECK_FALSE(iequals("[", "{"));  // 0x5B and 0x7B differ by the case bit but are not letters
  CHECK_FALSE(iequals("@", "`"));
}

TEST_CASE("to_lower and to_lower_in_place lower ASCII letters only", "[common][strings]") {
  CHECK(to_lower("X-Amz-Target") == "x-amz-target");
  std::string name = "Content-Type_[@]\xC3\x89";
  to_lower_in_place(name);
  CHECK(name == "content-type_[@]\xC3\x89");
}

}  // namespace chokepoint
