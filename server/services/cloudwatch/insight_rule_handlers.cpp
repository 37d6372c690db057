// DescribeInsightRules and GetInsightRuleReport for the rules other services keep (DynamoDB's Contributor
// Insights), read through InsightRuleSource. Rules of one's own (PutInsightRule) are not emulated.
// [CWIR] https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetInsightRuleReport.html
#include <algorithm>
#include <string>
#include <vector>

#include "protocol/params.hpp"
#include "services/cloudwatch/cloudwatch_call.hpp"
#include "services/cloudwatch/cloudwatch_errors.hpp"
#include "services/cloudwatch/page_token.hpp"

namespace chokepoint {

namespace {

constexpr long long kDefaultContributorCount = 10;  // [CWIR] MaxContributorCount: 1 to 100, 10 when omitted
constexpr long long kMaxContributorCount = 100;
constexpr long long kDefaultInsightRulePage = 500;  // DescribeInsightRules' MaxResults default and maximum

const std::vector<std::string_view>& report_metric_names() {
  static const std::vector<std::string_view> names = {
      "UniqueContributors", "MaxContributorValue", "SampleCount", "Sum", "Minimum", "Maximum", "Average"};
  return names;
}

// A requested metric's value for one period.
double period_metric(const ContributorPeriod& p, std::string_view metric) {
  if (metric == "UniqueContributors") return p.unique_contributors;
  if (metric == "MaxContributorValue") return p.max_contributor_value;
  if (metric == "SampleCount") return p.sample_count;
  if (metric == "Sum") return p.sum;
  if (metric == "Minimum") return p.minimum;
  if (metric == "Maximum") return p.maximum;
  return p.sample_count > 0 ? p.sum / p.sample_count : 0;  // Average
}

MaybeError read_report_metrics(const nlohmann::json& params, std::vector<std::string>& out) {
  const nlohmann::json* metrics = nullptr;
  if (auto e = read_list(params, "Metrics", "", metrics)) return e;
  if (!metrics) return std::nullopt;
  const auto& known = report_metric_names();
  for (const auto& m : *metrics) {
    if (!m.is_string() || std::find(known.begin(), known.end(), m.get<std::string>()) == known.end()) {
      return cw_invalid_parameter_value("The value " + (m.is_string() ? m.get<std::string>() : m.dump()) +
                                        " for parameter Metrics is not valid.");
    }
    out.push_back(m.get<std::string>());
  }
  return std::nullopt;
}

MaybeError read_report_query(const nlohmann::json& params, ContributorQuery& query) {
  std::optional<TimePoint> start, end;
  if (auto e = read_timestamp(params, "StartTime", "", start)) return e;
  if (!start) return cw_missing_parameter("StartTime");
  if (auto e = read_timestamp(params, "EndTime", "", end)) return e;
  if (!end) return cw_missing_parameter("EndTime");
  if (*end <= *start) return cw_invalid_parameter_value("The parameter StartTime must be less than the parameter EndTime.");
  long long period = 0;
  if (auto e = read_period(params, "Period", "", period, true)) return e;
  bool bad = false;
  const auto count = param_int(params, "MaxContributorCount", &bad);
  if (bad || (count && (*count < 1 || *count > kMaxContributorCount))) {
    return cw_invalid_parameter_value("The parameter MaxContributorCount must be between 1 and 100.");
  }
  const std::string order = param_string(params, "OrderBy").value_or("");
  if (!order.empty() && order != "Sum" && order != "Maximum") {
    return cw_invalid_parameter_value("The value " + order + " for parameter OrderBy is not valid.");
  }
  query = {*start, *end, std::chrono::seconds(period), static_cast<std::size_t>(count.value_or(kDefaultContributorCount)),
           order == "Maximum"};
  return std::nullopt;
}

nlohmann::json contributors_json(const ContributorReport& report, Protocol protocol) {
  nlohmann::json out = nlohmann::json::array();
  for (const ReportedContributor& c : report.contributors) {
    nlohmann::json points = nlohmann::json::array();
    for (const ContributorDatapoint& d : c.datapoints) {
      points.push_back({{"Timestamp", time_json(d.timestamp, protocol)}, {"ApproximateValue", d.value}});
    }
    out.push_back({{"Keys", c.keys}, {"ApproximateAggregateValue", c.aggregate}, {"Datapoints", std::move(points)}});
  }
  return out;
}

nlohmann::json metric_datapoints_json(const ContributorReport& report, const std::vector<std::string>& metrics,
                                      Protocol protocol) {
  nlohmann::json out = nlohmann::json::array();
  for (const ContributorPeriod& p : report.periods) {
    nlohmann::json point = {{"Timestamp", time_json(p.timestamp, protocol)}};
    for (const std::string& metric : metrics) point[metric] = period_metric(p, metric);
    out.push_back(std::move(point));
  }
  return out;
}

}  // namespace

ApiResult get_insight_rule_report(CloudWatchCall& call) {
  std::string rule;
  if (auto e = read_name(call.params(), "RuleName", "", rule, 128)) return *e;
  ContributorQuery query;
  if (auto e = read_report_query(call.params(), query)) return *e;
  std::vector<std::string> metrics;
  if (auto e = read_report_metrics(call.params(), metrics)) return *e;
  const auto found = call.insights ? call.insights->insight_rule_report(call.account(), call.region(), rule, query,
                                                                        call.ctx.now)
                                   : std::nullopt;
  if (!found) {
    ApiError e = cw_tagged_resource_not_found("InsightRule", rule);
    e.message = "Rule " + rule + " does not exist.";  // the message is not documented; the code and members are
    return e;
  }
  const auto& [info, report] = *found;
  ApiResponse response;
  response.body = {{"KeyLabels", info.key_labels},
                   {"AggregationStatistic", "Sum"},
                   {"AggregateValue", report.aggregate_value},
                   {"ApproximateUniqueCount", report.approximate_unique_count},
                   {"Contributors", contributors_json(report, call.protocol())},
                   {"MetricDatapoints", metric_datapoints_json(report, metrics, call.protocol())}};
  return response;
}

ApiResult describe_insight_rules(CloudWatchCall& call) {
  std::string token;
  if (auto e = read_optional_name(call.params(), "NextToken", "", token, 4096)) return *e;
  const auto offset = parse_next_token(token);
  if (!offset) return cw_invalid_next_token();
  bool bad = false;
  const auto max = param_int(call.params(), "MaxResults", &bad);
  if (bad || (max && (*max < 1 || *max > kDefaultInsightRulePage))) {
    return cw_invalid_parameter_value("The parameter MaxResults must be between 1 and 500.");
  }
  const auto rules =
      call.insights ? call.insights->insight_rules(call.account(), call.region(), call.ctx.now) : std::vector<InsightRuleInfo>{};
  ApiResponse response;
  nlohmann::json& out = response.body["InsightRules"] = nlohmann::json::array();
  const size_t end = std::min(rules.size(), *offset + static_cast<size_t>(max.value_or(kDefaultInsightRulePage)));
  for (size_t i = *offset; i < end; ++i) {
    out.push_back({{"Name", rules[i].name},
                   {"State", "ENABLED"},
                   {"Schema", "{\"Name\": \"ServiceLogRule\", \"Version\": 1}"},
                   {"Definition", rules[i].definition},
                   {"ManagedRule", true}});
  }
  if (end < rules.size()) response.body["NextToken"] = next_token(end);
  return response;
}

}  // namespace chokepoint
