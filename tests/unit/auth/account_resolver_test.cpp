#include <catch2/catch.hpp>

#include "auth/account_resolver.hpp"

namespace chokepoint {

TEST_CASE("account_from_access_key: LocalStack conventions", "[auth][account]") {
  CHECK(account_from_access_key("LSIAQAAAAAAVNCBMPNSG") == "000000000042");
  CHECK(account_from_access_key("LKIAQAAAAAAALILNVHFS") == "000000000000");
  CHECK(account_from_access_key("123456789012") == "123456789012");
  CHECK(account_from_access_key("123456789012EXTRA") == "123456789012");
  CHECK(account_from_access_key("12345678901") == "");
  CHECK(account_from_access_key("test") == "");
  CHECK(account_from_access_key("") == "");
  // Real-looking keys are not decoded by default.
  CHECK(account_from_access_key("AKIARZPUZDIKGB2VALC4") == "");
  CHECK(account_from_access_key("ASIAQAAAAAAAGMKEM7X5") == "");
  // Too short, not base32, or out of range.
  CHECK(account_from_access_key("LSIAQAAAAAAVNCBMPNS") == "");
  CHECK(account_from_access_key("LSIAQAAAAAa1NCBMPNSG") == "");
  CHECK(account_from_access_key("LSIAAAAAAAAVNCBMPNSG") == "");  // below the offset: negative
  CHECK(account_from_access_key("LSIA77777777NCBMPNSG") == "");  // above 999999999999
}

TEST_CASE("account_from_access_key: the low bit comes from character 12", "[auth][account]") {
  // Same key[4:12] as the 42 key; an upper-half character at index 12 adds one.
  CHECK(account_from_access_key("LSIAQAAAAAAVQCBMPNSG") == "000000000043");
}

TEST_CASE("resolve_account_id: config first, then the key, then the default", "[auth][account]") {
  Config config;
  config.default_account = "111111111111";
  config.accounts.push_back({"LSIAQAAAAAAVNCBMPNSG", "secret", "222222222222", ""});
  config.accounts.push_back({"listed-without-account", "secret", "", ""});
  CHECK(resolve_account_id(config, "LSIAQAAAAAAVNCBMPNSG") == "222222222222");
  CHECK(resolve_account_id(config, "LKIAQAAAAAAALILNVHFS") == "000000000000");
  CHECK(resolve_account_id(config, "123456789012") == "123456789012");
  CHECK(resolve_account_id(config, "test") == "111111111111");
  CHECK(resolve_account_id(config, "listed-without-account") == "111111111111");
  CHECK(resolve_account_id(config, "") == "111111111111");
}

}  // namespace chokepoint
