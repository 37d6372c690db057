// StartAutoManagement, GetAutoManagementConfiguration, UpdateAutoManagement and StopAutoManagement. Automatic
// Management is an account-level feature (OptInLevel ACCOUNT), open to an account outside an organization, so these
// work for every account. The model lists no error for a configuration that does not exist; Update on an account
// that never started gets NoSuchResourceException (unconfirmed), Stop is idempotent, and Get answers
// OptInStatus DISABLED.
#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "protocol/params.hpp"
#include "services/servicequotas/auto_management.hpp"
#include "services/servicequotas/quota_call.hpp"
#include "services/servicequotas/quota_errors.hpp"
#include "services/servicequotas/quota_input.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kExcludedPattern = "[A-Za-z0-9-_ /]{1,128}";

bool excluded_name_ok(std::string_view text) {
  if (text.empty() || text.size() > 128) return false;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (!std::isalnum(u) && std::string_view("-_ /").find(c) == std::string_view::npos) return false;
  }
  return true;
}

// ExclusionList when present: a map of service codes to quota codes, each of which must name a quota here.
Result<std::optional<std::map<std::string, std::vector<std::string>>>> input_exclusions(const QuotaCall& call) {
  using Exclusions = std::map<std::string, std::vector<std::string>>;
  const nlohmann::json* list = param(call.request.params, "ExclusionList");
  if (!list) return std::optional<Exclusions>();
  if (!list->is_object()) return quotas_serialization_error("ExclusionList");
  Exclusions out;
  for (const auto& item : list->items()) {
    const std::string& service = item.key();
    if (!excluded_name_ok(service)) {
      return quotas_constraint_error(service, "ExclusionList",
                                     "Map keys must satisfy regular expression pattern: " + std::string(kExcludedPattern));
    }
    if (!item.value().is_array()) return quotas_serialization_error("ExclusionList");
    if (service_quota_definitions(call.ctx.config, service).empty()) return no_such_service(service);
    std::vector<std::string>& codes = out[service];
    for (const nlohmann::json& code : item.value()) {
      if (!code.is_string()) return quotas_serialization_error("ExclusionList");
      const std::string text = code.get<std::string>();
      if (!excluded_name_ok(text)) {
        return quotas_constraint_error(text, "ExclusionList",
                                       "Member must satisfy regular expression pattern: " + std::string(kExcludedPattern));
      }
      if (!find_quota_definition(call.ctx.config, service, text)) return no_such_quota(service, text);
      codes.push_back(text);
    }
  }
  return std::optional<Exclusions>(std::move(out));
}

// The fields Start and Update share: OptInType, NotificationArn and ExclusionList, laid over `config`.
Result<bool> apply_auto_management_input(const QuotaCall& call, AutoManagementConfig& config) {
  auto type = optional_quota_enum(call.request.params, "OptInType", {"NotifyOnly", "NotifyAndAdjust"});
  if (!type) return type.error();
  auto arn = optional_quota_arn(call.request.params, "NotificationArn");
  if (!arn) return arn.error();
  auto exclusions = input_exclusions(call);
  if (!exclusions) return exclusions.error();
  if (*type) config.opt_in_type = **type;
  if (*arn) config.notification_arn = **arn;
  if (*exclusions) config.exclusions = std::move(**exclusions);
  return true;
}

nlohmann::json exclusions_json(const QuotaCall& call, const AutoManagementConfig& config) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [service, codes] : config.exclusions) {
    nlohmann::json& list = out[service] = nlohmann::json::array();
    for (const std::string& code : codes) {
      const auto quota = find_quota_definition(call.ctx.config, service, code);
      list.push_back({{"QuotaCode", code}, {"QuotaName", quota ? quota->quota_name : code}});
    }
  }
  return out;
}

}  // namespace

ApiResult start_auto_management(QuotaCall& call) {
  auto level = optional_quota_enum(call.request.params, "OptInLevel", {"ACCOUNT"});
  if (!level) return level.error();
  if (!*level) return quotas_missing_member("OptInLevel");
  if (!param(call.request.params, "OptInType")) return quotas_missing_member("OptInType");
  AutoManagementConfig config;
  auto applied = apply_auto_management_input(call, config);
  if (!applied) return applied.error();
  call.auto_management.put(call.account(), call.region(), std::move(config));
  return ApiResponse{};
}

ApiResult get_auto_management_configuration(QuotaCall& call) {
  ApiResponse response;
  const auto config = call.auto_management.get(call.account(), call.region());
  if (!config) {
    response.body["OptInStatus"] = "DISABLED";
    return response;
  }
  response.body = {{"OptInLevel", config->opt_in_level},
                   {"OptInType", config->opt_in_type},
                   {"OptInStatus", "ENABLED"},
                   {"ExclusionList", exclusions_json(call, *config)}};
  if (!config->notification_arn.empty()) response.body["NotificationArn"] = config->notification_arn;
  return response;
}

ApiResult update_auto_management(QuotaCall& call) {
  auto config = call.auto_management.get(call.account(), call.region());
  if (!config) {
    return quotas_error("NoSuchResourceException",
                        "Automatic Management is not started for this account. Call StartAutoManagement first.");
  }
  auto applied = apply_auto_management_input(call, *config);
  if (!applied) return applied.error();
  call.auto_management.put(call.account(), call.region(), std::move(*config));
  return ApiResponse{};
}

ApiResult stop_auto_management(QuotaCall& call) {
  call.auto_management.erase(call.account(), call.region());
  return ApiResponse{};
}

}  // namespace chokepoint
