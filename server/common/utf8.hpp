#pragma once
// UTF-8 validation as RFC 3629 defines it: no overlong forms, no encoded surrogates, nothing above U+10FFFF.
#include <string_view>

namespace chokepoint {

bool is_valid_utf8(std::string_view text);

}  // namespace chokepoint
