#include "services/dynamodb/table_tags.hpp"

#include <algorithm>

#include "services/dynamodb/item_operations.hpp"

namespace chokepoint {

namespace {

// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Tagging.html: 50 tags per resource.
constexpr std::size_t kMaxTableTags = 50;

}  // namespace

Problem add_table_tags(TableTags& tags, const nlohmann::json& given) {
  TableTags merged = tags;
  for (const auto& tag : given) {
    const std::string key = param_str(tag, "Key");
    std::string value = param_str(tag, "Value");
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
