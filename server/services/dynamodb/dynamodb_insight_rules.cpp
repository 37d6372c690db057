// DynamoDB's Contributor Insights rules as CloudWatch sees them: every rule of every enabled table or global
// index of the account and region, and the reports of their counts.
#include <algorithm>
#include <shared_mutex>

#include "services/dynamodb/contributor_insights.hpp"
#include "services/dynamodb/dynamodb_service.hpp"

namespace chokepoint {

namespace {

// A rule's definition: what it counts, in CloudWatch's rule syntax (a managed rule's, so it cannot be changed).
std::string rule_definition(const std::string& resource_arn, bool sort_key, bool throttled) {
  nlohmann::json keys = nlohmann::json::array({"PartitionKey"});
  if (sort_key) keys.push_back("SortKey");
  return nlohmann::json({{"Schema", {{"Name", "ServiceLogRule"}, {"Version", 1}}},
                         {"AggregateOn", "Sum"},
                         {"Contribution", {{"Keys", keys}, {"Filters", nlohmann::json::array()}}},
                         {"ResourceArn", resource_arn},
                         {"Events", throttled ? "Throttled" : "Accessed"}})
      .dump();
}

// Calls `visit(info)` for each rule of the table; stops and returns true when it returns true.
template <class Visit>
bool visit_rules(const Table& table, Visit&& visit) {
  std::shared_lock lock(table.mutex);
  for (const ContributorInsightsSetting& setting : table.meta.contributor_insights) {
    if (!setting.enabled) continue;
    const std::string arn = setting.index.empty() ? table.meta.arn : table.meta.arn + "/index/" + setting.index;
    for (InsightsRule rule : insights_rules(setting, insights_has_sort_key(table, setting.index))) {
      const bool sort_key = insights_rule_has_sort_key(rule);
      const bool throttled = insights_rule_throttled(rule);
      InsightRuleInfo info{insights_rule_name(table.meta.name, setting, rule), rule_definition(arn, sort_key, throttled),
                           sort_key ? std::vector<std::string>{"PartitionKey", "SortKey"}
                                    : std::vector<std::string>{"PartitionKey"}};
      if (visit(std::move(info))) return true;
    }
  }
  return false;
}

}  // namespace

std::vector<InsightRuleInfo> DynamoDbService::insight_rules(const std::string& account, const std::string& region,
                                                            TimePoint now) const {
  std::vector<InsightRuleInfo> rules;
  const auto tables = state_.find_region(account, region);
  if (!tables) return rules;
  for (const auto& table : tables->tables(now)) {
    visit_rules(*table, [&rules](InsightRuleInfo info) {
      rules.push_back(std::move(info));
      return false;
    });
  }
  std::sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return rules;
}

std::optional<std::pair<InsightRuleInfo, ContributorReport>> DynamoDbService::insight_rule_report(
    const std::string& account, const std::string& region, const std::string& rule, const ContributorQuery& query,
    TimePoint now) const {
  const auto tables = state_.find_region(account, region);
  if (!tables) return std::nullopt;
  for (const auto& table : tables->tables(now)) {
    std::optional<InsightRuleInfo> found;
    visit_rules(*table, [&found, &rule](InsightRuleInfo info) {
      if (info.name != rule) return false;
      found = std::move(info);
      return true;
    });
    if (!found) continue;
    ContributorReport report = table->contributor_counts.report(rule, query).value_or(ContributorReport{});
    return std::make_pair(std::move(*found), std::move(report));
  }
  return std::nullopt;
}

}  // namespace chokepoint
