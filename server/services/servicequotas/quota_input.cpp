#include "services/servicequotas/quota_input.hpp"

#include <algorithm>
#include <cctype>

#include "common/base64.hpp"
#include "common/strings.hpp"
#include "protocol/params.hpp"
#include "services/servicequotas/quota_errors.hpp"

namespace chokepoint {

namespace {

struct QuotaIdRule {
  std::size_t max_length;
  bool digit_first;  // may the first character be a digit
  std::string_view pattern;
};

QuotaIdRule quota_id_rule(QuotaIdKind kind) {
  switch (kind) {
    case QuotaIdKind::kServiceCode:
      return {63, false, "[a-zA-Z][a-zA-Z0-9-]{1,63}"};
    case QuotaIdKind::kQuotaCode:
      return {128, false, "[a-zA-Z][a-zA-Z0-9-]{1,128}"};
    case QuotaIdKind::kRegion:
      return {64, false, "[a-zA-Z][a-zA-Z0-9-]{1,128}"};
    case QuotaIdKind::kRequestId:
      break;
  }
  return {128, true, "[0-9a-zA-Z][a-zA-Z0-9-]{1,128}"};
}

bool matches_quota_id(std::string_view text, const QuotaIdRule& rule) {
  if (text.size() < 2) return false;
  const auto first = static_cast<unsigned char>(text.front());
  if (!(std::isalpha(first) || (rule.digit_first && std::isdigit(first)))) return false;
  for (char c : text.substr(1)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
  }
  return true;
}

Result<std::string> checked_quota_id(std::string value, std::string_view member, QuotaIdKind kind) {
  const QuotaIdRule rule = quota_id_rule(kind);
  if (value.empty()) {
    return quotas_constraint_error(value, member, "Member must have length greater than or equal to 1");
  }
  if (value.size() > rule.max_length) {
    return quotas_constraint_error(value, member,
                                   "Member must have length less than or equal to " + std::to_string(rule.max_length));
  }
  if (!matches_quota_id(value, rule)) {
    return quotas_constraint_error(value, member,
                                   "Member must satisfy regular expression pattern: " + std::string(rule.pattern));
  }
  return value;
}

}  // namespace

bool quota_arn_shaped(const std::vector<std::string_view>& parts) {
  if (parts.size() < 6 || parts[0] != "arn" || parts[1].substr(0, 3) != "aws" || parts[4].size() != 12) return false;
  for (char c : parts[4]) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !parts[5].empty();
}

Result<std::optional<std::string>> optional_quota_arn(const nlohmann::json& params, std::string_view member) {
  bool bad = false;
  auto arn = param_string(params, member, &bad);
  if (bad) return quotas_serialization_error(member);
  if (!arn) return std::optional<std::string>();
  if (arn->empty() || arn->size() > 1011 || !quota_arn_shaped(split(*arn, ':'))) {
    return quotas_constraint_error(
        *arn, member, "Member must satisfy regular expression pattern: arn:aws(-[\\w]+)*:*:.+:[0-9]{12}:.+");
  }
  return arn;
}

Result<std::optional<std::string>> optional_quota_id(const nlohmann::json& params, std::string_view member,
                                                     QuotaIdKind kind) {
  bool bad = false;
  auto value = param_string(params, member, &bad);
  if (bad) return quotas_serialization_error(member);
  if (!value) return std::optional<std::string>();
  auto checked = checked_quota_id(std::move(*value), member, kind);
  if (!checked) return checked.error();
  return std::optional<std::string>(std::move(*checked));
}

Result<std::string> required_quota_id(const nlohmann::json& params, std::string_view member, QuotaIdKind kind) {
  auto value = optional_quota_id(params, member, kind);
  if (!value) return value.error();
  if (!*value) return quotas_missing_member(member);
  return std::move(**value);
}

Result<std::optional<std::string>> optional_quota_enum(const nlohmann::json& params, std::string_view member,
                                                       std::initializer_list<std::string_view> values) {
  bool bad = false;
  auto value = param_string(params, member, &bad);
  if (bad) return quotas_serialization_error(member);
  if (!value) return std::optional<std::string>();
  std::string allowed;
  for (std::string_view v : values) {
    if (v == *value) return std::optional<std::string>(std::move(*value));
    allowed += (allowed.empty() ? "" : ", ") + std::string(v);
  }
  return quotas_constraint_error(*value, member, "Member must satisfy enum value set: [" + allowed + "]");
}

Result<double> required_quota_value(const nlohmann::json& params, std::string_view member) {
  bool bad = false;
  const auto value = param_double(params, member, &bad);
  if (bad) return quotas_serialization_error(member);
  if (!value) return quotas_missing_member(member);
  const std::string text = nlohmann::json(*value).dump();
  if (*value < 0) return quotas_constraint_error(text, member, "Member must have value greater than or equal to 0");
  if (*value > 1e10) {
    return quotas_constraint_error(text, member, "Member must have value less than or equal to 1.0E10");
  }
  return *value;
}

Result<QuotaPage> quota_page(const nlohmann::json& params, std::size_t total, long long most) {
  bool bad = false;
  const auto max_results = param_int(params, "MaxResults", &bad);
  if (bad) return quotas_serialization_error("MaxResults");
  if (max_results && *max_results < 1) {
    return quotas_constraint_error(std::to_string(*max_results), "MaxResults",
                                   "Member must have value greater than or equal to 1");
  }
  if (max_results && *max_results > most) {
    return quotas_constraint_error(std::to_string(*max_results), "MaxResults",
                                   "Member must have value less than or equal to " + std::to_string(most));
  }
  const auto token = param_string(params, "NextToken", &bad);
  if (bad) return quotas_serialization_error("NextToken");
  QuotaPage page;
  if (token) {
    std::string decoded;
    long long offset = 0;
    if (!base64_decode(*token, decoded) || !parse_int64(decoded, offset) || offset < 0 ||
        static_cast<std::size_t>(offset) > total) {
      return invalid_pagination_token();
    }
    page.begin = static_cast<std::size_t>(offset);
  }
  const std::size_t limit = static_cast<std::size_t>(max_results.value_or(most));
  page.end = std::min(total, page.begin + limit);
  if (page.end < total) page.next_token = base64_encode(std::to_string(page.end));
  return page;
}

}  // namespace chokepoint
