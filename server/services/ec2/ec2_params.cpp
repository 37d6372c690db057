#include "services/ec2/ec2_params.hpp"

#include <algorithm>

#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"

namespace chokepoint {

namespace {
std::string raw_text(const nlohmann::json& params, std::string_view key) {
  const auto* v = param(params, key);
  if (!v) return {};
  return v->is_string() ? v->get<std::string>() : v->dump();
}
}  // namespace

std::vector<std::string> param_strings(const nlohmann::json& params, std::string_view key) {
  std::vector<std::string> out;
  if (const auto* list = param_list(params, key)) {
    for (const auto& v : *list) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

std::vector<std::string> distinct_param_strings(const nlohmann::json& params, std::string_view key) {
  std::vector<std::string> out;
  for (auto& s : param_strings(params, key)) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  }
  return out;
}

std::optional<ApiError> read_flag(const nlohmann::json& params, std::string_view key, bool& out) {
  bool bad = false;
  const auto value = param_bool(params, key, &bad);
  if (bad) return ec2_invalid_value(key, raw_text(params, key));
  if (value) out = *value;
  return std::nullopt;
}

Result<std::string> read_required_string(const nlohmann::json& params, std::string_view key) {
  auto value = param_string(params, key);
  if (!value || value->empty()) return ec2_missing_parameter(key);
  return *value;
}

std::optional<ApiError> read_attribute_flag(const nlohmann::json& params, std::string_view key,
                                            std::optional<bool>& out) {
  const auto* attribute = param(params, key);
  if (!attribute) return std::nullopt;
  bool value = false;
  if (!attribute->is_object() || !param(*attribute, "Value")) return ec2_missing_parameter(std::string(key) + ".Value");
  if (auto e = read_flag(*attribute, "Value", value)) return e;
  out = value;
  return std::nullopt;
}

std::optional<ApiError> read_integer(const nlohmann::json& params, std::string_view key,
                                     std::optional<long long>& out) {
  bool bad = false;
  out = param_int(params, key, &bad);
  if (bad) return ec2_invalid_value(key, raw_text(params, key));
  return std::nullopt;
}

std::optional<ApiError> check_dry_run(const nlohmann::json& params) {
  bool dry_run = false;
  if (auto e = read_flag(params, "DryRun", dry_run)) return e;
  if (dry_run) return ec2_dry_run_succeeded();
  return std::nullopt;
}

}  // namespace chokepoint
