#pragma once
// Typed reads of decoded parameters. JSON protocols carry native types; query/EC2 carry strings
// ("5", "true"), so each reader accepts both forms. A present value of the wrong form yields
// std::nullopt and sets `*bad` when given, so handlers can answer with their service's validation error.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace chokepoint {

const nlohmann::json* param(const nlohmann::json& params, std::string_view key);
std::optional<std::string> param_string(const nlohmann::json& params, std::string_view key, bool* bad = nullptr);
std::optional<long long> param_int(const nlohmann::json& params, std::string_view key, bool* bad = nullptr);
std::optional<double> param_double(const nlohmann::json& params, std::string_view key, bool* bad = nullptr);
std::optional<bool> param_bool(const nlohmann::json& params, std::string_view key, bool* bad = nullptr);
// An array parameter; query lists with a single element still decode as arrays. Null when absent.
const nlohmann::json* param_list(const nlohmann::json& params, std::string_view key);

}  // namespace chokepoint
