#pragma once
// CloudWatch Contributor Insights rules that another service keeps on the user's behalf (DynamoDB's
// Contributor Insights), as CloudWatch's DescribeInsightRules and GetInsightRuleReport read them. The service
// that counts implements this; CloudWatch only reads, so neither includes the other. Implementations are
// thread-safe.
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "metrics/contributor_series.hpp"

namespace chokepoint {

struct InsightRuleInfo {
  std::string name;
  std::string definition;               // the rule's JSON definition
  std::vector<std::string> key_labels;  // GetInsightRuleReport's KeyLabels
};

class InsightRuleSource {
 public:
  virtual ~InsightRuleSource() = default;
  // The account's rules in the region, by name.
  virtual std::vector<InsightRuleInfo> insight_rules(const std::string& account, const std::string& region,
                                                     TimePoint now) const = 0;
  // The rule and its report over the query's range; none when the rule does not exist.
  virtual std::optional<std::pair<InsightRuleInfo, ContributorReport>> insight_rule_report(
      const std::string& account, const std::string& region, const std::string& rule, const ContributorQuery& query,
      TimePoint now) const = 0;
};

}  // namespace chokepoint
