#pragma once
// ClientRequestToken idempotency for TransactWriteItems: a token seen within the last ten minutes with the
// same request succeeds again without writing; with a different request it is an error. Thread-safe.
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "common/clock.hpp"

namespace chokepoint {

class TransactionTokens {
 public:
  enum class Seen { kNew, kSameRequest, kDifferentRequest };

  // Looks the token up (forgetting expired ones).
  Seen check(const std::string& token, const std::string& fingerprint, TimePoint now);
  void remember(const std::string& token, const std::string& fingerprint, TimePoint now);

 private:
  struct Entry {
    std::string fingerprint;
    TimePoint at;
  };
  std::mutex mutex_;
  std::map<std::string, Entry> tokens_;
};

}  // namespace chokepoint
