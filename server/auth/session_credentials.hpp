#pragma once
// Temporary credentials that STS issued (AssumeRole, GetSessionToken): an ASIA... access key, its secret and its
// session token. A request signed with one acts as the session's principal, in the session's account, until it
// expires on the emulated clock; after that it gets the protocol's ExpiredToken error. Sessions live in memory
// (a restart forgets them, as if they had been revoked) and are bounded in number. Thread-safe.
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/clock.hpp"

namespace chokepoint {

struct SessionCredential {
  std::string access_key;  // ASIA...
  std::string secret_key;
  std::string session_token;
  std::string account_id;  // whose limits and state the session's calls use
  std::string arn;         // GetCallerIdentity's Arn: the assumed role's session, or the caller's own
  std::string user_id;     // GetCallerIdentity's UserId: "AROA...:session-name", or the caller's own
  TimePoint expires;
  bool from_role = false;  // an assumed role: assuming another from it is role chaining (at most an hour)
};

class SessionCredentials {
 public:
  static constexpr size_t kMaxSessions = 100'000;

  // Keeps `session`; when full, expired sessions go first, then the one closest to expiry.
  void add(SessionCredential session, TimePoint now);
  std::optional<SessionCredential> find(std::string_view access_key) const;
  size_t size() const;
  void clear();

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, SessionCredential> by_key_;
};

}  // namespace chokepoint
