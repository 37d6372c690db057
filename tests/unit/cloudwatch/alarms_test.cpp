#include <catch2/catch.hpp>

#include "cloudwatch_fixture.hpp"

using namespace chokepoint;
using chokepoint::test::CloudWatchFixture;
using chokepoint::test::table_dims;

namespace {

// "ConsumedWriteCapacityUnits over 80 % of a 10 WCU table": the per-minute sum above 0.8 * 10 * 60.
nlohmann::json wcu_alarm(const std::string& name) {
  return {{"AlarmName", name},
          {"Namespace", "AWS/DynamoDB"},
          {"MetricName", "ConsumedWriteCapacityUnits"},
          {"Dimensions", table_dims("orders")},
          {"Statistic", "Sum"},
          {"Period", 60},
          {"EvaluationPeriods", 1},
          {"Threshold", 480},
          {"ComparisonOperator", "GreaterThanThreshold"},
          {"AlarmActions", {"arn:aws:sns:us-east-1:111111111111:ops"}}};
}

nlohmann::json describe(CloudWatchFixture& f, nlohmann::json params = nlohmann::json::object()) {
  return f.ok("DescribeAlarms", std::move(params))["MetricAlarms"];
}

void write_units(CloudWatchFixture& f, double units) {
  f.emit("AWS/DynamoDB", "ConsumedWriteCapacityUnits", {{"TableName", "orders"}}, units);
}

}  // namespace

TEST_CASE("cloudwatch alarms: consumed write capacity above 80 % of provisioned goes to ALARM", "[cloudwatch]") {
  CloudWatchFixture f;
  f.ok("PutMetricAlarm", wcu_alarm("orders-wcu-80"));
  auto alarms = describe(f);
  REQUIRE(alarms.size() == 1);
  CHECK(alarms[0]["StateValue"] == "INSUFFICIENT_DATA");
  CHECK(alarms[0]["AlarmArn"] == "arn:aws:cloudwatch:us-east-1:111111111111:alarm:orders-wcu-80");
  CHECK(alarms[0]["AlarmActions"][0] == "arn:aws:sns:us-east-1:111111111111:ops");

  write_units(f, 300);  // 50 %
  CHECK(describe(f)[0]["StateValue"] == "OK");
  write_units(f, 250);  // 550 of 600: 92 %
  alarms = describe(f);
  CHECK(alarms[0]["StateValue"] == "ALARM");
  CHECK(alarms[0]["StateReason"].get<std::string>().find("Threshold Crossed: 1 datapoint [550.0") == 0);
  const auto data = nlohmann::json::parse(alarms[0]["StateReasonData"].get<std::string>());
  CHECK(data["recentDatapoints"] == nlohmann::json::array({550.0}));
  CHECK(data["threshold"] == 480.0);

  // The next minutes without writes: the data is missing, so the alarm has nothing to say (missing => INSUFFICIENT).
  f.now += std::chrono::minutes(2);
  CHECK(describe(f)[0]["StateValue"] == "INSUFFICIENT_DATA");
  const auto history =
      f.ok("DescribeAlarmHistory", {{"AlarmName", "orders-wcu-80"}, {"HistoryItemType", "StateUpdate"}});
  REQUIRE(history["AlarmHistoryItems"].size() == 3);  // newest first
  CHECK(history["AlarmHistoryItems"][0]["HistorySummary"] == "Alarm updated from ALARM to INSUFFICIENT_DATA");
  CHECK(history["AlarmHistoryItems"][1]["HistorySummary"] == "Alarm updated from OK to ALARM");
}

TEST_CASE("cloudwatch alarms: a metric-math alarm on utilization in percent", "[cloudwatch]") {
  CloudWatchFixture f;
  auto metric = [](const std::string& name) {
    return nlohmann::json{{"Namespace", "AWS/DynamoDB"}, {"MetricName", name}, {"Dimensions", table_dims("orders")}};
  };
  f.ok("PutMetricAlarm",
       {{"AlarmName", "util"},
        {"Metrics",
         {{{"Id", "c"},
           {"MetricStat", {{"Metric", metric("ConsumedWriteCapacityUnits")}, {"Period", 60}, {"Stat", "Sum"}}},
           {"ReturnData", false}},
          {{"Id", "p"},
           {"MetricStat", {{"Metric", metric("ProvisionedWriteCapacityUnits")}, {"Period", 60}, {"Stat", "Average"}}},
           {"ReturnData", false}},
          {{"Id", "u"}, {"Expression", "c / 60 / p * 100"}}}},
        {"EvaluationPeriods", 1},
        {"Threshold", 80},
        {"ComparisonOperator", "GreaterThanOrEqualToThreshold"}});
  f.emit("AWS/DynamoDB", "ProvisionedWriteCapacityUnits", {{"TableName", "orders"}}, 10);
  write_units(f, 400);
  CHECK(describe(f)[0]["StateValue"] == "OK");
  write_units(f, 100);
  const auto alarm = describe(f)[0];
  CHECK(alarm["StateValue"] == "ALARM");
  CHECK(alarm["Metrics"].size() == 3);
  CHECK_FALSE(alarm.contains("MetricName"));
  CHECK(f.err("PutMetricAlarm", {{"AlarmName", "x"},
                                 {"Metrics", {{{"Id", "u"}, {"Expression", "1"}, {"ReturnData", false}}}},
                                 {"EvaluationPeriods", 1},
                                 {"Threshold", 1},
                                 {"ComparisonOperator", "GreaterThanThreshold"}})
            .message.find("ReturnData") != std::string::npos);
}

TEST_CASE("cloudwatch alarms: complete periods only when evaluate_partial_period is off", "[cloudwatch]") {
  CloudWatchFixture f("metrics: {alarms: {evaluate_partial_period: false}}");
  f.ok("PutMetricAlarm", wcu_alarm("a"));
  write_units(f, 1000);
  CHECK(describe(f)[0]["StateValue"] == "INSUFFICIENT_DATA");  // the current minute is not complete yet
  f.now += std::chrono::seconds(30);
  CHECK(describe(f)[0]["StateValue"] == "ALARM");
}

TEST_CASE("cloudwatch alarms: TreatMissingData and DatapointsToAlarm", "[cloudwatch]") {
  CloudWatchFixture f;
  auto alarm = wcu_alarm("m-of-n");
  alarm["EvaluationPeriods"] = 3;
  alarm["DatapointsToAlarm"] = 2;
  alarm["TreatMissingData"] = "breaching";
  f.ok("PutMetricAlarm", alarm);
  write_units(f, 1);  // one low datapoint, two missing ones count as breaching
  CHECK(describe(f)[0]["StateValue"] == "ALARM");
  alarm["TreatMissingData"] = "notBreaching";
  f.ok("PutMetricAlarm", alarm);
  const auto updated = describe(f)[0];
  CHECK(updated["StateValue"] == "OK");
  CHECK(updated["TreatMissingData"] == "notBreaching");
  CHECK(updated["DatapointsToAlarm"] == 2);
}

TEST_CASE("cloudwatch alarms: filters, SetAlarmState, actions, DeleteAlarms", "[cloudwatch]") {
  CloudWatchFixture f;
  for (const char* name : {"app-a", "app-b", "db-a"}) f.ok("PutMetricAlarm", wcu_alarm(name));
  CHECK(describe(f, {{"AlarmNamePrefix", "app-"}}).size() == 2);
  CHECK(describe(f, {{"AlarmNames", {"db-a", "nope"}}}).size() == 1);
  CHECK(describe(f, {{"ActionPrefix", "arn:aws:sns:"}}).size() == 3);
  CHECK(describe(f, {{"AlarmTypes", {"CompositeAlarm"}}}).empty());
  CHECK(f.ok("DescribeAlarms", {{"AlarmTypes", {"CompositeAlarm"}}})["CompositeAlarms"].empty());
  auto page = f.ok("DescribeAlarms", {{"MaxRecords", 2}});
  CHECK(page["MetricAlarms"].size() == 2);
  CHECK(f.ok("DescribeAlarms", {{"MaxRecords", 2}, {"NextToken", page["NextToken"]}})["MetricAlarms"][0]["AlarmName"] ==
        "db-a");
  CHECK(f.err("DescribeAlarms", {{"AlarmNames", {"a"}}, {"AlarmNamePrefix", "a"}}).code ==
        "InvalidParameterCombination");

  f.ok("SetAlarmState", {{"AlarmName", "app-a"}, {"StateValue", "ALARM"}, {"StateReason", "testing"}});
  CHECK(describe(f, {{"StateValue", "ALARM"}}).size() == 1);
  f.now += std::chrono::seconds(61);  // the next evaluation puts it back
  CHECK(describe(f, {{"StateValue", "ALARM"}}).empty());
  CHECK(f.err("SetAlarmState",
              {{"AlarmName", "app-a"}, {"StateValue", "OK"}, {"StateReason", "x"}, {"StateReasonData", "{"}})
            .code == "InvalidFormat");
  CHECK(f.err("SetAlarmState", {{"AlarmName", "none"}, {"StateValue", "OK"}, {"StateReason", "x"}}).http_status == 404);

  f.ok("DisableAlarmActions", {{"AlarmNames", {"app-b"}}});
  CHECK(describe(f, {{"AlarmNames", {"app-b"}}})[0]["ActionsEnabled"] == false);

  // A name that does not exist is no error; the names that do are deleted all the same (as AWS documents).
  f.ok("DeleteAlarms", {{"AlarmNames", {"app-a", "missing"}}});
  CHECK(describe(f).size() == 2);
  CHECK(f.err("DeleteAlarms", {{"AlarmNames", {""}}}).code == "InvalidParameterValue");  // malformed: none deleted
  CHECK(describe(f).size() == 2);
  f.ok("DeleteAlarms", {{"AlarmNames", {"app-b"}}});
  CHECK(describe(f).size() == 1);
}

TEST_CASE("cloudwatch alarms: PutMetricAlarm validation and the alarm limit", "[cloudwatch]") {
  CloudWatchFixture f("metrics: {alarms: {max_alarms: 2}}");
  auto a = wcu_alarm("x");
  a.erase("Statistic");
  CHECK(f.err("PutMetricAlarm", a).code == "InvalidParameterCombination");
  a = wcu_alarm("x");
  a["ComparisonOperator"] = "Bigger";
  CHECK(f.err("PutMetricAlarm", a).code == "InvalidParameterValue");
  a = wcu_alarm("x");
  a["EvaluationPeriods"] = 1441;
  CHECK(f.err("PutMetricAlarm", a).message.find("more than a day") != std::string::npos);
  a = wcu_alarm("x");
  a["DatapointsToAlarm"] = 2;
  CHECK(f.err("PutMetricAlarm", a).code == "InvalidParameterValue");
  a = wcu_alarm("x");
  a.erase("Threshold");
  CHECK(f.err("PutMetricAlarm", a).code == "MissingParameter");
  f.ok("PutMetricAlarm", wcu_alarm("one"));
  f.ok("PutMetricAlarm", wcu_alarm("two"));
  f.ok("PutMetricAlarm", wcu_alarm("two"));  // an update is not a new alarm
  const auto e = f.err("PutMetricAlarm", wcu_alarm("three"));
  CHECK(e.code == "LimitExceeded");
  CHECK(e.json_type == "LimitExceededFault");
}

TEST_CASE("cloudwatch alarms: DescribeAlarmsForMetric matches the metric and its filters", "[cloudwatch]") {
  CloudWatchFixture f;
  f.ok("PutMetricAlarm", wcu_alarm("sum"));
  auto avg = wcu_alarm("avg");
  avg["Statistic"] = "Average";
  f.ok("PutMetricAlarm", avg);
  nlohmann::json query{{"Namespace", "AWS/DynamoDB"},
                       {"MetricName", "ConsumedWriteCapacityUnits"},
                       {"Dimensions", table_dims("orders")}};
  CHECK(f.ok("DescribeAlarmsForMetric", query)["MetricAlarms"].size() == 2);
  query["Statistic"] = "Average";
  CHECK(f.ok("DescribeAlarmsForMetric", query)["MetricAlarms"][0]["AlarmName"] == "avg");
  query["Dimensions"] = table_dims("other");
  CHECK(f.ok("DescribeAlarmsForMetric", query)["MetricAlarms"].empty());
}

TEST_CASE("cloudwatch alarms: a clock moved on by minutes evaluates each period as it ended", "[cloudwatch][clock]") {
  CloudWatchFixture f;
  const TimePoint created = f.now;  // 30 s into minute M0
  const TimePoint m0 = created - std::chrono::seconds(30);
  f.ok("PutMetricAlarm", wcu_alarm("orders-wcu-80"));
  // Ten minutes of writes, minutes 3 to 5 above the threshold, all in the store before the alarm is read again.
  for (int minute = 0; minute < 10; ++minute) {
    f.emit("AWS/DynamoDB", "ConsumedWriteCapacityUnits", {{"TableName", "orders"}},
           minute >= 3 && minute <= 5 ? 550 : 100, "Count", created + std::chrono::minutes(minute));
  }
  f.now = created + std::chrono::minutes(10);
  CHECK(describe(f)[0]["StateValue"] == "INSUFFICIENT_DATA");  // minute 10 has no data yet

  auto items = f.ok("DescribeAlarmHistory",
                    {{"AlarmName", "orders-wcu-80"}, {"HistoryItemType", "StateUpdate"}})["AlarmHistoryItems"];
  REQUIRE(items.size() == 4);  // newest first
  auto at = [&](size_t i) { return items[items.size() - 1 - i]; };
  CHECK(at(0)["HistorySummary"] == "Alarm updated from INSUFFICIENT_DATA to OK");
  CHECK(at(0)["Timestamp"] == f.epoch(m0 + std::chrono::minutes(1)));  // when minute 0 ended
  CHECK(at(1)["HistorySummary"] == "Alarm updated from OK to ALARM");
  CHECK(at(1)["Timestamp"] == f.epoch(m0 + std::chrono::minutes(4)));  // when minute 3 ended
  CHECK(at(2)["HistorySummary"] == "Alarm updated from ALARM to OK");
  CHECK(at(2)["Timestamp"] == f.epoch(m0 + std::chrono::minutes(7)));  // when minute 6 ended
  CHECK(at(3)["HistorySummary"] == "Alarm updated from OK to INSUFFICIENT_DATA");
  CHECK(at(3)["Timestamp"] == f.epoch(f.now));
}
