#pragma once
// PutParameter's stateful part: everything that depends on the stored parameter (overwrite, type changes,
// the inherited allowed pattern, tier resolution and limits, the 100-version rule, concurrent updates).
// Used by the handler and to create configured seeds.
#include <string>
#include <variant>

#include "common/clock.hpp"
#include "config/ssm_settings.hpp"
#include "protocol/result.hpp"
#include "services/ssm/parameter_store.hpp"
#include "services/ssm/put_input.hpp"

namespace chokepoint {

struct WriteContext {
  TimePoint now;
  std::string user;  // LastModifiedUser
  const SsmSettings& settings;
  bool detect_concurrent_updates = true;  // off for seeds, which are written in one go
  // Parameter counts in force for the account and region when Service Quotas raised them; 0: settings'.
  long long max_standard_parameters = 0;
  long long max_advanced_parameters = 0;
};

struct PutOutcome {
  long long version = 0;
  std::string tier;
};

// `input` has passed check_put_input.
Result<PutOutcome> write_parameter(ParameterStore& store, const PutInput& input, const WriteContext& ctx);

}  // namespace chokepoint
