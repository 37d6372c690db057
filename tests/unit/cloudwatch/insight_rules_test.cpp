// DescribeInsightRules and GetInsightRuleReport over rules another service keeps (a stand-in source here):
// the report's shape, its metrics, and CloudWatch's errors for unknown rules and bad parameters.
#include <catch2/catch.hpp>

#include "cloudwatch_fixture.hpp"
#include "metrics/insight_rules.hpp"

using namespace chokepoint;
using namespace chokepoint::test;

namespace {

// One rule, "hot-keys", whose series the test fills.
class OneRule final : public InsightRuleSource {
 public:
  std::vector<InsightRuleInfo> insight_rules(const std::string&, const std::string&, TimePoint) const override {
    return {info()};
  }
  std::optional<std::pair<InsightRuleInfo, ContributorReport>> insight_rule_report(const std::string&,
                                                                                   const std::string&,
                                                                                   const std::string& rule,
                                                                                   const ContributorQuery& query,
                                                                                   TimePoint) const override {
    if (rule != "hot-keys") return std::nullopt;
    return std::make_pair(info(), series.report(query));
  }
  static InsightRuleInfo info() { return {"hot-keys", "{}", {"PartitionKey"}}; }
  ContributorSeries series;
};

struct InsightFixture : CloudWatchFixture {
  OneRule source;
  CloudWatchService insights{store, &source};

  // A call to the service that has the rules.
  ApiResult with_rules(const std::string& op, nlohmann::json params) {
    ApiRequest request;
    request.service = "monitoring";
    request.operation = op;
    request.protocol = Protocol::kJson10;
    request.params = std::move(params);
    request.identity.account_id = account;
    request.identity.region = "us-east-1";
    CallContext ctx{now, *config, limiter, ids, nullptr, &store};
    return insights.handle(request, ctx);
  }
};

}  // namespace

TEST_CASE("insight rules: GetInsightRuleReport ranks contributors and reports the requested metrics",
          "[cloudwatch][insights]") {
  InsightFixture f;
  const TimePoint minute = f.now - std::chrono::seconds(30);
  for (int i = 0; i < 3; ++i) f.source.series.add({"hot"}, 1, minute);
  f.source.series.add({"cold"}, 1, minute);
  const ApiResult r = f.with_rules("GetInsightRuleReport", {{"RuleName", "hot-keys"},
                                {"StartTime", f.epoch(minute - std::chrono::minutes(5))},
                                {"EndTime", f.epoch(minute + std::chrono::minutes(5))},
                                {"Period", 60},
                                {"Metrics", {"UniqueContributors", "Sum", "MaxContributorValue"}}});
  REQUIRE_FALSE(is_error(r));
  const nlohmann::json body = std::get<ApiResponse>(r).body;
  CHECK(body["KeyLabels"] == nlohmann::json({"PartitionKey"}));
  CHECK(body["AggregationStatistic"] == "Sum");
  CHECK(body["AggregateValue"] == 4);
  CHECK(body["ApproximateUniqueCount"] == 2);
  REQUIRE(body["Contributors"].size() == 2);
  CHECK(body["Contributors"][0]["Keys"] == nlohmann::json({"hot"}));
  CHECK(body["Contributors"][0]["ApproximateAggregateValue"] == 3);
  CHECK(body["Contributors"][0]["Datapoints"] ==
        nlohmann::json({{{"Timestamp", f.epoch(minute)}, {"ApproximateValue", 3}}}));
  CHECK(body["MetricDatapoints"] == nlohmann::json({{{"Timestamp", f.epoch(minute)},
                                                     {"UniqueContributors", 2},
                                                     {"Sum", 4},
                                                     {"MaxContributorValue", 3}}}));
}

TEST_CASE("insight rules: unknown rules and bad parameters get CloudWatch's errors", "[cloudwatch][insights]") {
  InsightFixture f;
  const nlohmann::json base = {{"RuleName", "hot-keys"},
                               {"StartTime", f.epoch(f.now - std::chrono::hours(1))},
                               {"EndTime", f.epoch(f.now)},
                               {"Period", 60}};
  auto code = [&f](nlohmann::json params) {
    const ApiResult r = f.with_rules("GetInsightRuleReport", std::move(params));
    return is_error(r) ? std::get<ApiError>(r).code : std::string("(ok)");
  };
  CHECK(code(base) == "(ok)");
  nlohmann::json unknown = base;
  unknown["RuleName"] = "DynamoDBContributorInsights-PKT-nothing-1";
  CHECK(code(unknown) == "ResourceNotFoundException");
  nlohmann::json reversed = base;
  reversed["EndTime"] = f.epoch(f.now - std::chrono::hours(2));
  CHECK(code(reversed) == "InvalidParameterValue");
  nlohmann::json too_many = base;
  too_many["MaxContributorCount"] = 101;
  CHECK(code(too_many) == "InvalidParameterValue");
  nlohmann::json bad_metric = base;
  bad_metric["Metrics"] = {"Median"};
  CHECK(code(bad_metric) == "InvalidParameterValue");
  nlohmann::json no_period = base;
  no_period.erase("Period");
  CHECK(code(no_period) == "MissingParameter");
}

TEST_CASE("insight rules: DescribeInsightRules lists the source's rules as managed rules", "[cloudwatch][insights]") {
  InsightFixture f;
  const ApiResult r = f.with_rules("DescribeInsightRules", nlohmann::json::object());
  REQUIRE_FALSE(is_error(r));
  const nlohmann::json rules = std::get<ApiResponse>(r).body["InsightRules"];
  REQUIRE(rules.size() == 1);
  CHECK(rules[0]["Name"] == "hot-keys");
  CHECK(rules[0]["State"] == "ENABLED");
  CHECK(rules[0]["ManagedRule"] == true);
  // Without a source (no DynamoDB), there are none.
  CHECK(f.ok("DescribeInsightRules", nlohmann::json::object())["InsightRules"].empty());
}
