#pragma once
// Typed reads of EC2 request parameters that answer with EC2's own errors, and the DryRun check every
// action makes once its input has been validated.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "protocol/api_types.hpp"
#include "protocol/result.hpp"

namespace chokepoint {

// The strings of a list parameter (InstanceId.N, ...), empty when absent. Non-string entries are skipped.
std::vector<std::string> param_strings(const nlohmann::json& params, std::string_view key);
// The same list with duplicates removed, first occurrence kept.
std::vector<std::string> distinct_param_strings(const nlohmann::json& params, std::string_view key);

// An optional boolean: leaves `out` alone when absent, InvalidParameterValue when not true/false.
std::optional<ApiError> read_flag(const nlohmann::json& params, std::string_view key, bool& out);
// A string parameter that must be present and non-empty: MissingParameter otherwise.
Result<std::string> read_required_string(const nlohmann::json& params, std::string_view key);
// An optional AttributeBooleanValue (KEY.Value=true): leaves `out` alone when absent, InvalidParameterValue when
// its Value is not true/false.
std::optional<ApiError> read_attribute_flag(const nlohmann::json& params, std::string_view key,
                                            std::optional<bool>& out);
// An optional integer: InvalidParameterValue when it is not one.
std::optional<ApiError> read_integer(const nlohmann::json& params, std::string_view key, std::optional<long long>& out);

// DryRunOperation (412) when DryRun=true; InvalidParameterValue when DryRun is not a boolean. Call it after
// validating the input and before changing anything: a dry run reports what the real call would do.
std::optional<ApiError> check_dry_run(const nlohmann::json& params);

}  // namespace chokepoint
