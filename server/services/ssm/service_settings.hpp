#pragma once
// Parameter Store's service settings (GetServiceSetting, UpdateServiceSetting, ResetServiceSetting):
// /ssm/parameter-store/high-throughput-enabled switches the account-region to the high-throughput rate
// limits at once; /ssm/parameter-store/default-parameter-tier is the tier of PutParameter calls that name
// none. Other Systems Manager settings are outside Parameter Store and answer ServiceSettingNotFound.
#include <string>
#include <string_view>

#include "services/ssm/parameter_store.hpp"

namespace chokepoint {

inline constexpr std::string_view kHighThroughputSetting = "/ssm/parameter-store/high-throughput-enabled";
inline constexpr std::string_view kDefaultTierSetting = "/ssm/parameter-store/default-parameter-tier";

// The setting's current value: the customized one, else AWS's default.
std::string setting_value(const ParameterStore& store, std::string_view setting_id);
bool high_throughput_enabled(const ParameterStore& store);

}  // namespace chokepoint
