#include "services/cloudwatch/page_token.hpp"

#include "common/strings.hpp"

namespace chokepoint {

namespace {
constexpr std::string_view kPrefix = "cw1-";
}  // namespace

std::string next_token(size_t offset) {
  return std::string(kPrefix) + std::to_string(offset);
}

std::optional<size_t> parse_next_token(std::string_view token) {
  if (token.empty()) return 0;
  long long offset = 0;
  if (token.rfind(kPrefix, 0) != 0 || !parse_int64(token.substr(kPrefix.size()), offset)) return std::nullopt;
  return static_cast<size_t>(offset);
}

}  // namespace chokepoint
