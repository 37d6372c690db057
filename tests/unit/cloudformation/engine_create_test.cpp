// Stack creation through the provisioning engine: ordering, concurrency, throttling retries, rollback.
#include <catch2/catch.hpp>

#include "cloudformation/cfn_fixture.hpp"

using namespace chokepoint;
using namespace chokepoint::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

std::vector<std::string> statuses(const json& events, const std::string& logical_id) {
  std::vector<std::string> out;
  for (const auto& e : events) {
    if (e["LogicalResourceId"] == logical_id) out.push_back(e["ResourceStatus"].get<std::string>());
  }
  return out;
}

std::string reason_of(CfnFixture& f, const std::string& stack, const std::string& logical_id) {
  return f.resource(stack, logical_id).value("ResourceStatusReason", "");
}

}  // namespace

TEST_CASE("a stack provisions through the downstream API with its account and region", "[cloudformation]") {
  CfnFixture f;
  f.create("app", R"(
Parameters:
  Env: {Type: String, Default: dev}
Resources:
  First:
    Type: AWS::SSM::Parameter
    Properties: {Name: /app/first, Type: String, Value: !Sub "${Env}-${AWS::Region}", Tags: {team: core}}
  Second:
    Type: AWS::SSM::Parameter
    Properties: {Type: String, Value: !GetAtt First.Value}
Outputs:
  SecondName: {Value: !Ref Second}
  FirstValue: {Value: !GetAtt First.Value}
)",
           {{"Tags", json::array({{{"Key", "stack"}, {"Value", "s1"}}})}});
  CHECK(f.status("app") == "CREATE_IN_PROGRESS");  // nothing runs until the scheduler does
  CHECK(f.services.calls().empty());
  f.settle();
  CHECK(f.status("app") == "CREATE_COMPLETE");
  const auto calls = f.services.calls();
  REQUIRE(calls.size() == 2);
  CHECK(calls[0].request.params["Name"] == "/app/first");
  CHECK(calls[0].request.params["Value"] == "dev-us-east-1");
  // The resource's tags plus the stack's, which CloudFormation propagates.
  CHECK(calls[0].request.params["Tags"] ==
        json::array({{{"Key", "team"}, {"Value", "core"}}, {{"Key", "stack"}, {"Value", "s1"}}}));
  CHECK(calls[1].request.params["Tags"] == json::array({{{"Key", "stack"}, {"Value", "s1"}}}));
  CHECK(calls[0].request.identity.account_id == kAccount);
  CHECK(calls[0].request.identity.region == "us-east-1");
  CHECK(calls[1].request.params["Value"] == "dev-us-east-1");  // GetAtt of the first, so created after it
  const std::string generated = f.output("app", "SecondName");
  CHECK(generated.rfind("CFN-Second-", 0) == 0);
  CHECK(f.services.parameters().count(generated) == 1);
  CHECK(f.output("app", "FirstValue") == "dev-us-east-1");
  const json events = f.events("app");
  CHECK(events.front()["ResourceStatus"] == "CREATE_IN_PROGRESS");
  CHECK(events.front()["ResourceStatusReason"] == "User Initiated");
  CHECK(events.back()["ResourceStatus"] == "CREATE_COMPLETE");
  CHECK(events.back()["LogicalResourceId"] == "app");
  CHECK(statuses(events, "First") ==
        std::vector<std::string>{"CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS", "CREATE_COMPLETE"});
}

TEST_CASE("resources whose dependencies are done run together, up to the configured concurrency", "[cloudformation]") {
  for (int limit : {0, 2}) {
    CfnFixture f;
    f.settings().operation_delay_ms = {{"*", 1000}};
    f.settings().max_concurrent_resources = limit;
    const TimePoint start = f.scheduler.now();
    f.create("many", parameters_template(6, false));
    f.settle();
    CHECK(f.status("many") == "CREATE_COMPLETE");
    std::map<long long, int> calls_per_second;
    for (const auto& c : f.services.calls()) {
      ++calls_per_second[std::chrono::duration_cast<std::chrono::seconds>(c.time - start).count()];
    }
    if (limit == 0) {
      CHECK(calls_per_second.size() == 1);  // all six in the same instant
    } else {
      CHECK(calls_per_second.size() == 3);  // two at a time, each taking the one-second operation delay
      for (const auto& [_, n] : calls_per_second) CHECK(n == 2);
    }
  }
}

TEST_CASE("a throttled call is retried with backoff and succeeds when tokens return", "[cloudformation]") {
  CfnFixture f;
  f.settings().throttle_retries = 4;
  f.services.limit("ssm.PutParameter", BucketLimit{2, 3}, f.scheduler.now());
  f.create("burst", parameters_template(6, false));
  f.settle();
  CHECK(f.status("burst") == "CREATE_COMPLETE");
  CHECK(f.services.parameters().size() == 6);
  CHECK(f.services.count("ssm.PutParameter", true) > 6);  // some attempts were throttled first
}

TEST_CASE("the seed scenario: 60 parameters at once exceed PutParameter and roll back", "[cloudformation]") {
  CfnFixture f;
  f.settings().throttle_retries = 3;  // 100, 200, 400 ms: 0.7 s of retries
  f.services.limit("ssm.PutParameter", BucketLimit{5, 5}, f.scheduler.now());
  f.create("seed", parameters_template(60, false));
  f.settle();
  CHECK(f.status("seed") == "ROLLBACK_COMPLETE");
  CHECK(f.services.parameters().empty());  // everything created was deleted again
  CHECK(f.services.count("ssm.DeleteParameter") == f.services.count("ssm.PutParameter"));
  int throttled = 0, cancelled = 0;
  for (const auto& e : f.events("seed")) {
    const std::string reason = e.value("ResourceStatusReason", "");
    if (e["ResourceStatus"] != "CREATE_FAILED") continue;
    if (reason.find("Rate exceeded (Service: Ssm, Status Code: 400, Request ID: ") != std::string::npos &&
        reason.find("HandlerErrorCode: Throttling") != std::string::npos) {
      ++throttled;
    } else if (reason == "Resource creation cancelled") {
      ++cancelled;
    }
  }
  CHECK(throttled >= 1);
  CHECK(throttled + cancelled + f.services.count("ssm.DeleteParameter") == 60);
  const json stack = f.stack("seed");
  CHECK(stack["StackStatusReason"].get<std::string>().rfind("The following resource(s) failed to create: [P", 0) == 0);
}

TEST_CASE("the seed scenario: a DependsOn chain of 60 parameters completes", "[cloudformation]") {
  CfnFixture f;
  f.settings().throttle_retries = 3;
  f.services.limit("ssm.PutParameter", BucketLimit{5, 5}, f.scheduler.now());
  f.create("chain", parameters_template(60, true));
  f.settle();
  CHECK(f.status("chain") == "CREATE_COMPLETE");
  CHECK(f.services.parameters().size() == 60);
}

TEST_CASE("two stacks at once share the account's bucket and fail where one at a time succeeds", "[cloudformation]") {
  CfnFixture f;
  f.settings().throttle_retries = 2;
  f.services.limit("ssm.PutParameter", BucketLimit{10, 60}, f.scheduler.now());
  f.create("one", parameters_template(60, false, "/one/"));
  f.settle();
  CHECK(f.status("one") == "CREATE_COMPLETE");
  f.scheduler.advance(10s);  // the bucket refills
  f.create("two", parameters_template(60, false, "/two/"));
  f.create("three", parameters_template(60, false, "/three/"));
  f.settle();
  const std::set<std::string> outcomes = {f.status("two"), f.status("three")};
  CHECK(outcomes.count("ROLLBACK_COMPLETE") == 1);
}

TEST_CASE("OnFailure and DisableRollback decide what a failed create leaves", "[cloudformation]") {
  const ApiError exists = make_error("ParameterAlreadyExists", "The parameter already exists.");
  SECTION("DisableRollback keeps what was created") {
    CfnFixture f;
    f.services.fail_next("ssm.PutParameter", exists, 1);
    f.create("keep",
             parameters_template(1, false) +
                 "  Ok:\n    Type: AWS::SSM::Parameter\n    DependsOn: P0\n"
                 "    Properties: {Type: String, Value: x}\n",
             {{"DisableRollback", "true"}});
    f.settle();
    CHECK(f.status("keep") == "CREATE_FAILED");
    CHECK(f.services.count("ssm.PutParameter") == 1);  // not retried: only throttling is
    CHECK(reason_of(f, "keep", "P0").find("HandlerErrorCode: AlreadyExists") != std::string::npos);
  }
  SECTION("OnFailure=DELETE deletes the stack") {
    CfnFixture f;
    f.services.fail_next("ssm.PutParameter", exists, 1);
    f.create("gone", parameters_template(2, true), {{"OnFailure", "DELETE"}});
    f.settle();
    CHECK(f.error("DescribeStacks", {{"StackName", "gone"}}).message == "Stack with id gone does not exist");
    const json all = f.ok("ListStacks", json::object())["StackSummaries"];
    REQUIRE(all.size() == 1);
    CHECK(all[0]["StackStatus"] == "DELETE_COMPLETE");
  }
  SECTION("OnFailure=DO_NOTHING stops") {
    CfnFixture f;
    f.services.fail_next("ssm.PutParameter", exists, 1);
    f.create("stop", parameters_template(1, false), {{"OnFailure", "DO_NOTHING"}});
    f.settle();
    CHECK(f.status("stop") == "CREATE_FAILED");
  }
}

TEST_CASE("a property the provider requires fails the resource before any call", "[cloudformation]") {
  CfnFixture f;
  f.create("bad", "Resources:\n  P:\n    Type: AWS::SSM::Parameter\n    Properties: {Value: x}\n");
  f.settle();
  CHECK(f.status("bad") == "ROLLBACK_COMPLETE");
  CHECK(f.services.calls().empty());
  bool explained = false;
  for (const auto& e : f.events("bad")) {
    explained |= e["ResourceStatus"] == "CREATE_FAILED" &&
                 e["ResourceStatusReason"] == "Property validation failure: [The property {/Type} is required]";
  }
  CHECK(explained);
}

TEST_CASE("DeleteStack during a create cancels it and deletes what was made", "[cloudformation]") {
  CfnFixture f;
  f.settings().operation_delay_ms = {{"*", 1000}};
  f.create("doomed", parameters_template(3, true));
  f.scheduler.advance(1500ms);  // P0 is done, P1 waits out its delay
  REQUIRE(f.services.count("ssm.PutParameter") == 1);
  f.ok("DeleteStack", {{"StackName", "doomed"}});
  f.settle();
  CHECK(f.services.parameters().empty());
  const json all = f.ok("ListStacks", json::object())["StackSummaries"];
  REQUIRE(all.size() == 1);
  CHECK(all[0]["StackStatus"] == "DELETE_COMPLETE");
}

TEST_CASE("TimeoutInMinutes fails a create that takes too long", "[cloudformation]") {
  CfnFixture f;
  f.settings().operation_delay_ms = {{"*", 90'000}};
  f.create("slow", parameters_template(2, true), {{"TimeoutInMinutes", "1"}});
  f.settle();
  CHECK(f.status("slow") == "ROLLBACK_COMPLETE");
  CHECK(f.stack("slow")["StackStatusReason"] ==
        "Stack creation time exceeded the specified timeout. Rollback requested by user.");
}

TEST_CASE("a reset stops provisioning that is under way", "[cloudformation]") {
  CfnFixture f;
  f.settings().operation_delay_ms = {{"*", 1000}};
  f.create("x", parameters_template(5, true));
  f.scheduler.advance(1500ms);
  const size_t before = f.services.calls().size();
  f.cfn.reset();
  f.settle();
  CHECK(f.services.calls().size() == before);
  CHECK(f.error("DescribeStacks", {{"StackName", "x"}}).message == "Stack with id x does not exist");
}

TEST_CASE("with the default settings and bucket, 60 parallel parameters fail and a chain completes",
          "[cloudformation]") {
  for (bool chain : {false, true}) {
    CfnFixture f;
    f.settings() = load_default_config().config->cloudformation;
    f.services.limit("ssm.PutParameter", BucketLimit{3, 10}, f.scheduler.now());  // throttling.ssm PutParameter
    f.create("s", parameters_template(60, chain));
    f.settle();
    CHECK(f.status("s") == (chain ? "CREATE_COMPLETE" : "ROLLBACK_COMPLETE"));
    CHECK(f.services.parameters().size() == (chain ? 60u : 0u));
  }
}
