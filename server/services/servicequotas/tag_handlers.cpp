// TagResource, UntagResource and ListTagsForResource, on the ARN of an applied quota of the caller's account and
// Region.
#include <cctype>

#include "common/strings.hpp"
#include "protocol/params.hpp"
#include "services/servicequotas/quota_call.hpp"
#include "services/servicequotas/quota_errors.hpp"
#include "services/servicequotas/quota_input.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kQuotaTagPattern = "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$";

// Letters, digits and spaces (any non-ASCII byte counts as a letter of UTF-8 text), and _ . : / = + - @.
bool quota_tag_text_ok(std::string_view text) {
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || std::isalnum(u) || c == ' ' || std::string_view("_.:/=+-@").find(c) != std::string_view::npos) {
      continue;
    }
    return false;
  }
  return true;
}

Result<QuotaRef> tagged_quota(const QuotaCall& call) {
  bool bad = false;
  const auto arn = param_string(call.request.params, "ResourceARN", &bad);
  if (bad) return quotas_serialization_error("ResourceARN");
  if (!arn) return quotas_missing_member("ResourceARN");
  const std::vector<std::string_view> parts = split(*arn, ':');
  if (arn->size() > 1011 || !quota_arn_shaped(parts)) {
    return quotas_constraint_error(
        *arn, "ResourceARN", "Member must satisfy regular expression pattern: arn:aws(-[\\w]+)*:*:.+:[0-9]{12}:.+");
  }
  const std::string resource(parts[5]);
  const auto slash = resource.find('/');
  QuotaRef ref{std::string(parts[4]), std::string(parts[3]), resource.substr(0, slash),
               slash == std::string::npos ? std::string() : resource.substr(slash + 1)};
  if (parts.size() != 6 || parts[2] != "servicequotas" || ref.account != call.account() ||
      ref.region != call.region() || !find_quota_definition(call.ctx.config, ref.service_code, ref.quota_code)) {
    return quotas_error("NoSuchResourceException", "The resource " + *arn + " does not exist.");
  }
  return ref;
}

Result<QuotaTagSet> input_quota_tags(const nlohmann::json& params) {
  const nlohmann::json* list = param(params, "Tags");
  if (!list) return quotas_missing_member("Tags");
  if (!list->is_array()) return quotas_serialization_error("Tags");
  if (list->empty()) return quotas_constraint_error("[]", "Tags", "Member must have length greater than or equal to 1");
  QuotaTagSet tags;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const nlohmann::json& tag = (*list)[i];
    const std::string at = "Tags." + std::to_string(i + 1) + ".member.";
    if (!tag.is_object()) return quotas_serialization_error("Tags");
    bool bad = false;
    const auto key = param_string(tag, "Key", &bad);
    const auto value = param_string(tag, "Value", &bad);
    if (bad) return quotas_serialization_error("Tags");
    if (!key) return quotas_missing_member(at + "key");
    if (!value) return quotas_missing_member(at + "value");
    if (key->empty() || key->size() > 128) {
      return quotas_constraint_error(*key, at + "key", "Member must have length between 1 and 128");
    }
    if (value->size() > 256) {
      return quotas_constraint_error(*value, at + "value", "Member must have length less than or equal to 256");
    }
    for (const auto& [text, member] : {std::pair{*key, at + "key"}, std::pair{*value, at + "value"}}) {
      if (!quota_tag_text_ok(text)) {
        return quotas_constraint_error(
            text, member, "Member must satisfy regular expression pattern: " + std::string(kQuotaTagPattern));
      }
    }
    tags[*key] = *value;
  }
  return tags;
}

}  // namespace

ApiResult tag_resource(QuotaCall& call) {
  auto quota = tagged_quota(call);
  if (!quota) return quota.error();
  auto tags = input_quota_tags(call.request.params);
  if (!tags) return tags.error();
  if (!call.tags.add(*quota, *tags)) {
    return quotas_error("TooManyTagsException", "A quota can have at most " + std::to_string(kMaxQuotaTags) + " tags.");
  }
  return ApiResponse{};
}

ApiResult untag_resource(QuotaCall& call) {
  auto quota = tagged_quota(call);
  if (!quota) return quota.error();
  const nlohmann::json* list = param(call.request.params, "TagKeys");
  if (!list) return quotas_missing_member("TagKeys");
  if (!list->is_array()) return quotas_serialization_error("TagKeys");
  std::vector<std::string> keys;
  for (const nlohmann::json& key : *list) {
    if (!key.is_string()) return quotas_serialization_error("TagKeys");
    const std::string text = key.get<std::string>();
    if (text.empty() || text.size() > 128) {
      return quotas_constraint_error(text, "TagKeys", "Member must have length between 1 and 128");
    }
    keys.push_back(text);
  }
  call.tags.remove(*quota, keys);
  return ApiResponse{};
}

ApiResult list_tags_for_resource(QuotaCall& call) {
  auto quota = tagged_quota(call);
  if (!quota) return quota.error();
  ApiResponse response;
  nlohmann::json& list = response.body["Tags"] = nlohmann::json::array();
  for (const auto& [key, value] : call.tags.get(*quota)) list.push_back({{"Key", key}, {"Value", value}});
  return response;
}

}  // namespace chokepoint
