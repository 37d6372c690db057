#include <catch2/catch.hpp>

#include "cloudwatch_fixture.hpp"

using namespace chokepoint;
using chokepoint::test::table_dims;
using chokepoint::test::CloudWatchFixture;

namespace {

}  // namespace

TEST_CASE("cloudwatch: DynamoDB's capacity datapoints answer GetMetricStatistics", "[cloudwatch]") {
  CloudWatchFixture f;
  // What the DynamoDB capacity code reports: per request the units consumed, per throttled write an event.
  for (double units : {1.0, 2.0, 5.0})
    f.emit("AWS/DynamoDB", "ConsumedWriteCapacityUnits", {{"TableName", "MyTable"}}, units);
  f.emit("AWS/DynamoDB", "ConsumedWriteCapacityUnits", {{"TableName", "Other"}}, 100);
  for (int i = 0; i < 4; ++i) f.emit("AWS/DynamoDB", "WriteThrottleEvents", {{"TableName", "MyTable"}}, 1);
  f.emit("AWS/DynamoDB", "ConsumedWriteCapacityUnits", {{"TableName", "MyTable"}}, 4, "Count",
         f.now + std::chrono::minutes(1));
  const auto body = f.ok("GetMetricStatistics", {{"Namespace", "AWS/DynamoDB"},
                                                 {"MetricName", "ConsumedWriteCapacityUnits"},
                                                 {"Dimensions", table_dims("MyTable")},
                                                 {"StartTime", f.epoch(f.now - std::chrono::minutes(5))},
                                                 {"EndTime", f.epoch(f.now + std::chrono::minutes(5))},
                                                 {"Period", 60},
                                                 {"Statistics", {"Sum", "Average", "Maximum", "SampleCount"}}});
  CHECK(body["Label"] == "ConsumedWriteCapacityUnits");
  REQUIRE(body["Datapoints"].size() == 2);
  const auto& d = body["Datapoints"][0];
  CHECK(d["Sum"] == 8.0);
  CHECK(d["Average"].get<double>() == Approx(8.0 / 3));
  CHECK(d["Maximum"] == 5.0);
  CHECK(d["SampleCount"] == 3.0);
  CHECK(d["Unit"] == "Count");
  CHECK(d["Timestamp"].get<double>() == f.epoch(f.now - std::chrono::seconds(30)));
  CHECK(body["Datapoints"][1]["Sum"] == 4.0);
  const auto events = f.ok("GetMetricStatistics", {{"Namespace", "AWS/DynamoDB"},
                                                   {"MetricName", "WriteThrottleEvents"},
                                                   {"Dimensions", table_dims("MyTable")},
                                                   {"StartTime", f.epoch(f.now - std::chrono::minutes(5))},
                                                   {"EndTime", f.epoch(f.now + std::chrono::minutes(5))},
                                                   {"Period", 300},
                                                   {"Statistics", {"Sum"}}});
  REQUIRE(events["Datapoints"].size() == 1);
  CHECK(events["Datapoints"][0]["Sum"] == 4.0);
}

TEST_CASE("cloudwatch: query-form calls get ISO timestamps and extended statistics as key/value entries",
          "[cloudwatch]") {
  CloudWatchFixture f;
  for (int v = 1; v <= 10; ++v) f.emit("App", "Latency", {}, v, "Milliseconds");
  // The query form carries everything as strings.
  const auto body = f.ok("GetMetricStatistics",
                         {{"Namespace", "App"},
                          {"MetricName", "Latency"},
                          {"StartTime", "2027-01-15T07:55:00Z"},
                          {"EndTime", "2027-01-15T08:05:00Z"},
                          {"Period", "60"},
                          {"ExtendedStatistics", {"p90"}}},
                         Protocol::kQuery);
  REQUIRE(body["Datapoints"].size() == 1);
  CHECK(body["Datapoints"][0]["Timestamp"] == "2027-01-15T08:00:00Z");
  CHECK(body["Datapoints"][0]["ExtendedStatistics"] == nlohmann::json::array({{{"key", "p90"}, {"value", 9.0}}}));
}

TEST_CASE("cloudwatch: GetMetricStatistics checks its parameters as CloudWatch does", "[cloudwatch]") {
  CloudWatchFixture f;
  nlohmann::json p{{"Namespace", "App"},
                   {"MetricName", "M"},
                   {"StartTime", f.epoch(f.now)},
                   {"EndTime", f.epoch(f.now + std::chrono::hours(1))},
                   {"Period", 60},
                   {"Statistics", {"Sum"}}};
  auto without = p;
  without.erase("Period");
  auto e = f.err("GetMetricStatistics", without);
  CHECK(e.code == "MissingParameter");
  CHECK(e.json_type == "MissingRequiredParameterException");
  auto both = p;
  both["ExtendedStatistics"] = {"p99"};
  CHECK(f.err("GetMetricStatistics", both).code == "InvalidParameterCombination");
  auto bad_stat = p;
  bad_stat["Statistics"] = {"Median"};
  e = f.err("GetMetricStatistics", bad_stat);
  CHECK(e.code == "InvalidParameterValue");
  CHECK(e.json_type == "InvalidParameterValueException");
  CHECK(e.http_status == 400);
  auto too_many = p;
  too_many["EndTime"] = f.epoch(f.now + std::chrono::hours(25));
  e = f.err("GetMetricStatistics", too_many);
  CHECK(e.code == "InvalidParameterCombination");
  CHECK(e.message.find("exceeds the limit of 1,440") != std::string::npos);
  auto odd_period = p;
  odd_period["Period"] = 90;
  CHECK(f.err("GetMetricStatistics", odd_period).code == "InvalidParameterValue");
  auto reversed = p;
  reversed["EndTime"] = f.epoch(f.now - std::chrono::hours(1));
  CHECK(f.err("GetMetricStatistics", reversed).message.find("StartTime must be less than") != std::string::npos);
}

TEST_CASE("cloudwatch: PutMetricData stores custom metrics; one bad datum stores nothing", "[cloudwatch]") {
  CloudWatchFixture f;
  f.ok("PutMetricData", {{"Namespace", "Shop"},
                         {"MetricData",
                          {{{"MetricName", "Orders"}, {"Value", 3}, {"Unit", "Count"}},
                           {{"MetricName", "Orders"},
                            {"StatisticValues", {{"SampleCount", 2}, {"Sum", 10}, {"Minimum", 4}, {"Maximum", 6}}}},
                           {{"MetricName", "Orders"}, {"Values", {1, 2}}, {"Counts", {3, 1}}}}}});
  auto stats = [&](const std::string& name) {
    return f.ok("GetMetricStatistics", {{"Namespace", "Shop"},
                                        {"MetricName", name},
                                        {"StartTime", f.epoch(f.now - std::chrono::minutes(1))},
                                        {"EndTime", f.epoch(f.now + std::chrono::minutes(1))},
                                        {"Period", 60},
                                        {"Statistics", {"Sum", "SampleCount", "Minimum", "Maximum"}}})["Datapoints"];
  };
  const auto d = stats("Orders");
  REQUIRE(d.size() == 1);
  CHECK(d[0]["SampleCount"] == 7.0);  // 1 + 2 + 3 + 1
  CHECK(d[0]["Sum"] == 18.0);         // 3 + 10 + 3 + 2
  CHECK(d[0]["Minimum"] == 1.0);
  CHECK(d[0]["Maximum"] == 6.0);

  auto e = f.err("PutMetricData",
                 {{"Namespace", "Shop"},
                  {"MetricData",
                   {{{"MetricName", "Good"}, {"Value", 1}},
                    {{"MetricName", "Bad"},
                     {"Value", 1},
                     {"StatisticValues", {{"SampleCount", 1}, {"Sum", 1}, {"Minimum", 1}, {"Maximum", 1}}}}}}});
  CHECK(e.code == "InvalidParameterCombination");
  CHECK(stats("Good").empty());
  CHECK(f.err("PutMetricData", {{"Namespace", "AWS/DynamoDB"}, {"MetricData", {{{"MetricName", "X"}, {"Value", 1}}}}})
            .code == "InvalidParameterValue");
  CHECK(f.err("PutMetricData",
              {{"Namespace", "Shop"}, {"MetricData", {{{"MetricName", "X"}, {"Value", 1}, {"Unit", "Parsecs"}}}}})
            .code == "InvalidParameterValue");
  CHECK(f.err("PutMetricData",
              {{"Namespace", "Shop"},
               {"MetricData",
                {{{"MetricName", "X"}, {"Value", 1}, {"Timestamp", f.epoch(f.now - std::chrono::hours(24 * 15))}}}}})
            .message.find("past two weeks") != std::string::npos);
  CHECK(f.err("PutMetricData", {{"Namespace", "Shop"}}).code == "MissingParameter");
  CHECK(
      f.err("PutMetricData", {{"Namespace", "Shop"},
                              {"MetricData",
                               {{{"MetricName", "X"},
                                 {"Value", 1},
                                 {"Dimensions", {{{"Name", "A"}, {"Value", "1"}}, {{"Name", "A"}, {"Value", "2"}}}}}}}})
          .code == "InvalidParameterValue");
}

TEST_CASE("cloudwatch: GetMetricData runs metric queries and arithmetic expressions, newest first", "[cloudwatch]") {
  CloudWatchFixture f;
  const TimePoint m0 = f.now - std::chrono::seconds(30);
  for (int i = 0; i < 3; ++i) {
    f.emit("AWS/DynamoDB", "ConsumedWriteCapacityUnits", {{"TableName", "t"}}, 60.0 * (i + 1), "Count",
           m0 + std::chrono::minutes(i));
    f.emit("AWS/DynamoDB", "ProvisionedWriteCapacityUnits", {{"TableName", "t"}}, 5, "Count",
           m0 + std::chrono::minutes(i));
  }
  auto metric = [](const std::string& name) {
    return nlohmann::json{{"Namespace", "AWS/DynamoDB"}, {"MetricName", name}, {"Dimensions", table_dims("t")}};
  };
  nlohmann::json queries = {
      {{"Id", "consumed"},
       {"MetricStat", {{"Metric", metric("ConsumedWriteCapacityUnits")}, {"Period", 60}, {"Stat", "Sum"}}},
       {"ReturnData", false}},
      {{"Id", "provisioned"},
       {"MetricStat", {{"Metric", metric("ProvisionedWriteCapacityUnits")}, {"Period", 60}, {"Stat", "Average"}}},
       {"ReturnData", false}},
      {{"Id", "utilization"}, {"Expression", "consumed / 60 / provisioned * 100"}, {"Label", "WCU %"}}};
  const auto body = f.ok(
      "GetMetricData",
      {{"MetricDataQueries", queries}, {"StartTime", f.epoch(m0)}, {"EndTime", f.epoch(m0 + std::chrono::minutes(3))}});
  REQUIRE(body["MetricDataResults"].size() == 1);
  const auto& r = body["MetricDataResults"][0];
  CHECK(r["Id"] == "utilization");
  CHECK(r["Label"] == "WCU %");
  CHECK(r["StatusCode"] == "Complete");
  CHECK(r["Values"] == nlohmann::json::array({60.0, 40.0, 20.0}));  // descending by time
  CHECK(r["Timestamps"][0].get<double>() == f.epoch(m0 + std::chrono::minutes(2)));

  // Paginated by MaxDatapoints.
  queries[0]["ReturnData"] = true;
  auto page = f.ok("GetMetricData", {{"MetricDataQueries", queries},
                                     {"StartTime", f.epoch(m0)},
                                     {"EndTime", f.epoch(m0 + std::chrono::minutes(3))},
                                     {"MaxDatapoints", 4},
                                     {"ScanBy", "TimestampAscending"}});
  CHECK(page["MetricDataResults"][0]["Values"] == nlohmann::json::array({60.0, 120.0, 180.0}));
  CHECK(page["MetricDataResults"][1]["Values"].size() == 1);
  CHECK(page["MetricDataResults"][1]["StatusCode"] == "PartialData");
  REQUIRE(page.contains("NextToken"));
  auto next = f.ok("GetMetricData", {{"MetricDataQueries", queries},
                                     {"StartTime", f.epoch(m0)},
                                     {"EndTime", f.epoch(m0 + std::chrono::minutes(3))},
                                     {"MaxDatapoints", 4},
                                     {"ScanBy", "TimestampAscending"},
                                     {"NextToken", page["NextToken"]}});
  CHECK(next["MetricDataResults"][0]["Values"].empty());
  CHECK(next["MetricDataResults"][1]["Values"] == nlohmann::json::array({40.0, 60.0}));
  CHECK_FALSE(next.contains("NextToken"));
}

TEST_CASE("cloudwatch: GetMetricData rejects bad ids, unknown references, cycles and functions", "[cloudwatch]") {
  CloudWatchFixture f;
  auto run = [&](nlohmann::json queries) {
    return f.err("GetMetricData", {{"MetricDataQueries", queries},
                                   {"StartTime", f.epoch(f.now - std::chrono::hours(1))},
                                   {"EndTime", f.epoch(f.now)}});
  };
  CHECK(run({{{"Id", "M1"}, {"Expression", "1"}}}).code == "InvalidParameterValue");
  CHECK(run({{{"Id", "e1"}, {"Expression", "m9 * 2"}}}).message.find("Unknown id m9") != std::string::npos);
  CHECK(
      run({{{"Id", "a"}, {"Expression", "b + 1"}}, {{"Id", "b"}, {"Expression", "a + 1"}}}).message.find("circular") !=
      std::string::npos);
  CHECK(run({{{"Id", "e1"}, {"Expression", "SUM(METRICS())"}}}).message.find("Unsupported function SUM") !=
        std::string::npos);
  CHECK(run({{{"Id", "e1"}, {"Expression", "(1 + 2"}}}).message.find("Expected ')'") != std::string::npos);
  CHECK(run({{{"Id", "e1"}}}).code == "MissingParameter");
  CHECK(
      run({{{"Id", "e1"}, {"Expression", "1"}}, {{"Id", "e1"}, {"Expression", "2"}}}).message.find("more than once") !=
      std::string::npos);
}

TEST_CASE("cloudwatch: ListMetrics filters by namespace, name, dimensions and recent activity", "[cloudwatch]") {
  CloudWatchFixture f;
  f.emit("AWS/DynamoDB", "ConsumedReadCapacityUnits", {{"TableName", "a"}}, 1);
  f.emit("AWS/DynamoDB", "ConsumedReadCapacityUnits", {{"TableName", "b"}}, 1);
  f.emit("AWS/DynamoDB", "ConsumedReadCapacityUnits", {{"TableName", "a"}, {"GlobalSecondaryIndexName", "g"}}, 1);
  f.emit("AWS/Usage", "CallCount", {{"Service", "DynamoDB"}}, 1, "None", f.now - std::chrono::hours(5));
  auto list = [&](nlohmann::json p) { return f.ok("ListMetrics", std::move(p))["Metrics"]; };
  CHECK(list({}).size() == 4);
  CHECK(list({{"Namespace", "AWS/DynamoDB"}}).size() == 3);
  CHECK(list({{"Dimensions", {{{"Name", "TableName"}, {"Value", "a"}}}}}).size() == 2);
  CHECK(list({{"Dimensions", {{{"Name", "GlobalSecondaryIndexName"}}}}}).size() == 1);
  CHECK(list({{"RecentlyActive", "PT3H"}}).size() == 3);
  CHECK(list({{"MetricName", "CallCount"}})[0]["Namespace"] == "AWS/Usage");
  CHECK(f.err("ListMetrics", {{"NextToken", "forged"}}).code == "InvalidNextToken");
  CHECK(f.err("ListMetrics", {{"RecentlyActive", "PT1H"}}).code == "InvalidParameterValue");
}
