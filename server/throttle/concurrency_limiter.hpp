#pragma once
// Calls in flight per (account, region, service), against a limit on how many may run at once (Lambda's
// concurrent executions). Unlike a token bucket, capacity comes back when a call ends, not with time.
// Thread-safe.
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace chokepoint {

class ConcurrencyLimiter {
 public:
  // Counts one more call in flight when fewer than `limit` are; false (and nothing counted) otherwise.
  bool try_acquire(std::string_view account, std::string_view region, std::string_view service, int limit);
  // Ends one call that try_acquire admitted.
  void release(std::string_view account, std::string_view region, std::string_view service);
  int in_flight(std::string_view account, std::string_view region, std::string_view service) const;

 private:
  using Key = std::tuple<std::string, std::string, std::string>;
  mutable std::mutex mutex_;
  std::map<Key, int> in_flight_;  // only keys with calls in flight, so it stays as small as the load
};

// Releases an admitted call when destroyed, however the call ends.
class ConcurrencySlot {
 public:
  ConcurrencySlot(ConcurrencyLimiter& limiter, std::string account, std::string region, std::string service)
      : limiter_(&limiter), account_(std::move(account)), region_(std::move(region)), service_(std::move(service)) {}
  ConcurrencySlot(const ConcurrencySlot&) = delete;
  ConcurrencySlot& operator=(const ConcurrencySlot&) = delete;
  ~ConcurrencySlot() { limiter_->release(account_, region_, service_); }

 private:
  ConcurrencyLimiter* limiter_;
  std::string account_, region_, service_;
};

}  // namespace chokepoint
