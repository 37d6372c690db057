#include "protocol/params.hpp"

#include <cmath>
#include <cstdlib>

#include "common/strings.hpp"

namespace chokepoint {

namespace {
template <typename T>
std::optional<T> fail(bool* bad) {
  if (bad) *bad = true;
  return std::nullopt;
}
}  // namespace

const nlohmann::json* param(const nlohmann::json& params, std::string_view key) {
  if (!params.is_object()) return nullptr;
  const auto it = params.find(key);
  if (it == params.end() || it->is_null()) return nullptr;
  return &*it;
}

std::optional<std::string> param_string(const nlohmann::json& params, std::string_view key, bool* bad) {
  const auto* v = param(params, key);
  if (!v) return std::nullopt;
  if (!v->is_string()) return fail<std::string>(bad);
  return v->get<std::string>();
}

std::optional<long long> param_int(const nlohmann::json& params, std::string_view key, bool* bad) {
  const auto* v = param(params, key);
  if (!v) return std::nullopt;
  if (v->is_number_integer()) return v->get<long long>();
  if (v->is_number_float()) {
    const double d = v->get<double>();
    if (std::floor(d) == d && std::abs(d) < 9e18) return static_cast<long long>(d);
    return fail<long long>(bad);
  }
  if (v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    long long out = 0;
    if (!s.empty() && s[0] == '-') {
      if (parse_int64(std::string_view(s).substr(1), out)) return -out;
      return fail<long long>(bad);
    }
    if (parse_int64(s, out)) return out;
  }
  return fail<long long>(bad);
}

std::optional<double> param_double(const nlohmann::json& params, std::string_view key, bool* bad) {
  const auto* v = param(params, key);
  if (!v) return std::nullopt;
  if (v->is_number()) return v->get<double>();
  if (v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    char* end = nullptr;
    const double d = std::strtod(s.c_str(), &end);
    if (!s.empty() && end == s.c_str() + s.size() && std::isfinite(d)) return d;
  }
  return fail<double>(bad);
}

std::optional<bool> param_bool(const nlohmann::json& params, std::string_view key, bool* bad) {
  const auto* v = param(params, key);
  if (!v) return std::nullopt;
  if (v->is_boolean()) return v->get<bool>();
  if (v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    if (iequals(s, "true")) return true;
    if (iequals(s, "false")) return false;
  }
  return fail<bool>(bad);
}

const nlohmann::json* param_list(const nlohmann::json& params, std::string_view key) {
  const auto* v = param(params, key);
  return v && v->is_array() ? v : nullptr;
}

}  // namespace chokepoint
