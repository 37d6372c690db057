#pragma once
// ParameterStringFilter lists (DescribeParameters and GetParametersByPath, each allowing its own keys and
// options) and DescribeParameters' deprecated Filters, checked with AWS's errors (InvalidFilterKey,
// InvalidFilterOption, InvalidFilterValue, ValidationException) and matched against stored parameters.
#include <nlohmann/json.hpp>
#include <string>
#include <variant>
#include <vector>

#include "protocol/api_types.hpp"
#include "protocol/result.hpp"
#include "services/ssm/parameter_store.hpp"

namespace chokepoint {

struct StringFilter {
  std::string key;     // Name, Type, KeyId, Path, Tier, DataType, Label or tag:KEY
  std::string option;  // Equals, BeginsWith, Contains, Recursive or OneLevel (defaults filled in)
  std::vector<std::string> values;
};

enum class FilterScope { kDescribeParameters, kGetParametersByPath };

// `list` may be null (no filters).
Result<std::vector<StringFilter>> read_string_filters(const nlohmann::json* list, FilterScope scope);
// The deprecated Filters: [{Key: Name|Type|KeyId, Values}], Name matching by prefix.
Result<std::vector<StringFilter>> read_legacy_filters(const nlohmann::json* list);

// True when every filter other than Label holds, judging version attributes on `v`.
bool matches_filters(const StoredParameter& p, const ParameterVersion& v, const std::vector<StringFilter>& filters);
// The Label filter of `filters`, if any.
const StringFilter* label_filter(const std::vector<StringFilter>& filters);
// The version that carries one of the filter's labels (and its ":label" selector), or nullptr.
const ParameterVersion* labelled_version(const StoredParameter& p, const StringFilter& filter, std::string& selector);

}  // namespace chokepoint
