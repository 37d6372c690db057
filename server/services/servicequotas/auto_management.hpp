#pragma once
// Service Quotas Automatic Management, per account and Region: whether it is on, its opt-in type, the notification
// ARN and the quotas excluded from it. Chokepoint sends no notifications; it keeps the configuration so that a
// client's Start / Get / Update / Stop round trip behaves as against AWS. Kept in memory only (not journaled);
// POST /_chokepoint/reset clears it. Thread-safe: one mutex.
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace chokepoint {

struct AutoManagementConfig {
  std::string opt_in_level = "ACCOUNT";  // the model's OptInLevel: only ACCOUNT
  std::string opt_in_type;               // NotifyOnly or NotifyAndAdjust
  std::string notification_arn;          // empty: none
  std::map<std::string, std::vector<std::string>> exclusions;  // service code -> excluded quota codes
};

class AutoManagement {
 public:
  std::optional<AutoManagementConfig> get(const std::string& account, const std::string& region) const {
    std::lock_guard lock(mutex_);
    const auto it = configs_.find({account, region});
    if (it == configs_.end()) return std::nullopt;
    return it->second;
  }
  void put(const std::string& account, const std::string& region, AutoManagementConfig config) {
    std::lock_guard lock(mutex_);
    configs_[{account, region}] = std::move(config);
  }
  void erase(const std::string& account, const std::string& region) {
    std::lock_guard lock(mutex_);
    configs_.erase({account, region});
  }
  void reset() {
    std::lock_guard lock(mutex_);
    configs_.clear();
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, AutoManagementConfig> configs_;
};

}  // namespace chokepoint
