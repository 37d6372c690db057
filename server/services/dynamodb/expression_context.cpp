#include "services/dynamodb/expression_context.hpp"

namespace chokepoint {

const std::string* ExpressionContext::name(const std::string& token) {
  const auto it = names_.find(token);
  if (it == names_.end()) return nullptr;
  used_names_.insert(token);
  return &it->second;
}

const AttrValue* ExpressionContext::value(const std::string& token) {
  const AttrValue* v = values_.find(token);
  if (v) used_values_.insert(token);
  return v;
}

std::string ExpressionContext::unused_message() const {
  auto list = [](const auto& all, const std::set<std::string>& used) {
    std::string keys;
    for (const auto& entry : all) {
      if (used.count(entry.first)) continue;
      if (!keys.empty()) keys.append(", ");
      keys.append(entry.first);
    }
    return keys;
  };
  if (auto keys = list(names_, used_names_); !keys.empty()) {
    return "Value provided in ExpressionAttributeNames unused in expressions: keys: {" + keys + "}";
  }
  if (auto keys = list(values_, used_values_); !keys.empty()) {
    return "Value provided in ExpressionAttributeValues unused in expressions: keys: {" + keys + "}";
  }
  return {};
}

}  // namespace chokepoint
