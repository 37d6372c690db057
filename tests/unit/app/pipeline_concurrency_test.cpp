#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "in_process_server.hpp"

namespace chokepoint {
namespace {

using nlohmann::json;

using testing::dynamodb_request;
using testing::query_request;
using testing::ssm_request;

HttpRequest get(const std::string& target) {
  return testing::control_request("GET", target);
}

// Every service, the control API and the metrics observers at once, from several threads, through the real
// dispatcher. Throttling may refuse some calls; the state must still agree with the calls that succeeded.
TEST_CASE("dispatcher: concurrent calls to every service keep state consistent", "[dispatch][concurrency]") {
  testing::InProcessServer server;
  const auto created = server.send(
      dynamodb_request("CreateTable", {{"TableName", "counters"},
                                       {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
                                       {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
                                       {"BillingMode", "PAY_PER_REQUEST"}}));
  {
    INFO(created.body);
    REQUIRE(created.status == 200);
  }
  constexpr int kThreads = 4;
  constexpr int kRounds = 150;
  std::atomic<int> counter_adds{0}, ssm_puts{0}, unexpected{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRounds; ++i) {
        const auto add =
            server.send(dynamodb_request("UpdateItem", {{"TableName", "counters"},
                                                        {"Key", {{"pk", {{"S", "counter"}}}}},
                                                        {"UpdateExpression", "ADD n :one"},
                                                        {"ExpressionAttributeValues", {{":one", {{"N", "1"}}}}}}));
        if (add.status == 200) ++counter_adds;
        const auto put = server.send(
            ssm_request("PutParameter",
                        {{"Name", "/shared"}, {"Value", std::to_string(i)}, {"Type", "String"}, {"Overwrite", true}}));
        if (put.status == 200) ++ssm_puts;
        // Reads, the other protocols and the control API; each either answers or throttles.
        for (const auto& r :
             {query_request("Action=DescribeInstances&Version=2016-11-15"),
              query_request("Action=GetCallerIdentity&Version=2011-06-15"),
              query_request("Action=PutMetricData&Version=2010-08-01&Namespace=N&MetricData.member.1.MetricName=m"
                            "&MetricData.member.1.Value=" +
                            std::to_string(t)),
              ssm_request("GetParameter", {{"Name", "/shared"}}), get("/_chokepoint/metrics"),
              get("/_chokepoint/buckets"), get("/_chokepoint/requests?limit=3")}) {
          // Throttling is 400, except EC2's RequestLimitExceeded, which AWS sends as 503.
          const auto answer = server.send(r);
          const bool ec2_throttled =
              answer.status == 503 && answer.body.find("RequestLimitExceeded") != std::string::npos;
          if (answer.status != 200 && answer.status != 400 && !ec2_throttled) ++unexpected;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(unexpected == 0);
  CHECK(counter_adds > 0);
  CHECK(ssm_puts > 0);
  const auto item = json::parse(
      server
          .send(dynamodb_request(
              "GetItem", {{"TableName", "counters"}, {"Key", {{"pk", {{"S", "counter"}}}}}, {"ConsistentRead", true}}))
          .body);
  CHECK(item["Item"]["n"]["N"] == std::to_string(counter_adds.load()));
  server.scheduler().advance(std::chrono::minutes(5));  // refill SSM's buckets
  const auto parameter = json::parse(server.send(ssm_request("GetParameter", {{"Name", "/shared"}})).body);
  CHECK(parameter["Parameter"]["Version"] == ssm_puts.load());
}

}  // namespace
}  // namespace chokepoint
