#pragma once
// Contributor Insights for DynamoDB: per table or global index, up to four CloudWatch rules named
//   DynamoDBContributorInsights-<PKC|SKC|PKT|SKT>-<table>[-<index>]-<creation epoch millis>
// (PKC/PKT: most accessed / most throttled partition keys; SKC/SKT: the same for partition and sort key, only
// when the table or index has a sort key; THROTTLED_KEYS mode keeps only the throttled ones). While enabled, every
// key that capacity admission sees counts once in the accessed rules, and once more in the throttled rules when
// it was throttled. Queries count their partition key only; scans, which address no key, count nothing.
// [DDBCI] https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/contributorinsights_HowItWorks.html
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "metrics/contributor_series.hpp"

namespace chokepoint {

// The setting of the table (index empty) or of one global index, once Contributor Insights was first enabled.
struct ContributorInsightsSetting {
  std::string index;
  bool enabled = false;
  TimePoint changed{};          // the last ENABLE or DISABLE, when the status started moving
  long long rules_stamp_ms = 0;  // when the rules were created (in their names); kept across mode changes
  bool throttled_only = false;  // ContributorInsightsMode THROTTLED_KEYS
  bool operator==(const ContributorInsightsSetting&) const = default;
};

// ENABLING/DISABLING last about a second on AWS before ENABLED/DISABLED.
constexpr Duration kInsightsTransition = std::chrono::seconds(1);
std::string_view insights_status(const ContributorInsightsSetting& setting, TimePoint now);
std::string_view insights_mode(const ContributorInsightsSetting& setting);

enum class InsightsRule { kAccessedKeys, kAccessedItems, kThrottledKeys, kThrottledItems };  // PKC, SKC, PKT, SKT
// The rules of an enabled setting, in AWS's order; none when disabled.
std::vector<InsightsRule> insights_rules(const ContributorInsightsSetting& setting, bool has_sort_key);
std::vector<std::string> insights_rule_names(const std::string& table, const ContributorInsightsSetting& setting,
                                             bool has_sort_key);
std::string insights_rule_name(const std::string& table, const ContributorInsightsSetting& setting, InsightsRule rule);
bool insights_rule_has_sort_key(InsightsRule rule);
bool insights_rule_throttled(InsightsRule rule);

// The counts of a table's rules, by rule name. Thread-safe (requests that only read the table count too).
class ContributorCounts {
 public:
  void add(const std::string& rule, const ContributorKeys& keys, TimePoint now);
  std::optional<ContributorReport> report(const std::string& rule, const ContributorQuery& query) const;
  // Drops what the rules counted (their setting was disabled).
  void drop(const std::vector<std::string>& rules);

 private:
  mutable std::mutex mutex_;
  std::map<std::string, ContributorSeries> series_;
};

// One key that capacity admission saw: the table's (index empty) or a global index's, as text.
struct ObservedKey {
  std::string_view index;
  std::string partition;
  std::optional<std::string> sort;  // when the key names an item of a table or index with a sort key
};

class Table;
// Whether the table (index empty) or its global index has a sort key.
bool insights_has_sort_key(const Table& table, const std::string& index);
// Counts `key` in the enabled rules of its table or index (called under the table's lock).
void count_contributor(const Table& table, const ObservedKey& key, bool throttled, TimePoint now);

}  // namespace chokepoint
