#include "services/dynamodb/transaction_tokens.hpp"

namespace chokepoint {

namespace {
constexpr auto kWindow = std::chrono::minutes(10);
}  // namespace

TransactionTokens::Seen TransactionTokens::check(const std::string& token, const std::string& fingerprint,
                                                 TimePoint now) {
  std::lock_guard lock(mutex_);
  for (auto it = tokens_.begin(); it != tokens_.end();) {
    it = now - it->second.at >= kWindow ? tokens_.erase(it) : std::next(it);
  }
  const auto it = tokens_.find(token);
  if (it == tokens_.end()) return Seen::kNew;
  return it->second.fingerprint == fingerprint ? Seen::kSameRequest : Seen::kDifferentRequest;
}

void TransactionTokens::remember(const std::string& token, const std::string& fingerprint, TimePoint now) {
  std::lock_guard lock(mutex_);
  tokens_[token] = Entry{fingerprint, now};
}

}  // namespace chokepoint
