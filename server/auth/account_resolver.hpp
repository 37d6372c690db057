#pragma once
// Access key -> account id: the config's accounts map first, then the LocalStack-compatible rules
// (a key starting with 12 digits is that account; LSIA/LKIA keys encode the account in base32),
// else the configured default account.
#include <string>
#include <string_view>

#include "config/config.hpp"

namespace chokepoint {

std::string resolve_account_id(const Config& config, std::string_view access_key);

// The LocalStack decoding alone; empty when the key does not encode an account.
std::string account_from_access_key(std::string_view access_key);

}  // namespace chokepoint
