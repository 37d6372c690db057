#pragma once
// Parameter policies (advanced tier): Expiration, ExpirationNotification and NoChangeNotification. The
// emulator stores them and enforces Expiration (the parameter is deleted once its timestamp has passed);
// notifications have no target here and stay Pending.
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <variant>

#include "common/clock.hpp"
#include "protocol/api_types.hpp"
#include "protocol/result.hpp"

namespace chokepoint {

inline constexpr std::size_t kMaxPolicies = 10;

struct ParsedPolicies {
  std::optional<TimePoint> expiration;
  std::size_t count = 0;
};

// Checks a Policies member (a JSON array of {Type, Version, Attributes}); "[]" clears the policies.
Result<ParsedPolicies> parse_policies(std::string_view text);

// The ParameterInlinePolicy list that DescribeParameters and GetParameterHistory report.
nlohmann::json inline_policies(std::string_view text);

}  // namespace chokepoint
