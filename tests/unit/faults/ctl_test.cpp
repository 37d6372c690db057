#include <catch2/catch.hpp>

#include "app/command_line.hpp"
#include "app/ctl_command.hpp"

namespace chokepoint {
namespace {

using nlohmann::json;

CtlPlan plan(std::vector<std::string> args) {
  return parse_ctl(args, "");
}

TEST_CASE("ctl: the documented fault add becomes one POST with the rule", "[faults][ctl]") {
  const auto p = plan({"--endpoint", "http://127.0.0.1:4566", "fault", "add", "--service", "dynamodb", "--operation",
                       "GetItem", "--throttle", "--count", "3"});
  INFO(p.error);
  REQUIRE(p.error.empty());
  CHECK(p.endpoint.host == "127.0.0.1");
  CHECK(p.endpoint.port == 4566);
  REQUIRE(p.calls.size() == 1);
  CHECK(p.calls[0].method == "POST");
  CHECK(p.calls[0].target == "/_chokepoint/faults");
  CHECK(json::parse(p.calls[0].body) ==
        json::parse(R"({"service": "dynamodb", "operation": ["GetItem"], "throttle": true, "count": 3})"));
}

TEST_CASE("ctl: every fault add flag", "[faults][ctl]") {
  auto body = [](std::vector<std::string> args) {
    args.insert(args.begin(), {"fault", "add"});
    const auto p = plan(args);
    INFO(p.error);
    REQUIRE(p.error.empty());
    return json::parse(p.calls.at(0).body);
  };
  CHECK(body({"--latency", "200"})["latency"] == json{{"ms", 200}});
  CHECK(body({"--latency=100-300"})["latency"] == json{{"min_ms", 100}, {"max_ms", 300}});
  CHECK(body({"--rate", "5", "--burst", "1"})["rate"] == json{{"per_second", 5.0}, {"burst", 1.0}});
  CHECK(body({"--error", "InternalError", "--status", "500", "--message", "down"})["error"] ==
        json{{"code", "InternalError"}, {"status", 500}, {"message", "down"}});
  const json all =
      body({"--operation", "A,B", "--region", "eu-*", "--account", "123456789012", "--resource", "/app/", "--tag", "t",
            "--name", "n", "--throttle", "--probability", "0.3", "--start-after", "2s", "--duration", "1.5"});
  CHECK(all["operation"] == json{"A", "B"});
  CHECK(all["probability"] == 0.3);
  CHECK(all["start_after"] == "2s");
  CHECK(all["duration"] == 1.5);
  CHECK(all["tag"] == "t");
  CHECK(all["name"] == "n");
}

TEST_CASE("ctl: the other commands", "[faults][ctl]") {
  auto only = [](std::vector<std::string> args) {
    const auto p = plan(args);
    INFO(p.error);
    REQUIRE(p.error.empty());
    REQUIRE(p.calls.size() == 1);
    return p.calls[0].method + " " + p.calls[0].target;
  };
  CHECK(only({"fault", "list"}) == "GET /_chokepoint/faults");
  CHECK(only({"fault", "clear"}) == "DELETE /_chokepoint/faults");
  CHECK(only({"fault", "rm", "3"}) == "DELETE /_chokepoint/faults/f3");
  CHECK(only({"fault", "show", "f12"}) == "GET /_chokepoint/faults/f12");
  CHECK(only({"buckets", "--service", "ec2", "--region", "eu-west-1"}) ==
        "GET /_chokepoint/buckets?service=ec2&region=eu-west-1");
  CHECK(only({"requests", "--limit", "5"}) == "GET /_chokepoint/requests?limit=5");
  CHECK(only({"reset"}) == "POST /_chokepoint/reset");
  CHECK(only({"reload"}) == "POST /_chokepoint/config/reload");
  CHECK(only({"scenario", "start", "storm"}) == "POST /_chokepoint/scenarios/storm/start");
  CHECK(only({"scenario", "list"}) == "GET /_chokepoint/scenarios");
  CHECK(plan({"fault", "rm", "f1", "f2"}).calls.size() == 2);
  CHECK(plan({"fault", "add", "--rule", R"([{"throttle": true}])"}).calls.at(0).body == R"([{"throttle": true}])");
  CHECK(plan({"help"}).help);
}

TEST_CASE("ctl: argument mistakes are caught before any call", "[faults][ctl]") {
  for (const auto& args : std::vector<std::vector<std::string>>{{},
                                                                {"fault"},
                                                                {"fault", "add", "--count", "three"},
                                                                {"fault", "add", "--latency", "fast"},
                                                                {"fault", "add", "--bogus"},
                                                                {"fault", "add", "--service"},
                                                                {"fault", "rm"},
                                                                {"fault", "add", "--rule", "{}", "--throttle"},
                                                                {"buckets", "--zone", "a"},
                                                                {"reset", "now"},
                                                                {"--endpoint", "https://x:1", "reset"},
                                                                {"--endpoint", "http://x:99999", "reset"},
                                                                {"frobnicate"}}) {
    const auto p = plan(args);
    INFO(p.error);
    CHECK_FALSE(p.error.empty());
  }
}

TEST_CASE("ctl: endpoints", "[faults][ctl]") {
  CHECK(parse_endpoint("http://localhost:4567")->port == 4567);
  CHECK(parse_endpoint("127.0.0.1")->port == 4566);
  CHECK(parse_endpoint("http://[::1]:9000/")->host == "::1");
  CHECK(parse_endpoint("http://[::1]:9000/")->port == 9000);
  CHECK_FALSE(parse_endpoint("http://:80"));
  CHECK(parse_ctl({"reset"}, "http://10.0.0.1:1234").endpoint.port == 1234);
}

TEST_CASE("ctl: output", "[faults][ctl]") {
  CHECK(describe_rule(json::parse(R"({"name": "n", "service": "ec2", "operation": ["A", "B"], "region": "eu-*",
        "throttle": true, "probability": 0.3, "count": 3, "remaining": 1, "start_after": 0, "duration": 2})")) ==
        "[n] ec2 A,B region=eu-* -> throttle, probability 0.3, count 3 (1 left), for 2s");
  CHECK(describe_rule(json::parse(R"({"latency": {"min_ms": 1, "max_ms": 9}, "probability": 1})")) ==
        "* -> latency 1-9 ms");
  const std::string list =
      render_response(CtlView::kFaultList, 200,
                      R"({"faults": [{"id": "f1", "source": "api", "state": "active", "matched": 4, "applied": 3,
          "service": "sts", "throttle": true}], "latency_ms": 0})",
                      false);
  CHECK_THAT(list, Catch::Contains("ID  SOURCE  STATE   MATCHED  APPLIED  RULE"));
  CHECK_THAT(list, Catch::Contains("f1  api     active  4        3        sts -> throttle"));
  CHECK(render_response(CtlView::kFaultList, 400, R"({"error": "probability: must be between 0 and 1"})", false) ==
        "error (HTTP 400): probability: must be between 0 and 1\n");
  CHECK(render_response(CtlView::kFaultList, 200, R"({"faults": []})", true) == "{\"faults\": []}\n");
  CHECK(render_response(CtlView::kStatus, 200, R"({"deleted": "f3"})", false) == "deleted f3\n");
  CHECK(render_response(CtlView::kFault, 200, "[1, 2]", false) == "[1, 2]\n");  // unexpected shape: shown as is
}

TEST_CASE("ctl: the top-level command line hands everything after ctl to it", "[faults][ctl]") {
  const auto parsed = parse_command_line({"ctl", "--endpoint", "http://127.0.0.1:1", "fault", "list"});
  REQUIRE(parsed.error.empty());
  CHECK(parsed.options.command == Command::kCtl);
  CHECK(parsed.options.rest == std::vector<std::string>{"--endpoint", "http://127.0.0.1:1", "fault", "list"});
}

TEST_CASE("ctl: report takes --access-key; the old underscore spelling points at it", "[faults][ctl]") {
  const auto p = plan({"report", "--access-key", "AKIA1"});
  INFO(p.error);
  REQUIRE(p.error.empty());
  CHECK(p.calls.at(0).target == "/_chokepoint/report?access_key=AKIA1");
  CHECK(plan({"report", "--access-key=AKIA2"}).calls.at(0).target == "/_chokepoint/report?access_key=AKIA2");
  CHECK(plan({"report", "--access_key", "AKIA1"}).error == "'--access_key' is spelled '--access-key'");
  CHECK(plan({"report", "--access_key=AKIA1"}).error == "'--access_key' is spelled '--access-key'");
  CHECK(plan({"report", "--acces-key", "x"}).error == "unknown option '--acces-key'");
}

}  // namespace
}  // namespace chokepoint
