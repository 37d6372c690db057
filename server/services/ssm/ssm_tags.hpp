#pragma once
// Tag lists as PutParameter and AddTagsToResource take them: [{Key, Value}], checked against the model's
// lengths and character set. A resource holds at most 50 tags.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "services/ssm/ssm_params.hpp"

namespace chokepoint {

inline constexpr std::size_t kMaxTagsPerResource = 50;

// Reads `key` as a tag list (later duplicates win). Problems are recorded in `params`.
std::optional<std::map<std::string, std::string>> read_tags(SsmParams& params, std::string_view key, bool required);

// Letters, digits, spaces (any script) and _ . : / = + - @.
bool is_valid_tag_text(std::string_view text);

}  // namespace chokepoint
