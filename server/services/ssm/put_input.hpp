#pragma once
// PutParameter's input: read from a request or a configured seed, and the rules that need no stored state
// (name, enums, lengths, value size, allowed pattern). The config loader runs the same rules on seeds.
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "config/ssm_settings.hpp"
#include "protocol/api_types.hpp"

namespace chokepoint {

inline constexpr std::size_t kStandardValueBytes = 4096;
inline constexpr std::size_t kAdvancedValueBytes = 8192;
inline constexpr std::string_view kDefaultKeyId = "alias/aws/ssm";

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

std::variant<PutInput, ApiError> read_put_input(const nlohmann::json& params);
PutInput put_input_from_seed(const SsmSeedParameter& seed);

// The stateless rules, in the order AWS reports them.
std::optional<ApiError> check_put_input(const PutInput& input, std::string_view account, std::string_view region);

// ParameterPatternMismatchException when `value` does not match all of `pattern` (a regular expression);
// InvalidAllowedPatternException when `pattern` is not one. An empty pattern allows anything.
std::optional<ApiError> check_allowed_pattern(const std::string& pattern, const std::string& value);
// The Standard tier's 4 KB limit.
ApiError standard_tier_too_small();

}  // namespace chokepoint
