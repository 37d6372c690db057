#include "config/quota_codes.hpp"

#include <cctype>

namespace chokepoint {

std::string quota_code_for(std::string_view quota_key) {
  std::string code = "CP-";
  for (char c : quota_key) code.push_back(std::isalnum(static_cast<unsigned char>(c)) || c == '-' ? c : '-');
  return code;
}

std::optional<std::string> quota_key_for_code(const ServiceThrottling& throttling, std::string_view quota_code) {
  for (const LimitGroup& group : throttling.groups) {
    if (!group.unlimited && quota_code_for(group.name) == quota_code) return group.name;
  }
  if (quota_code_for("default") == quota_code) return std::string("default");
  for (const auto& [action, limit] : throttling.resources) {
    if (quota_code_for("resource:" + action) == quota_code) return "resource:" + action;
  }
  return std::nullopt;
}

}  // namespace chokepoint
