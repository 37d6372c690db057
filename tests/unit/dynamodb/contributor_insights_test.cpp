// Contributor Insights for DynamoDB: the ENABLE/DISABLE lifecycle on the clock, the rules AWS names for a table
// and a global index, the listing, the errors, and the counts the rules report (the hot key of a throttled table
// is the top contributor of its most-throttled rule).
#include <catch2/catch.hpp>

#include "capacity_fixture.hpp"
#include "common/time_format.hpp"

using namespace chokepoint;
using namespace chokepoint::testing;

namespace {

json update(DynamoHarness& h, const std::string& table, const std::string& action, json extra = json::object()) {
  json params = {{"TableName", table}, {"ContributorInsightsAction", action}};
  params.update(extra);
  return h.ok("UpdateContributorInsights", params);
}

ContributorReport report_of(DynamoHarness& h, const std::string& rule) {
  ContributorQuery q;
  q.start = h.now - std::chrono::hours(1);
  q.end = h.now + std::chrono::minutes(1);
  auto found = h.service.insight_rule_report("123456789012", "us-east-1", rule, q, h.now);
  REQUIRE(found);
  return found->second;
}

std::string stamp(TimePoint t) {
  return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count());
}

}  // namespace

TEST_CASE("contributor insights: ENABLING then ENABLED, four rules for a table with a sort key, DISABLING then DISABLED",
          "[dynamodb][insights]") {
  DynamoHarness h("dynamodb: {table_creation_delay_ms: 0}\n");
  h.create_simple_table("orders", true);
  CHECK(h.ok("DescribeContributorInsights", {{"TableName", "orders"}}) ==
        json({{"TableName", "orders"}, {"ContributorInsightsStatus", "DISABLED"}}));

  const TimePoint enabled = h.now;
  const json r = update(h, "orders", "ENABLE");
  CHECK(r == json({{"TableName", "orders"},
                   {"ContributorInsightsStatus", "ENABLING"},
                   {"ContributorInsightsMode", "ACCESSED_AND_THROTTLED_KEYS"}}));
  h.now += std::chrono::seconds(2);
  const json d = h.ok("DescribeContributorInsights", {{"TableName", "orders"}});
  CHECK(d["ContributorInsightsStatus"] == "ENABLED");
  CHECK(d["LastUpdateDateTime"] == epoch_seconds(enabled));
  const std::string s = stamp(enabled);
  CHECK(d["ContributorInsightsRuleList"] == json({"DynamoDBContributorInsights-PKC-orders-" + s,
                                                  "DynamoDBContributorInsights-SKC-orders-" + s,
                                                  "DynamoDBContributorInsights-PKT-orders-" + s,
                                                  "DynamoDBContributorInsights-SKT-orders-" + s}));
  CHECK(h.service.insight_rules("123456789012", "us-east-1", h.now).size() == 4);

  // The same mode again changes nothing; THROTTLED_KEYS keeps the throttled rules, under the same names.
  CHECK(update(h, "orders", "ENABLE")["ContributorInsightsStatus"] == "ENABLED");
  CHECK(update(h, "orders", "ENABLE", {{"ContributorInsightsMode", "THROTTLED_KEYS"}})["ContributorInsightsStatus"] ==
        "ENABLING");
  CHECK(h.ok("DescribeContributorInsights", {{"TableName", "orders"}})["ContributorInsightsRuleList"] ==
        json({"DynamoDBContributorInsights-PKT-orders-" + s, "DynamoDBContributorInsights-SKT-orders-" + s}));

  CHECK(update(h, "orders", "DISABLE")["ContributorInsightsStatus"] == "DISABLING");
  h.now += std::chrono::seconds(2);
  const json off = h.ok("DescribeContributorInsights", {{"TableName", "orders"}});
  CHECK(off["ContributorInsightsStatus"] == "DISABLED");
  CHECK_FALSE(off.contains("ContributorInsightsRuleList"));
  CHECK(h.service.insight_rules("123456789012", "us-east-1", h.now).empty());
}

TEST_CASE("contributor insights: a global index has rules of its own; List shows the table and its indexes",
          "[dynamodb][insights]") {
  DynamoHarness h("dynamodb: {table_creation_delay_ms: 0}\n");
  json params = on_demand_table("users");
  add_gsi(params, "by-email", "email");
  h.ok("CreateTable", params);
  h.create_simple_table("zeta");
  update(h, "users", "ENABLE", {{"IndexName", "by-email"}});
  h.now += std::chrono::seconds(2);
  const json d = h.ok("DescribeContributorInsights", {{"TableName", "users"}, {"IndexName", "by-email"}});
  CHECK(d["IndexName"] == "by-email");
  CHECK(d["ContributorInsightsRuleList"] ==
        json({"DynamoDBContributorInsights-PKC-users-by-email-" + stamp(h.now - std::chrono::seconds(2)),
              "DynamoDBContributorInsights-PKT-users-by-email-" + stamp(h.now - std::chrono::seconds(2))}));

  const json all = h.ok("ListContributorInsights", json::object());
  CHECK(all["ContributorInsightsSummaries"] ==
        json({{{"TableName", "users"}, {"ContributorInsightsStatus", "DISABLED"}},
              {{"TableName", "users"},
               {"IndexName", "by-email"},
               {"ContributorInsightsStatus", "ENABLED"},
               {"ContributorInsightsMode", "ACCESSED_AND_THROTTLED_KEYS"}},
              {{"TableName", "zeta"}, {"ContributorInsightsStatus", "DISABLED"}}}));
  const json first = h.ok("ListContributorInsights", {{"MaxResults", 2}});
  CHECK(first["ContributorInsightsSummaries"].size() == 2);
  const json rest = h.ok("ListContributorInsights", {{"MaxResults", 2}, {"NextToken", first["NextToken"]}});
  CHECK(rest["ContributorInsightsSummaries"] == json({{{"TableName", "zeta"}, {"ContributorInsightsStatus", "DISABLED"}}}));
  CHECK_FALSE(rest.contains("NextToken"));
  CHECK(h.ok("ListContributorInsights", {{"TableName", "zeta"}})["ContributorInsightsSummaries"].size() == 1);

  // Writes count under the index's key in the index's rules.
  h.ok("PutItem", {{"TableName", "users"}, {"Item", {{"pk", {{"S", "u1"}}}, {"email", {{"S", "a@example.com"}}}}}});
  const ContributorReport r =
      report_of(h, "DynamoDBContributorInsights-PKC-users-by-email-" + stamp(h.now - std::chrono::seconds(2)));
  REQUIRE(r.contributors.size() == 1);
  CHECK(r.contributors[0].keys == ContributorKeys{"a@example.com"});
}

TEST_CASE("contributor insights: missing tables and indexes, and bad input, are refused", "[dynamodb][insights]") {
  DynamoHarness h("dynamodb: {table_creation_delay_ms: 0}\n");
  h.create_simple_table("orders");
  CHECK(h.error("UpdateContributorInsights", {{"TableName", "nothing"}, {"ContributorInsightsAction", "ENABLE"}}).code ==
        "ResourceNotFoundException");
  CHECK(h.error("DescribeContributorInsights", {{"TableName", "orders"}, {"IndexName", "nope"}}).code ==
        "ResourceNotFoundException");
  CHECK(h.error("ListContributorInsights", {{"TableName", "nothing"}}).code == "ResourceNotFoundException");
  CHECK(h.error("UpdateContributorInsights", {{"TableName", "orders"}, {"ContributorInsightsAction", "PAUSE"}}).code ==
        "ValidationException");
  CHECK(h.error("UpdateContributorInsights", {{"TableName", "orders"}}).code == "ValidationException");
  CHECK(h.error("ListContributorInsights", {{"MaxResults", 101}}).code == "ValidationException");
  CHECK(h.error("ListContributorInsights", {{"NextToken", "bogus"}}).code == "ValidationException");
  // Nothing was enabled by the refused calls.
  CHECK(h.ok("DescribeContributorInsights", {{"TableName", "orders"}})["ContributorInsightsStatus"] == "DISABLED");
}

TEST_CASE("contributor insights: the hot key is the top contributor of the most-throttled rule",
          "[dynamodb][insights]") {
  DynamoHarness h("dynamodb: {table_creation_delay_ms: 0}\n");
  h.ok("CreateTable", provisioned_table("hot", 5, 5));
  // Nothing counts before the rules exist.
  put_until_throttled(h, "hot", "before", 3);
  update(h, "hot", "ENABLE");
  const std::string s = stamp(h.now);
  for (int i = 0; i < 3; ++i) h.ok("GetItem", {{"TableName", "hot"}, {"Key", key_of(numbered("cold-", i))}});
  ApiError error;
  const int admitted = put_until_throttled(h, "hot", "hot-key", 2000, 1000, false, &error);
  REQUIRE(admitted < 2000);
  for (int i = 0; i < 20; ++i) h.call("PutItem", {{"TableName", "hot"}, {"Item", item_of("hot-key", 1000)}});

  const ContributorReport throttled_keys = report_of(h, "DynamoDBContributorInsights-PKT-hot-" + s);
  REQUIRE_FALSE(throttled_keys.contributors.empty());
  CHECK(throttled_keys.contributors[0].keys == ContributorKeys{"hot-key"});
  CHECK(throttled_keys.contributors[0].aggregate >= 2);
  CHECK(throttled_keys.approximate_unique_count == 1);

  const ContributorReport accessed = report_of(h, "DynamoDBContributorInsights-PKC-hot-" + s);
  CHECK(accessed.contributors[0].keys == ContributorKeys{"hot-key"});
  CHECK(accessed.contributors[0].aggregate == Approx(admitted + 1 + 20));
  CHECK(accessed.approximate_unique_count == 4);  // hot-key and three cold keys; "before" was not counted

  // An unknown rule has no report.
  ContributorQuery q;
  CHECK_FALSE(h.service.insight_rule_report("123456789012", "us-east-1", "DynamoDBContributorInsights-PKT-hot-1", q, h.now));
}

TEST_CASE("contributor insights: number and binary keys read as AWS shows them", "[dynamodb][insights]") {
  DynamoHarness h("dynamodb: {table_creation_delay_ms: 0}\n");
  h.create_simple_table("events", true);  // sort key sk is a number
  update(h, "events", "ENABLE");
  const std::string s = stamp(h.now);
  for (const char* sk : {"-12.5", "0", "1e3"}) {
    h.ok("PutItem", {{"TableName", "events"}, {"Item", {{"pk", {{"S", "p"}}}, {"sk", {{"N", sk}}}}}});
  }
  const ContributorReport items = report_of(h, "DynamoDBContributorInsights-SKC-events-" + s);
  std::vector<ContributorKeys> keys;
  for (const auto& c : items.contributors) keys.push_back(c.keys);
  std::sort(keys.begin(), keys.end());
  CHECK(keys == std::vector<ContributorKeys>{{"p", "-12.5"}, {"p", "0"}, {"p", "1000"}});
}
