#pragma once
// How stored parameters appear in responses: Parameter (GetParameter*), ParameterMetadata
// (DescribeParameters) and ParameterHistory (GetParameterHistory). SecureString values read without
// decryption show secure_string_ciphertext().
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "services/ssm/parameter_store.hpp"

namespace chokepoint {

struct ViewScope {
  std::string_view account;
  std::string_view region;
};

std::string shown_value(const ParameterVersion& v, bool decrypt);
void append_parameter_json(std::string& out, const StoredParameter& p, const ParameterVersion& v,
                           std::string_view selector, bool decrypt, ViewScope scope);
nlohmann::json parameter_json(const StoredParameter& p, const ParameterVersion& v, std::string_view selector,
                              bool decrypt, ViewScope scope);
nlohmann::json metadata_json(const StoredParameter& p, ViewScope scope);
nlohmann::json history_json(const StoredParameter& p, const ParameterVersion& v, bool decrypt);

}  // namespace chokepoint
