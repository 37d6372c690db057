#pragma once
// PutParameter's input read from a request. PutInput and the rules that need no stored state are in
// config/ssm_put_rules.hpp, shared with the config loader's checks of seed parameters.
#include <nlohmann/json.hpp>
#include <string_view>
#include <variant>

#include "config/ssm_put_rules.hpp"
#include "protocol/api_types.hpp"
#include "protocol/result.hpp"

namespace chokepoint {

inline constexpr std::string_view kDefaultKeyId = "alias/aws/ssm";

Result<PutInput> read_put_input(const nlohmann::json& params);

}  // namespace chokepoint
