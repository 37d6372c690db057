#include <catch2/catch.hpp>
#include <string>

#include "common/utf8.hpp"

namespace chokepoint {

TEST_CASE("utf8: well-formed text of every sequence length", "[common][utf8]") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("plain ASCII, longer than one eight-byte word"));
  CHECK(is_valid_utf8("caf\xC3\xA9"));
  CHECK(is_valid_utf8("\xE2\x82\xAC and \xED\x9F\xBF"));      // U+20AC, U+D7FF (just below the surrogates)
  CHECK(is_valid_utf8("\xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF"));  // U+1F600, U+10FFFF
  CHECK(is_valid_utf8(std::string("nul \0 inside", 12)));
}

TEST_CASE("utf8: RFC 3629's ill-formed sequences are refused", "[common][utf8]") {
  CHECK_FALSE(is_valid_utf8("\x80"));              // a lone continuation byte
  CHECK_FALSE(is_valid_utf8("\xC3"));              // truncated
  CHECK_FALSE(is_valid_utf8("abcdefgh\xC3"));      // truncated after a whole ASCII word
  CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong '/'
  CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong, three bytes
  CHECK_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));  // overlong, four bytes
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // U+D800, a surrogate
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
  CHECK_FALSE(is_valid_utf8("\xFF"));
  CHECK_FALSE(is_valid_utf8("\xE2\x28\xA1"));      // second byte not a continuation
}

}  // namespace chokepoint
