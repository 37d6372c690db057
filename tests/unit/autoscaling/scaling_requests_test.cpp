#include <catch2/catch.hpp>

#include "services/autoscaling/scaling_requests.hpp"

namespace chokepoint {
namespace {

using nlohmann::json;

TEST_CASE("autoscaling: resource ids and dimensions", "[autoscaling]") {
  auto table = parse_scalable_resource("table/orders", "dynamodb:table:WriteCapacityUnits");
  REQUIRE(table);
  CHECK(table->table == "orders");
  CHECK(table->index.empty());
  CHECK(table->write);
  auto index = parse_scalable_resource("table/orders/index/by-day", "dynamodb:index:ReadCapacityUnits");
  REQUIRE(index);
  CHECK(index->table == "orders");
  CHECK(index->index == "by-day");
  CHECK_FALSE(index->write);
  CHECK_FALSE(parse_scalable_resource("table/orders", "dynamodb:index:ReadCapacityUnits"));
  CHECK_FALSE(parse_scalable_resource("table/orders/index/x", "dynamodb:table:ReadCapacityUnits"));
  CHECK_FALSE(parse_scalable_resource("orders", "dynamodb:table:ReadCapacityUnits"));
  CHECK_FALSE(parse_scalable_resource("table/", "dynamodb:table:ReadCapacityUnits"));
  CHECK(parse_scalable_resource("table/t", "ecs:service:DesiredCount").error().code == "ValidationException");
}

TEST_CASE("autoscaling: capacity read from DescribeTable and the UpdateTable that changes it", "[autoscaling]") {
  const json described = {
      {"Table",
       {{"TableStatus", "ACTIVE"},
        {"ProvisionedThroughput", {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 10}}},
        {"GlobalSecondaryIndexes",
         json::array({{{"IndexName", "by-day"},
                       {"IndexStatus", "UPDATING"},
                       {"ProvisionedThroughput", {{"ReadCapacityUnits", 3}, {"WriteCapacityUnits", 4}}}}})}}}};
  const auto table = *parse_scalable_resource("table/t", "dynamodb:table:WriteCapacityUnits");
  CHECK(provisioned_capacity(described, table) == std::make_pair(10LL, true));
  const auto index = *parse_scalable_resource("table/t/index/by-day", "dynamodb:index:ReadCapacityUnits");
  CHECK(provisioned_capacity(described, index) == std::make_pair(3LL, false));  // the index is still updating
  CHECK_FALSE(provisioned_capacity(
      json{{"Table", {{"TableStatus", "ACTIVE"}, {"ProvisionedThroughput", {{"WriteCapacityUnits", 0}}}}}}, table));

  CHECK(update_capacity_request(described, table, 20) ==
        json{{"TableName", "t"}, {"ProvisionedThroughput", {{"ReadCapacityUnits", 5}, {"WriteCapacityUnits", 20}}}});
  const json index_update = update_capacity_request(described, index, 9);
  CHECK(index_update["GlobalSecondaryIndexUpdates"][0]["Update"]["ProvisionedThroughput"] ==
        json{{"ReadCapacityUnits", 9}, {"WriteCapacityUnits", 4}});
}

TEST_CASE("autoscaling: target tracking's alarms and the capacity it asks for", "[autoscaling]") {
  TargetTrackingPolicy policy;
  policy.target_value = 70;
  policy.arn = "arn:aws:autoscaling:us-east-1:1:scalingPolicy:x";
  policy.alarm_high = "TargetTracking-table/t-AlarmHigh-1";
  policy.alarm_low = "TargetTracking-table/t-AlarmLow-2";
  const auto resource = *parse_scalable_resource("table/t/index/i", "dynamodb:index:WriteCapacityUnits");
  const json high = alarm_request(resource, policy, true, 58);
  CHECK(high["MetricName"] == "ConsumedWriteCapacityUnits");
  CHECK(high["Threshold"] == 2436.0);  // 70 % of 58 units for 60 s
  CHECK(high["EvaluationPeriods"] == kHighAlarmMinutes);
  CHECK(high["Dimensions"][1] == json{{"Name", "GlobalSecondaryIndexName"}, {"Value", "i"}});
  const json low = alarm_request(resource, policy, false, 58);
  CHECK(low["Threshold"] == 1740.0);  // 50 %
  CHECK(low["EvaluationPeriods"] == kLowAlarmMinutes);
  CHECK(low["ComparisonOperator"] == "LessThanThreshold");
  CHECK(low["AlarmActions"] == json::array({policy.arn}));

  CHECK(desired_capacity(40, 70, 10, 1000) == 58);
  CHECK(desired_capacity(7, 70, 10, 1000) == 10);  // never below the minimum
  CHECK(desired_capacity(4000, 70, 10, 1000) == 1000);
  CHECK(desired_capacity(14, 70, 1, 1000) == 20);  // exactly on target: no extra unit
}

}  // namespace
}  // namespace chokepoint

namespace chokepoint {
namespace {

TEST_CASE("autoscaling: customized metrics in target tracking", "[autoscaling]") {
  using nlohmann::json;
  const json spec = {{"MetricName", "QueueDepthPerUnit"},
                     {"Namespace", "App"},
                     {"Dimensions", json::array({{{"Name", "Queue"}, {"Value", "jobs"}}})},
                     {"Statistic", "Average"},
                     {"Unit", "Count"}};
  REQUIRE(read_customized_metric(spec));
  CHECK_FALSE(read_customized_metric({{"MetricName", "m"}, {"Namespace", "App"}}));  // no Statistic
  CHECK_FALSE(read_customized_metric({{"MetricName", "m"}, {"Namespace", "App"}, {"Statistic", "p99"}}));
  CHECK_FALSE(read_customized_metric(
      {{"MetricName", "m"}, {"Namespace", "App"}, {"Statistic", "Sum"}, {"Dimensions", json::array({{{"Name", "x"}}})}}));
  const json math = {{"Metrics", json::array({{{"Id", "a"},
                                               {"MetricStat",
                                                {{"Metric", {{"MetricName", "Backlog"}, {"Namespace", "App"}}},
                                                 {"Stat", "Sum"}}},
                                               {"ReturnData", false}},
                                              {{"Id", "e"}, {"Expression", "a / 10"}, {"ReturnData", true}}})}};
  REQUIRE(read_customized_metric(math));
  json two_returning = math;
  two_returning["Metrics"][0]["ReturnData"] = true;
  CHECK_FALSE(read_customized_metric(two_returning));

  TargetTrackingPolicy policy;
  policy.target_value = 50;
  policy.arn = "arn:policy";
  policy.alarm_high = "high";
  policy.alarm_low = "low";
  policy.customized_metric = spec;
  const auto table = *parse_scalable_resource("table/t", "dynamodb:table:WriteCapacityUnits");
  const json high = alarm_request(table, policy, true, 10);
  CHECK(high["MetricName"] == "QueueDepthPerUnit");
  CHECK(high["Statistic"] == "Average");
  CHECK(high["Threshold"] == 50.0);  // the metric itself, whatever the capacity
  CHECK(high["EvaluationPeriods"] == kHighAlarmMinutes);
  const json low = alarm_request(table, policy, false, 10);
  CHECK(low["Threshold"] == 45.0);
  CHECK(low["EvaluationPeriods"] == kLowAlarmMinutes);
  CHECK(alarm_metric_queries(high)[0]["MetricStat"]["Stat"] == "Average");
  policy.customized_metric = math;
  const json math_alarm = alarm_request(table, policy, true, 10);
  CHECK(math_alarm["Metrics"][0]["MetricStat"]["Period"] == 60);
  CHECK(alarm_metric_queries(math_alarm) == math_alarm["Metrics"]);

  CHECK(tracked_capacity(100, 50, 10, 1, 1000) == 20);  // twice the target: twice the capacity
  CHECK(tracked_capacity(20, 50, 10, 1, 1000) == 4);
  CHECK(tracked_capacity(20, 50, 10, 5, 1000) == 5);
  CHECK(newest_metric_value({{"MetricDataResults",
                              json::array({{{"Timestamps", json::array({120.0, 60.0})},
                                            {"Values", json::array({7.0, 3.0})}}})}}) == 7.0);
  CHECK_FALSE(newest_metric_value(json::object()));
}

}  // namespace
}  // namespace chokepoint
