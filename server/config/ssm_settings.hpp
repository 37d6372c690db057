#pragma once
// Settings of the emulated SSM Parameter Store: the `ssm:` section of the configuration.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace chokepoint {

// A parameter that exists from the start. Seeds are created in an account-region's store when that store is
// first used, and again after a reset. Unset optional fields take PutParameter's defaults.
struct SsmSeedParameter {
  std::string name;
  std::string value;
  std::string type = "String";
  std::string account;  // empty: identity.default_account
  std::string region;   // empty: identity.default_region
  std::optional<std::string> description;
  std::optional<std::string> key_id;  // SecureString only; AWS's default is alias/aws/ssm
  std::optional<std::string> tier;    // Standard, Advanced or Intelligent-Tiering
  std::optional<std::string> allowed_pattern;
  std::optional<std::string> data_type;
  std::map<std::string, std::string> tags;

  bool operator==(const SsmSeedParameter&) const = default;
};

struct SsmSettings {
  // Parameters per account and region, by tier (AWS: 10,000 standard, 100,000 advanced). Creating one more
  // answers ParameterLimitExceeded.
  long long max_standard_parameters = 10'000;
  long long max_advanced_parameters = 100'000;
  // A PutParameter that reaches a name less than this long after the previous successful write of that
  // name (by arrival time) is a concurrent update and answers TooManyUpdates. 0 switches it off. Fractions of
  // a millisecond are allowed: a client that waits for each answer is at least ~0.5 ms apart.
  double concurrent_update_window_ms = 0.1;
  std::vector<SsmSeedParameter> parameters;
};

}  // namespace chokepoint
