#include "services/ssm/service_settings.hpp"

#include <array>

#include "common/strings.hpp"
#include "common/time_format.hpp"
#include "services/ssm/ssm_call.hpp"
#include "services/ssm/ssm_errors.hpp"
#include "services/ssm/ssm_params.hpp"

namespace chokepoint {

namespace {

struct SettingSpec {
  std::string_view id;
  std::string_view default_value;
  std::array<std::string_view, 3> allowed;  // compared case-insensitively, stored as spelled here
};

constexpr std::array<SettingSpec, 2> kSettings = {{
    {kHighThroughputSetting, "false", {"true", "false", ""}},
    {kDefaultTierSetting, "Standard", {"Standard", "Advanced", "Intelligent-Tiering"}},
}};

const SettingSpec* find_spec(std::string_view id) {
  for (const auto& spec : kSettings) {
    if (spec.id == id) return &spec;
  }
  return nullptr;
}

// "/ssm/..." from either the bare id or "arn:aws:ssm:REGION:ACCOUNT:servicesetting/ssm/...".
std::string setting_id_of(std::string_view text) {
  constexpr std::string_view kMarker = ":servicesetting";
  if (text.rfind("arn:", 0) == 0) {
    const auto at = text.find(kMarker);
    if (at != std::string_view::npos) return std::string(text.substr(at + kMarker.size()));
  }
  return std::string(text);
}

struct SettingRequest {
  const SettingSpec* spec = nullptr;
  std::optional<ApiError> error;
};

SettingRequest read_setting(SsmParams& params) {
  const std::string raw = params.required_string("SettingId");
  if (params.ok()) params.check_length(raw, "SettingId", 1, 1000);
  if (!params.ok()) return {nullptr, params.error()};
  const std::string id = setting_id_of(raw);
  const SettingSpec* spec = find_spec(id);
  if (!spec) {
    return {nullptr, ssm_error("ServiceSettingNotFound",
                               "The specified service setting wasn't found: " + id +
                                   ". Either the service name or the setting hasn't been provisioned by the AWS "
                                   "service team.")};
  }
  return {spec, std::nullopt};
}

nlohmann::json setting_json(const SsmCall& call, const SettingSpec& spec) {
  const auto& settings = call.store.settings();
  const auto it = settings.find(std::string(spec.id));
  nlohmann::json out = {
      {"SettingId", spec.id},
      {"ARN", "arn:aws:ssm:" + call.region() + ":" + call.account() + ":servicesetting" + std::string(spec.id)},
  };
  if (it == settings.end()) {
    out["SettingValue"] = spec.default_value;
    out["Status"] = "Default";
    out["LastModifiedUser"] = "System";
  } else {
    out["SettingValue"] = it->second.value;
    out["Status"] = "Customized";
    out["LastModifiedUser"] = it->second.user;
    out["LastModifiedDate"] = epoch_seconds(it->second.modified);
  }
  return out;
}

}  // namespace

std::string setting_value(const ParameterStore& store, std::string_view setting_id) {
  const auto it = store.settings().find(std::string(setting_id));
  if (it != store.settings().end()) return it->second.value;
  const SettingSpec* spec = find_spec(setting_id);
  return spec ? std::string(spec->default_value) : std::string();
}

bool high_throughput_enabled(const ParameterStore& store) {
  return setting_value(store, kHighThroughputSetting) == "true";
}

ApiResult get_service_setting(SsmCall& call) {
  SsmParams params(call.request.params);
  const SettingRequest setting = read_setting(params);
  if (setting.error) return *setting.error;
  ApiResponse response;
  response.body["ServiceSetting"] = setting_json(call, *setting.spec);
  return response;
}

ApiResult update_service_setting(SsmCall& call) {
  SsmParams params(call.request.params);
  const SettingRequest setting = read_setting(params);
  if (setting.error) return *setting.error;
  const std::string value = params.required_string("SettingValue");
  if (params.ok()) params.check_length(value, "SettingValue", 1, 4096);
  if (!params.ok()) return params.error();
  for (auto allowed : setting.spec->allowed) {
    if (!allowed.empty() && iequals(allowed, value)) {
      call.store.settings()[std::string(setting.spec->id)] = {std::string(allowed), call.ctx.now, call.caller_arn()};
      return ApiResponse{};
    }
  }
  std::string choices;
  for (auto allowed : setting.spec->allowed) {
    if (allowed.empty()) continue;
    choices += choices.empty() ? "" : ", ";
    choices += allowed;
  }
  return validation_error("The value " + value + " isn't valid for the setting " + std::string(setting.spec->id) +
                          ". Valid values: " + choices + ".");
}

ApiResult reset_service_setting(SsmCall& call) {
  SsmParams params(call.request.params);
  const SettingRequest setting = read_setting(params);
  if (setting.error) return *setting.error;
  call.store.settings().erase(std::string(setting.spec->id));
  ApiResponse response;
  response.body["ServiceSetting"] = setting_json(call, *setting.spec);
  return response;
}

}  // namespace chokepoint
