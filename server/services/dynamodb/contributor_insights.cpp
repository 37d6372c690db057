#include "services/dynamodb/contributor_insights.hpp"

#include "services/dynamodb/table.hpp"

namespace chokepoint {

namespace {

constexpr InsightsRule kAllInsightsRules[] = {InsightsRule::kAccessedKeys, InsightsRule::kAccessedItems,
                                              InsightsRule::kThrottledKeys, InsightsRule::kThrottledItems};

std::string_view rule_code(InsightsRule rule) {
  switch (rule) {
    case InsightsRule::kAccessedKeys:
      return "PKC";
    case InsightsRule::kAccessedItems:
      return "SKC";
    case InsightsRule::kThrottledKeys:
      return "PKT";
    case InsightsRule::kThrottledItems:
      break;
  }
  return "SKT";
}

}  // namespace

bool insights_rule_throttled(InsightsRule rule) {
  return rule == InsightsRule::kThrottledKeys || rule == InsightsRule::kThrottledItems;
}

bool insights_has_sort_key(const Table& table, const std::string& index) {
  if (index.empty()) return table.meta.schema.key.range.has_value();
  const IndexSchema* schema = table.meta.schema.find_index(index);
  return schema && schema->key.range.has_value();
}

std::string_view insights_status(const ContributorInsightsSetting& setting, TimePoint now) {
  const bool moving = now < setting.changed + kInsightsTransition;
  if (setting.enabled) return moving ? "ENABLING" : "ENABLED";
  return moving ? "DISABLING" : "DISABLED";
}

std::string_view insights_mode(const ContributorInsightsSetting& setting) {
  return setting.throttled_only ? "THROTTLED_KEYS" : "ACCESSED_AND_THROTTLED_KEYS";
}

bool insights_rule_has_sort_key(InsightsRule rule) {
  return rule == InsightsRule::kAccessedItems || rule == InsightsRule::kThrottledItems;
}

std::string insights_rule_name(const std::string& table, const ContributorInsightsSetting& setting, InsightsRule rule) {
  std::string name = "DynamoDBContributorInsights-";
  name += rule_code(rule);
  name += '-';
  name += table;
  if (!setting.index.empty()) name += "-" + setting.index;
  return name + "-" + std::to_string(setting.rules_stamp_ms);
}

std::vector<InsightsRule> insights_rules(const ContributorInsightsSetting& setting, bool has_sort_key) {
  std::vector<InsightsRule> rules;
  if (!setting.enabled) return rules;
  for (InsightsRule rule : kAllInsightsRules) {
    if (insights_rule_has_sort_key(rule) && !has_sort_key) continue;
    if (setting.throttled_only && !insights_rule_throttled(rule)) continue;
    rules.push_back(rule);
  }
  return rules;
}

std::vector<std::string> insights_rule_names(const std::string& table, const ContributorInsightsSetting& setting,
                                             bool has_sort_key) {
  std::vector<std::string> names;
  for (InsightsRule rule : insights_rules(setting, has_sort_key)) names.push_back(insights_rule_name(table, setting, rule));
  return names;
}

void ContributorCounts::add(const std::string& rule, const ContributorKeys& keys, TimePoint now) {
  std::lock_guard lock(mutex_);
  series_[rule].add(keys, 1, now);
}

std::optional<ContributorReport> ContributorCounts::report(const std::string& rule,
                                                           const ContributorQuery& query) const {
  std::lock_guard lock(mutex_);
  const auto it = series_.find(rule);
  if (it == series_.end()) return std::nullopt;
  return it->second.report(query);
}

void ContributorCounts::drop(const std::vector<std::string>& rules) {
  std::lock_guard lock(mutex_);
  for (const std::string& rule : rules) series_.erase(rule);
}

void count_contributor(const Table& table, const ObservedKey& key, bool throttled, TimePoint now) {
  for (const ContributorInsightsSetting& setting : table.meta.contributor_insights) {
    if (!setting.enabled || setting.index != key.index) continue;
    for (InsightsRule rule : insights_rules(setting, insights_has_sort_key(table, setting.index))) {
      if (insights_rule_throttled(rule) && !throttled) continue;  // accessed rules count every access
      if (insights_rule_has_sort_key(rule) && !key.sort) continue;
      ContributorKeys keys{key.partition};
      if (insights_rule_has_sort_key(rule)) keys.push_back(*key.sort);
      table.contributor_counts.add(insights_rule_name(table.meta.name, setting, rule), keys, now);
    }
  }
}

}  // namespace chokepoint
