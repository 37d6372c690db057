#include "throttle/concurrency_limiter.hpp"

namespace chokepoint {

bool ConcurrencyLimiter::try_acquire(std::string_view account, std::string_view region, std::string_view service,
                                     int limit) {
  std::lock_guard lock(mutex_);
  Key key{std::string(account), std::string(region), std::string(service)};
  const auto it = in_flight_.find(key);
  const int running = it == in_flight_.end() ? 0 : it->second;
  if (running >= limit) return false;
  if (it == in_flight_.end()) {
    in_flight_.emplace(std::move(key), 1);
  } else {
    ++it->second;
  }
  return true;
}

void ConcurrencyLimiter::release(std::string_view account, std::string_view region, std::string_view service) {
  std::lock_guard lock(mutex_);
  const auto it = in_flight_.find(Key{std::string(account), std::string(region), std::string(service)});
  if (it == in_flight_.end()) return;
  if (--it->second <= 0) in_flight_.erase(it);
}

int ConcurrencyLimiter::in_flight(std::string_view account, std::string_view region, std::string_view service) const {
  std::lock_guard lock(mutex_);
  const auto it = in_flight_.find(Key{std::string(account), std::string(region), std::string(service)});
  return it == in_flight_.end() ? 0 : it->second;
}

}  // namespace chokepoint
