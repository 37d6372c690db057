#include <catch2/catch.hpp>

#include "cloudwatch_fixture.hpp"
#include "services/cloudwatch/alarm_rule.hpp"

using namespace chokepoint;
using chokepoint::test::CloudWatchFixture;

namespace {

constexpr std::string_view kOwnPrefix = "arn:aws:cloudwatch:us-east-1:111111111111:alarm:";

nlohmann::json child_alarm(const std::string& name) {
  return {{"AlarmName", name},      {"Namespace", "App"},
          {"MetricName", "Errors"}, {"Statistic", "Sum"},
          {"Period", 60},           {"EvaluationPeriods", 1},
          {"Threshold", 1},         {"ComparisonOperator", "GreaterThanOrEqualToThreshold"}};
}

void set_state(CloudWatchFixture& f, const std::string& name, const std::string& state) {
  f.ok("SetAlarmState", {{"AlarmName", name}, {"StateValue", state}, {"StateReason", "test"}});
}

nlohmann::json composites(CloudWatchFixture& f, nlohmann::json params = nlohmann::json::object()) {
  params["AlarmTypes"] = {"CompositeAlarm"};
  return f.ok("DescribeAlarms", std::move(params))["CompositeAlarms"];
}

std::string composite_state(CloudWatchFixture& f, const std::string& name) {
  const auto found = composites(f, {{"AlarmNames", {name}}});
  REQUIRE(found.size() == 1);
  return found[0]["StateValue"];
}

}  // namespace

TEST_CASE("alarm rules: the forms AWS documents, NOT before AND before OR", "[cloudwatch][composite]") {
  auto rule = AlarmRule::parse(
      R"(ALARM(cpu) OR ALARM("disk io") AND NOT OK(arn:aws:cloudwatch:us-east-1:111111111111:alarm:net))", kOwnPrefix);
  REQUIRE(rule);
  CHECK(rule->children() == std::vector<std::string>{"cpu", "disk io", "net"});
  std::map<std::string, std::string> states{{"cpu", "OK"}, {"disk io", "ALARM"}, {"net", "ALARM"}};
  const AlarmRule::StateOf state_of = [&](const std::string& n) { return states.count(n) ? states.at(n) : ""; };
  CHECK(rule->holds(state_of));  // cpu OR (disk AND NOT net-OK)
  CHECK(rule->satisfied(state_of) == std::vector<std::string>{"disk io"});
  states["disk io"] = "OK";
  CHECK_FALSE(rule->holds(state_of));
  states["cpu"] = "ALARM";
  CHECK(rule->holds(state_of));

  auto grouped = AlarmRule::parse("(ALARM(a) OR ALARM(b)) AND INSUFFICIENT_DATA(c)", kOwnPrefix);
  REQUIRE(grouped);
  const AlarmRule::StateOf only_a = [](const std::string& n) { return n == "a" ? "ALARM" : "OK"; };
  CHECK_FALSE(grouped->holds(only_a));
  // [CWAPI]: "change the AlarmRule ... to false" breaks a cycle; TRUE and FALSE are accepted in either case.
  REQUIRE(AlarmRule::parse("false", kOwnPrefix));
  CHECK_FALSE(AlarmRule::parse("false", kOwnPrefix)->holds(only_a));
  CHECK(AlarmRule::parse("TRUE", kOwnPrefix)->children().empty());
  // Another account's ARN stays as it is: it names no alarm here.
  auto foreign = AlarmRule::parse("ALARM(arn:aws:cloudwatch:us-east-1:999999999999:alarm:x)", kOwnPrefix);
  REQUIRE(foreign);
  CHECK(foreign->children().front() == "arn:aws:cloudwatch:us-east-1:999999999999:alarm:x");
}

TEST_CASE("alarm rules: malformed rules are ValidationErrors", "[cloudwatch][composite]") {
  for (const char* text : {"", " ALARM(a)", "ALARM(a) ", "ALARM(a) AND", "ALARM(a", "ALARM()", "ALARM(\"a)", "MAYBE(a)",
                           "(ALARM(a)", "ALARM(a) ALARM(b)", "NOT"}) {
    INFO(text);
    auto rule = AlarmRule::parse(text, kOwnPrefix);
    REQUIRE_FALSE(rule);
    CHECK(rule.error().code == "ValidationError");
  }
  CHECK(AlarmRule::parse(" ALARM(a)", kOwnPrefix).error().message ==
        "AlarmRule must not contain leading or trailing whitespace or be null");
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "NOT ";
  CHECK_FALSE(AlarmRule::parse(deep + "TRUE", kOwnPrefix));  // refused, not a stack overflow
  std::string many = "ALARM(a0)";
  for (int i = 1; i <= 100; ++i) many += " OR ALARM(a" + std::to_string(i) + ")";
  CHECK_FALSE(AlarmRule::parse(many, kOwnPrefix));  // 101 children
}

TEST_CASE("composite alarms: follow their children, with CloudWatch's reason and data", "[cloudwatch][composite]") {
  CloudWatchFixture f;
  f.ok("PutMetricAlarm", child_alarm("errors"));
  f.ok("PutMetricAlarm", child_alarm("deploying"));
  const auto missing = f.err("PutCompositeAlarm", {{"AlarmName", "svc"}, {"AlarmRule", "ALARM(errors) OR ALARM(x)"}});
  CHECK(missing.code == "ValidationError");
  CHECK(missing.message == "Could not save the composite alarm as alarms [x] in the alarm rule do not exist");
  CHECK(composites(f).empty());

  f.ok("PutCompositeAlarm", {{"AlarmName", "svc"},
                             {"AlarmRule", "ALARM(errors) AND NOT ALARM(deploying)"},
                             {"AlarmActions", {"arn:aws:sns:us-east-1:111111111111:pager"}},
                             {"Tags", {{{"Key", "team"}, {"Value", "ops"}}}}});
  // Evaluated at once: the children are in INSUFFICIENT_DATA, so the rule is false.
  CHECK(composite_state(f, "svc") == "OK");
  // DescribeAlarms without AlarmTypes lists metric alarms only.
  CHECK(f.ok("DescribeAlarms", {{"AlarmNames", {"svc"}}})["MetricAlarms"].empty());

  f.now += std::chrono::seconds(5);
  set_state(f, "errors", "ALARM");
  const auto svc = composites(f, {{"AlarmNames", {"svc"}}})[0];
  CHECK(svc["StateValue"] == "ALARM");
  CHECK(svc["AlarmRule"] == "ALARM(errors) AND NOT ALARM(deploying)");
  const std::string reason = svc["StateReason"];
  CHECK(reason.rfind(std::string(kOwnPrefix) + "errors transitioned to ALARM at ", 0) == 0);
  CHECK(reason.size() > 4);
  CHECK(reason.substr(reason.size() - 4) == " UTC");
  const auto data = nlohmann::json::parse(svc["StateReasonData"].get<std::string>());
  CHECK(data["triggeringAlarms"][0]["arn"] == std::string(kOwnPrefix) + "errors");
  CHECK(data["triggeringAlarms"][0]["state"]["value"] == "ALARM");
  CHECK(data["triggeringAlarms"][0]["state"]["timestamp"].get<std::string>().ends_with("+0000"));

  set_state(f, "deploying", "ALARM");  // suppressed during a deployment
  CHECK(composite_state(f, "svc") == "OK");

  const auto history = f.ok("DescribeAlarmHistory", {{"AlarmName", "svc"}, {"AlarmTypes", {"CompositeAlarm"}}});
  REQUIRE(history["AlarmHistoryItems"].size() >= 3);
  CHECK(history["AlarmHistoryItems"][0]["AlarmType"] == "CompositeAlarm");
  CHECK(f.ok("DescribeAlarmHistory", {{"AlarmName", "svc"}})["AlarmHistoryItems"].empty());
  CHECK(f.ok("ListTagsForResource", {{"ResourceARN", std::string(kOwnPrefix) + "svc"}})["Tags"][0]["Key"] == "team");
}

TEST_CASE("composite alarms: SetAlarmState holds until a child changes", "[cloudwatch][composite]") {
  CloudWatchFixture f;
  f.ok("PutMetricAlarm", child_alarm("a"));
  f.ok("PutCompositeAlarm", {{"AlarmName", "c"}, {"AlarmRule", "ALARM(a)"}});
  set_state(f, "c", "ALARM");
  f.now += std::chrono::minutes(10);
  CHECK(composite_state(f, "c") == "ALARM");
  set_state(f, "a", "OK");
  CHECK(composite_state(f, "c") == "OK");
}

TEST_CASE("composite alarms: composites of composites, cycles, family filters", "[cloudwatch][composite]") {
  CloudWatchFixture f;
  f.ok("PutMetricAlarm", child_alarm("a"));
  f.ok("PutMetricAlarm", child_alarm("b"));
  f.ok("PutCompositeAlarm", {{"AlarmName", "mid"}, {"AlarmRule", "ALARM(a)"}});
  f.ok("PutCompositeAlarm", {{"AlarmName", "top"}, {"AlarmRule", "ALARM(mid) OR ALARM(b)"}});
  set_state(f, "a", "ALARM");
  CHECK(composite_state(f, "top") == "ALARM");  // through mid, in one read

  const auto kids = f.ok("DescribeAlarms", {{"ChildrenOfAlarmName", "top"}});
  REQUIRE(kids["MetricAlarms"].size() == 1);
  CHECK(kids["MetricAlarms"][0]["AlarmName"] == "b");
  CHECK_FALSE(kids["MetricAlarms"][0].contains("Namespace"));  // name, ARN, state and its time only
  CHECK(kids["MetricAlarms"][0].contains("StateValue"));
  REQUIRE(kids["CompositeAlarms"].size() == 1);
  CHECK(kids["CompositeAlarms"][0]["AlarmName"] == "mid");
  const auto parents = f.ok("DescribeAlarms", {{"ParentsOfAlarmName", "a"}});
  CHECK(parents["MetricAlarms"].empty());
  REQUIRE(parents["CompositeAlarms"].size() == 1);
  CHECK(parents["CompositeAlarms"][0] ==
        nlohmann::json{{"AlarmName", "mid"}, {"AlarmArn", std::string(kOwnPrefix) + "mid"}});
  CHECK(f.err("DescribeAlarms", {{"ChildrenOfAlarmName", "top"}, {"StateValue", "OK"}}).code == "ValidationError");
  CHECK(f.err("DescribeAlarms", {{"ChildrenOfAlarmName", "top"}, {"ParentsOfAlarmName", "a"}}).code ==
        "ValidationError");

  // A cycle can be made (AWS allows it); evaluating it ends, and its members cannot be deleted until it is broken.
  f.ok("PutCompositeAlarm", {{"AlarmName", "mid"}, {"AlarmRule", "ALARM(a) OR ALARM(top)"}});
  CHECK(composite_state(f, "top") == "ALARM");
  CHECK(f.err("DeleteAlarms", {{"AlarmNames", {"top"}}}).message ==
        "Cannot delete top as there are composite alarm(s) depending on it.");
  CHECK(f.err("DeleteAlarms", {{"AlarmNames", {"a", "b"}}}).message ==
        "Cannot delete a,b as there are composite alarm(s) depending on them.");
  CHECK(f.err("DeleteAlarms", {{"AlarmNames", {"mid", "top"}}}).code == "ValidationError");  // two composites
  CHECK(composites(f).size() == 2);
  f.ok("PutCompositeAlarm", {{"AlarmName", "mid"}, {"AlarmRule", "FALSE"}});
  f.ok("DeleteAlarms", {{"AlarmNames", {"top", "b"}}});
  f.ok("DeleteAlarms", {{"AlarmNames", {"mid", "a"}}});
  CHECK(composites(f).empty());
  CHECK(f.ok("DescribeAlarms", nlohmann::json::object())["MetricAlarms"].empty());
}

TEST_CASE("composite alarms: one name per alarm, suppressor settings", "[cloudwatch][composite]") {
  CloudWatchFixture f;
  f.ok("PutMetricAlarm", child_alarm("a"));
  CHECK(f.err("PutCompositeAlarm", {{"AlarmName", "a"}, {"AlarmRule", "TRUE"}}).code == "ValidationError");
  CHECK(f.err("PutCompositeAlarm", {{"AlarmName", "s"}, {"AlarmRule", "ALARM(s)"}}).code == "ValidationError");
  CHECK(f.err("PutCompositeAlarm", {{"AlarmName", "s"}, {"AlarmRule", "ALARM(a)"}, {"ActionsSuppressor", "a"}}).code ==
        "ValidationError");
  f.ok("PutCompositeAlarm", {{"AlarmName", "s"},
                             {"AlarmRule", "ALARM(a)"},
                             {"ActionsSuppressor", "a"},
                             {"ActionsSuppressorWaitPeriod", 60},
                             {"ActionsSuppressorExtensionPeriod", 90}});
  const auto s = composites(f)[0];
  CHECK(s["ActionsSuppressor"] == "a");
  CHECK(s["ActionsSuppressorWaitPeriod"] == 60);
  CHECK(s["ActionsSuppressorExtensionPeriod"] == 90);
  CHECK(f.err("PutMetricAlarm", child_alarm("s")).code == "ValidationError");
}
