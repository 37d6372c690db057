#include "services/dynamodb/table_tags.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "common/strings.hpp"
#include "common/utf8.hpp"

#include "services/dynamodb/item_operations.hpp"

namespace chokepoint {

namespace {

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Tagging.html: 50 tags per resource; keys and
// values hold "letters, whitespace, and numbers representable in UTF-8, plus the following special characters:
// + - = . _ : /"; the aws: prefix is reserved for AWS's own tags.
constexpr std::size_t kMaxTableTags = 50;

// Whether every character is one Tagging.html allows. Characters beyond ASCII are taken as letters: the
// emulator does not carry Unicode's letter tables, and no client relies on a non-ASCII symbol being refused.
bool allowed_tag_text(std::string_view text) {
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u) || std::isspace(u)) continue;
    if (std::string_view("+-=._:/").find(c) == std::string_view::npos) return false;
  }
  return is_valid_utf8(text);
}

Problem tag_problem(const std::string& key, const std::string& value) {
  if (key.size() >= 4 && iequals(std::string_view(key).substr(0, 4), "aws:")) {
    return "One or more parameter values were invalid: Tag keys starting with 'aws:' are reserved for AWS use: " + key;
  }
  if (!allowed_tag_text(key)) {
    return "One or more parameter values were invalid: Tag key " + key +
           " has a character other than letters, numbers, whitespace and + - = . _ : /";
  }
  if (!allowed_tag_text(value)) {
    return "One or more parameter values were invalid: The value of tag " + key +
           " has a character other than letters, numbers, whitespace and + - = . _ : /";
  }
  return {};
}

}  // namespace

Problem add_table_tags(TableTags& tags, const nlohmann::json& given) {
  TableTags merged = tags;
  for (const auto& tag : given) {
    const std::string key = param_str(tag, "Key");
    std::string value = param_str(tag, "Value");
    if (auto problem = tag_problem(key, value)) return problem;
    auto it = std::find_if(merged.begin(), merged.end(), [&](const auto& t) { return t.first == key; });
    if (it != merged.end()) {
      it->second = std::move(value);
    } else {
      merged.emplace_back(key, std::move(value));
    }
  }
  if (merged.size() > kMaxTableTags) {
    return "One or more parameter values were invalid: The number of tags exceeds the limit of " +
           std::to_string(kMaxTableTags);
  }
  tags = std::move(merged);
  return {};
}

}  // namespace chokepoint
