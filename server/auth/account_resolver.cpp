#include "auth/account_resolver.hpp"

#include <cstdio>

namespace chokepoint {

namespace {

// int.from_bytes(base32decode("QAAAAAAA")): the encoded value of account 000000000000.
constexpr long long kAccountOffset = 549'755'813'888LL;
constexpr long long kMaxAccount = 999'999'999'999LL;
constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

bool leading_digits(std::string_view s, size_t n) {
  if (s.size() < n) return false;
  for (size_t i = 0; i < n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

// LocalStack's scheme (also moto's generator): key[4:12] is a base32 number n, account =
// 2 * (n - offset), plus one when key[12] is in the upper half of the alphabet.
std::string decode_base32_account(std::string_view key) {
  long long n = 0;
  for (const char c : key.substr(4, 8)) {
    const auto digit = kBase32Alphabet.find(c);
    if (digit == std::string_view::npos) return {};
    n = n * 32 + static_cast<long long>(digit);
  }
  const auto low_bit = kBase32Alphabet.find(key[12]);
  if (low_bit == std::string_view::npos) return {};
  const long long account = 2 * (n - kAccountOffset) + (low_bit >= 16 ? 1 : 0);
  if (account < 0 || account > kMaxAccount) return {};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%012lld", account);
  return buf;
}

}  // namespace

std::string account_from_access_key(std::string_view access_key) {
  if (leading_digits(access_key, 12)) return std::string(access_key.substr(0, 12));
  // Real-looking AKIA/ASIA keys are deliberately not decoded: LocalStack maps them to the default
  // account unless its parity flag is set, and users pointing real credentials here expect that.
  if (access_key.size() >= 20 && (access_key.starts_with("LSIA") || access_key.starts_with("LKIA"))) {
    return decode_base32_account(access_key);
  }
  return {};
}

std::string resolve_account_id(const Config& config, std::string_view access_key) {
  if (const AccountEntry* entry = config.find_account(access_key); entry && !entry->account_id.empty()) {
    return entry->account_id;
  }
  if (std::string decoded = account_from_access_key(access_key); !decoded.empty()) return decoded;
  return config.default_account;
}

}  // namespace chokepoint
