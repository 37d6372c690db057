#include "auth/session_credentials.hpp"

#include <algorithm>

namespace chokepoint {

void SessionCredentials::add(SessionCredential session, TimePoint now) {
  std::lock_guard lock(mutex_);
  if (by_key_.size() >= kMaxSessions) {
    std::erase_if(by_key_, [now](const auto& entry) { return entry.second.expires <= now; });
  }
  if (by_key_.size() >= kMaxSessions) {
    by_key_.erase(std::min_element(by_key_.begin(), by_key_.end(),
                                   [](const auto& a, const auto& b) { return a.second.expires < b.second.expires; }));
  }
  std::string key = session.access_key;
  by_key_.insert_or_assign(std::move(key), std::move(session));
}

std::optional<SessionCredential> SessionCredentials::find(std::string_view access_key) const {
  std::lock_guard lock(mutex_);
  const auto it = by_key_.find(std::string(access_key));
  if (it == by_key_.end()) return std::nullopt;
  return it->second;
}

size_t SessionCredentials::size() const {
  std::lock_guard lock(mutex_);
  return by_key_.size();
}

void SessionCredentials::clear() {
  std::lock_guard lock(mutex_);
  by_key_.clear();
}

}  // namespace chokepoint
