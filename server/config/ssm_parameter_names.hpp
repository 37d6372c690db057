#pragma once
// Parameter names: AWS's naming rules, the lookup key, hierarchy levels, ARNs, and the references the read
// operations accept ("name", "name:3", "name:label", or the parameter's ARN). Pure functions, shared by the SSM
// service and the config loader, which checks seed parameters' names with the same rules.
#include <optional>
#include <string>
#include <string_view>

#include "protocol/api_types.hpp"
#include "protocol/result.hpp"

namespace chokepoint {

inline constexpr int kMaxHierarchyLevels = 15;
// The longest name a caller may give, counting the ARN prefix "arn:aws:ssm:REGION:ACCOUNT:parameter/".
inline constexpr std::size_t kMaxNameWithArnPrefix = 1011;

// Shape and character rules every reference obeys: letters, digits, _ . - and '/', a leading '/' on any
// hierarchical name, no empty levels, at most 15 levels.
std::optional<ApiError> check_name(std::string_view name);
// check_name plus what only creating a parameter checks: the reserved "aws"/"ssm" prefixes and the length
// limit that counts the ARN prefix.
std::optional<ApiError> check_new_name(std::string_view name, std::string_view account, std::string_view region);
// The path of GetParametersByPath and of Path filters: '/'-rooted, a trailing '/' allowed.
std::optional<ApiError> check_path(std::string_view path);

// The store key: one spelling for "name" and "/name" (AWS treats them as the same parameter).
std::string name_key(std::string_view name);
// The path a key lives under: "/a/b" for "/a/b/c", "/" for "/c".
std::string_view parent_path(std::string_view key);
int hierarchy_levels(std::string_view name);

std::string parameter_arn(std::string_view account, std::string_view region, std::string_view name);

// Labels: 1-100 of letters, digits, _ . -; not starting with a digit, "aws" or "ssm" (any case).
bool is_valid_label(std::string_view label);

// A read reference, split into the name and its selector.
struct ParameterRef {
  std::string name;      // without selector; an ARN is turned back into the name
  std::string selector;  // ":3" or ":label", empty for the latest version
  std::optional<long long> version;
  std::string label;
  bool foreign = false;  // an ARN of another account or region: nothing there is visible
};

Result<ParameterRef> parse_reference(std::string_view text, std::string_view account,
                                                     std::string_view region);

}  // namespace chokepoint
