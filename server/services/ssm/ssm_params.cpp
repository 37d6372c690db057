#include "services/ssm/ssm_params.hpp"

#include "protocol/params.hpp"
#include "services/ssm/ssm_errors.hpp"

namespace chokepoint {

void SsmParams::fail(ApiError error) {
  if (!error_) error_ = std::move(error);
}

std::optional<std::string> SsmParams::string(std::string_view key) {
  bool bad = false;
  auto value = param_string(params_, key, &bad);
  if (bad) fail(serialization_error(key));
  return value;
}

std::string SsmParams::required_string(std::string_view key) {
  auto value = string(key);
  if (!value) {
    if (!param(params_, key)) fail(missing_member(key));
    return {};
  }
  return std::move(*value);
}

std::optional<bool> SsmParams::boolean(std::string_view key) {
  const auto* v = param(params_, key);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    fail(serialization_error(key));
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<long long> SsmParams::integer(std::string_view key) {
  const auto* v = param(params_, key);
  if (!v) return std::nullopt;
  bool bad = false;
  auto value = v->is_string() ? std::nullopt : param_int(params_, key, &bad);
  if (bad || !value) {
    fail(serialization_error(key));
    return std::nullopt;
  }
  return value;
}

std::optional<long long> SsmParams::bounded(std::string_view key, long long min, long long max) {
  auto value = integer(key);
  if (!value) return value;
  if (*value < min) {
    fail(constraint_error(std::to_string(*value), key,
                          "Member must have value greater than or equal to " + std::to_string(min)));
  } else if (*value > max) {
    fail(constraint_error(std::to_string(*value), key,
                          "Member must have value less than or equal to " + std::to_string(max)));
  }
  return value;
}

std::optional<std::vector<std::string>> SsmParams::string_list(std::string_view key, bool required) {
  const auto* v = param(params_, key);
  if (!v) {
    if (required) fail(missing_member(key));
    return std::nullopt;
  }
  if (!v->is_array()) {
    fail(serialization_error(key));
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& item : *v) {
    if (!item.is_string()) {
      fail(serialization_error(key));
      return std::nullopt;
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

const nlohmann::json* SsmParams::object_list(std::string_view key, bool required) {
  const auto* v = param(params_, key);
  if (!v) {
    if (required) fail(missing_member(key));
    return nullptr;
  }
  if (!v->is_array()) {
    fail(serialization_error(key));
    return nullptr;
  }
  for (const auto& item : *v) {
    if (!item.is_object()) {
      fail(serialization_error(key));
      return nullptr;
    }
  }
  return v;
}

void SsmParams::check_length(const std::string& value, std::string_view key, std::size_t min, std::size_t max) {
  if (value.size() < min) {
    fail(constraint_error(value, key, "Member must have length greater than or equal to " + std::to_string(min)));
  } else if (value.size() > max) {
    fail(constraint_error(value, key, "Member must have length less than or equal to " + std::to_string(max)));
  }
}

void SsmParams::check_count(std::size_t count, std::string_view key, std::string_view shown, std::size_t min,
                            std::size_t max) {
  if (count < min) {
    fail(constraint_error(shown, key, "Member must have length greater than or equal to " + std::to_string(min)));
  } else if (count > max) {
    fail(constraint_error(shown, key, "Member must have length less than or equal to " + std::to_string(max)));
  }
}

std::string bracket_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += items[i];
  }
  return out + "]";
}

}  // namespace chokepoint
