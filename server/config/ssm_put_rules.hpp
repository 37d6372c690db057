#pragma once
// PutParameter's input and the rules that need no stored state (name, enums, lengths, value size, allowed
// pattern), shared by the SSM service and the config loader, which runs them on the seed parameters.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "config/ssm_settings.hpp"
#include "protocol/api_types.hpp"

namespace chokepoint {

inline constexpr std::size_t kStandardValueBytes = 4096;
inline constexpr std::size_t kAdvancedValueBytes = 8192;

struct PutInput {
  std::string name;
  std::string value;
  std::optional<std::string> type;
  std::optional<std::string> key_id;
  std::optional<std::string> description;
  std::optional<std::string> allowed_pattern;
  std::optional<std::string> tier;
  std::optional<std::string> data_type;
  std::optional<std::string> policies;
  bool overwrite = false;
  std::map<std::string, std::string> tags;
};

PutInput put_input_from_seed(const SsmSeedParameter& seed);

// The stateless rules, in the order AWS reports them.
std::optional<ApiError> check_put_input(const PutInput& input, std::string_view account, std::string_view region);

// ParameterPatternMismatchException when `value` does not match all of `pattern` (a regular expression);
// InvalidAllowedPatternException when `pattern` is not one. An empty pattern allows anything.
std::optional<ApiError> check_allowed_pattern(const std::string& pattern, const std::string& value);
// The Standard tier's 4 KB limit.
ApiError standard_tier_too_small();

}  // namespace chokepoint
