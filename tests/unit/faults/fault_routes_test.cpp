#include <catch2/catch.hpp>

#include "admin/fault_routes.hpp"
#include "admin/localstack_chaos.hpp"
#include "app/service_setup.hpp"
#include "config/config_loader.hpp"
#include "throttle/in_memory_bucket_store.hpp"

namespace chokepoint {
namespace {

using nlohmann::json;
using std::chrono::seconds;

const TimePoint kNow{seconds{1'800'000'000}};

// The admin API with the fault and LocalStack routes, over an empty service registry.
struct Admin {
  ConfigHolder config{load_default_config().config, ""};
  InMemoryBucketStore buckets;
  ServiceRegistry services;
  AdminApi admin{config, buckets, services};
  SeededRandom random{3};
  FaultEngine faults{random, FaultSettings{}, kNow};

  Admin() {
    register_fault_routes(admin, faults, config, operation_vocabulary());
    register_localstack_chaos_routes(admin, faults);
  }

  std::pair<int, json> call(std::string method, std::string target, std::string body = "") {
    HttpRequest r;
    r.method = std::move(method);
    r.target = std::move(target);
    r.body = std::move(body);
    const HttpResponse response = admin.handle(r, kNow);
    return {response.status, json::parse(response.body)};
  }
};

TEST_CASE("fault routes: add, list, show, delete", "[faults][admin]") {
  Admin a;
  auto [status, added] = a.call("POST", "/_chokepoint/faults", R"({"service": "ec2", "throttle": true, "count": 2})");
  REQUIRE(status == 200);
  CHECK(added["ids"] == json{"f1"});
  CHECK(added["faults"][0]["state"] == "active");
  CHECK(added["faults"][0]["remaining"] == 2);
  CHECK(added["faults"][0]["source"] == "api");
  std::tie(status, added) =
      a.call("POST", "/_chokepoint/faults", R"({"faults": [{"service": "sts", "latency": 10}, {"error": "Boom"}]})");
  REQUIRE(status == 200);
  CHECK(added["ids"] == json{"f2", "f3"});
  auto [list_status, list] = a.call("GET", "/_chokepoint/faults");
  CHECK(list_status == 200);
  CHECK(list["faults"].size() == 3);
  CHECK(list["latency_ms"] == 0);
  CHECK(a.call("GET", "/_chokepoint/faults/f2").second["latency"]["ms"] == 10);
  CHECK(a.call("DELETE", "/_chokepoint/faults/f2").second["deleted"] == "f2");
  CHECK(a.call("DELETE", "/_chokepoint/faults/f2").first == 404);
  CHECK(a.call("GET", "/_chokepoint/faults/f2").first == 404);
  CHECK(a.call("DELETE", "/_chokepoint/faults").second["deleted"] == 2);
  CHECK(a.call("GET", "/_chokepoint/faults").second["faults"].empty());
}

TEST_CASE("fault routes: bad rules get 400 naming the field, and nothing is added", "[faults][admin]") {
  Admin a;
  REQUIRE(a.call("POST", "/_chokepoint/faults", R"({"service": "ec2", "throttle": true})").first == 200);
  auto [status, body] = a.call("POST", "/_chokepoint/faults", R"([{"throttle": true}, {"latency": {"ms": "x"}}])");
  CHECK(status == 400);
  CHECK(body["field"] == "[1].latency.ms");
  CHECK(body["error"] == "[1].latency.ms: expected a number");
  std::tie(status, body) = a.call("POST", "/_chokepoint/faults", "{not json");
  CHECK(status == 400);
  CHECK(body["error"] == "the body is not valid JSON");
  std::tie(status, body) = a.call("POST", "/_chokepoint/faults", "[]");
  CHECK(status == 400);
  std::tie(status, body) = a.call("POST", "/_chokepoint/faults", "42");
  CHECK(status == 400);
  const auto list = a.call("GET", "/_chokepoint/faults").second["faults"];
  REQUIRE(list.size() == 1);
  CHECK(list[0]["id"] == "f1");
}

TEST_CASE("fault routes: an operation the service does not have is refused with the nearest name", "[faults][admin]") {
  Admin a;
  auto [status, body] =
      a.call("POST", "/_chokepoint/faults", R"({"service": "dynamodb", "operation": ["GetItem", "PutItme"], "throttle": true})");
  CHECK(status == 400);
  CHECK(body["error"] == "operation: dynamodb has no operation 'PutItme' (did you mean 'PutItem'?)");
  std::tie(status, body) =
      a.call("POST", "/_chokepoint/faults", R"([{"service": "ssm", "throttle": true}, {"service": "ec2", "operation": "DescribeInstance", "throttle": true}])");
  CHECK(status == 400);
  CHECK(body["field"] == "[1].operation");
  // Globs, any-service rules and operations the defaults throttle but no service emulates yet are accepted.
  for (const char* rule : {R"({"service": "ec2", "operation": "Describe*", "throttle": true})",
                           R"({"service": "*", "operation": "Anything", "throttle": true})",
                           R"({"operation": "Anything", "throttle": true})",
                           R"({"service": "ec2", "operation": "CreateVolume", "throttle": true})"}) {
    INFO(rule);
    CHECK(a.call("POST", "/_chokepoint/faults", rule).first == 200);
  }
  CHECK(a.call("GET", "/_chokepoint/faults").second["faults"].size() == 4);
}

TEST_CASE("fault routes: scenarios", "[faults][admin]") {
  Admin a;
  CHECK(a.call("GET", "/_chokepoint/scenarios").second == json{{"scenarios", json::array()}});
  CHECK(a.call("POST", "/_chokepoint/scenarios/nope/start").first == 404);
  CHECK(a.call("POST", "/_chokepoint/scenarios/nope/pause").first == 404);
}

TEST_CASE("localstack routes: the documented examples, unchanged", "[faults][admin]") {
  Admin a;
  const char* outage = R"([{"service": "s3", "region": "us-east-1"}, {"service": "s3", "region": "ap-south-1"},
                           {"service": "lambda"}])";
  auto [status, rules] = a.call("POST", "/_localstack/chaos/faults", outage);
  CHECK(status == 200);
  CHECK(rules == json::parse(outage));
  std::tie(status, rules) = a.call("PATCH", "/_localstack/chaos/faults", R"([{"service": "kinesis",
      "operation": "PutRecord", "probability": 0.3,
      "error": {"statusCode": 400, "code": "ProvisionedThroughputExceededException"}}])");
  CHECK(status == 200);
  CHECK(rules.size() == 4);
  std::tie(status, rules) = a.call("DELETE", "/_localstack/chaos/faults", R"([{"service": "lambda"}])");
  CHECK(status == 200);
  CHECK(rules.size() == 3);
  CHECK(a.call("GET", "/_localstack/chaos/faults").second == rules);
  CHECK(a.call("GET", "/_chokepoint/faults").second["faults"][0]["source"] == "localstack");
  CHECK(a.call("POST", "/_localstack/chaos/faults", "[]").second == json::array());
  CHECK(a.call("GET", "/_chokepoint/faults").second["faults"].empty());
}

TEST_CASE("localstack routes: POST replaces only LocalStack rules", "[faults][admin]") {
  Admin a;
  a.call("POST", "/_chokepoint/faults", R"({"service": "ec2", "throttle": true})");
  a.call("POST", "/_localstack/chaos/faults", R"([{"service": "sts"}])");
  a.call("POST", "/_localstack/chaos/faults", R"([{"service": "ec2"}])");
  const auto list = a.call("GET", "/_chokepoint/faults").second["faults"];
  REQUIRE(list.size() == 2);
  CHECK(list[0]["source"] == "api");
  CHECK(list[1]["service"] == "ec2");
}

TEST_CASE("localstack routes: effects", "[faults][admin]") {
  Admin a;
  CHECK(a.call("GET", "/_localstack/chaos/effects").second == json{{"latency", 0}});
  CHECK(a.call("POST", "/_localstack/chaos/effects", R"({"latency": 250})").second == json{{"latency", 250}});
  CHECK(a.faults.global_latency() == std::chrono::milliseconds(250));
  CHECK(a.call("GET", "/_localstack/chaos/effects").second == json{{"latency", 250}});
  CHECK(a.call("POST", "/_localstack/chaos/effects", R"({"latency": -1})").first == 400);
  CHECK(a.call("POST", "/_localstack/chaos/effects", R"({"jitter": 1})").second["field"] == "jitter");
  CHECK(a.faults.global_latency() == std::chrono::milliseconds(250));
  CHECK(a.call("POST", "/_localstack/chaos/effects", "{}").second == json{{"latency", 0}});
}

TEST_CASE("localstack routes: bad rules are refused whole", "[faults][admin]") {
  Admin a;
  a.call("POST", "/_localstack/chaos/faults", R"([{"service": "sts"}])");
  auto [status, body] = a.call("POST", "/_localstack/chaos/faults", R"([{"service": "ec2"}, {"probability": "x"}])");
  CHECK(status == 400);
  CHECK(body["field"] == "[1].probability");
  CHECK(a.call("POST", "/_localstack/chaos/faults", R"({"service": "ec2"})").first == 400);
  CHECK(a.call("GET", "/_localstack/chaos/faults").second == json::parse(R"([{"service": "sts"}])"));
}

}  // namespace
}  // namespace chokepoint
