#pragma once
// Tags on applied quotas (TagResource, UntagResource, ListTagsForResource), by quota ARN. At most
// kMaxQuotaTags per quota, the usual AWS limit. In durable mode each change is journaled as the quota's whole tag
// set (kind "tags", key "ACCOUNT/REGION/SERVICE/CODE"; null once it has none).
// Thread-safe: one mutex.
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "persistence/change_log.hpp"
#include "persistence/snapshot_files.hpp"

namespace chokepoint {

inline constexpr std::size_t kMaxQuotaTags = 50;

using QuotaTagSet = std::map<std::string, std::string>;

// A quota's place, as its ARN names it: arn:aws:servicequotas:REGION:ACCOUNT:SERVICE/CODE.
struct QuotaRef {
  std::string account, region, service_code, quota_code;
  std::string record_key() const { return account + "/" + region + "/" + service_code + "/" + quota_code; }
};

class QuotaTags {
 public:
  QuotaTagSet get(const QuotaRef& quota) const;
  // Adds or replaces `tags`; false (and nothing changes) when the quota would hold more than kMaxQuotaTags.
  bool add(const QuotaRef& quota, const QuotaTagSet& tags);
  void remove(const QuotaRef& quota, const std::vector<std::string>& keys);
  void reset();

  void attach_change_log(ChangeLog* log);
  void dump(const RecordSink& emit) const;
  void restore(const std::string& record_key, const nlohmann::json& state);

 private:
  void journal(const std::string& record_key);  // mutex_ held

  mutable std::mutex mutex_;
  std::map<std::string, QuotaTagSet> tags_;  // by QuotaRef::record_key()
  ChangeLog* change_log_ = nullptr;
};

}  // namespace chokepoint
