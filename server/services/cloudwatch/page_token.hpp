#pragma once
// CloudWatch's NextToken values: an opaque string that carries the offset of the next page.
#include <optional>
#include <string>
#include <string_view>

namespace chokepoint {

std::string next_token(size_t offset);
// The offset a token carries; 0 for an empty token; nullopt for a token this server did not issue.
std::optional<size_t> parse_next_token(std::string_view token);

}  // namespace chokepoint
