#pragma once
#include <optional>
#include <string>

namespace chokepoint {

// A validation problem's message, or none.
using Problem = std::optional<std::string>;

}  // namespace chokepoint
