#include "services/ssm/ssm_tags.hpp"

#include <algorithm>
#include <cctype>

#include "services/ssm/ssm_errors.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kTagPattern =
    "Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$";

// One tag's member: a string of the right length and characters, else the first problem is recorded.
std::optional<std::string> tag_member(SsmParams& params, const nlohmann::json& tag, const std::string& path,
                                      const char* name, std::size_t min, std::size_t max) {
  const auto it = tag.find(name);
  if (it == tag.end() || it->is_null()) {
    params.fail(missing_member(path + name));
    return std::nullopt;
  }
  if (!it->is_string()) {
    params.fail(serialization_error(name));
    return std::nullopt;
  }
  std::string text = it->get<std::string>();
  params.check_length(text, path + name, min, max);
  if (!is_valid_tag_text(text)) params.fail(constraint_error(text, path + name, kTagPattern));
  return params.ok() ? std::optional<std::string>(std::move(text)) : std::nullopt;
}

}  // namespace

bool is_valid_tag_text(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    // Bytes >= 0x80 belong to non-ASCII letters, digits or spaces (the model's \p{L}\p{Z}\p{N}).
    return c >= 0x80 || std::isalnum(c) || c == ' ' || std::string_view("_.:/=+-@").find(ch) != std::string_view::npos;
  });
}

std::optional<std::map<std::string, std::string>> read_tags(SsmParams& params, std::string_view key, bool required) {
  const nlohmann::json* list = params.object_list(key, required);
  if (!list) return std::nullopt;
  params.check_count(list->size(), key, "[...]", 0, 1000);
  std::map<std::string, std::string> tags;
  for (std::size_t i = 0; i < list->size() && params.ok(); ++i) {
    const std::string path = std::string(key) + "." + std::to_string(i + 1) + ".member.";
    auto tag_key = tag_member(params, (*list)[i], path, "Key", 1, 128);
    auto tag_value = tag_key ? tag_member(params, (*list)[i], path, "Value", 0, 256) : std::nullopt;
    if (tag_key && tag_value) tags[*tag_key] = *tag_value;
  }
  if (!params.ok()) return std::nullopt;
  return tags;
}

}  // namespace chokepoint
