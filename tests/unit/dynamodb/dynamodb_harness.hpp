#pragma once
// Calls the DynamoDB service directly (no HTTP), with a fixed clock, for unit tests.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "config/config_loader.hpp"
#include "services/dynamodb/dynamodb_service.hpp"
#include "throttle/in_memory_bucket_store.hpp"
#include "throttle/rate_limiter.hpp"

namespace chokepoint::testing {

class DynamoHarness {
 public:
  explicit DynamoHarness(std::string_view yaml = "") {
    LoadResult r = yaml.empty() ? load_default_config() : load_config_text(yaml, "test.yaml");
    REQUIRE(r.ok());
    config_ = r.config;
  }

  ApiResult call(const std::string& operation, nlohmann::json params, const std::string& account = "123456789012") {
    ApiRequest request;
    request.service = "dynamodb";
    request.operation = operation;
    request.params = std::move(params);
    request.identity.account_id = account;
    request.identity.region = "us-east-1";
    CallContext ctx{now, *config_, limiter_, ids_, nullptr, metrics};
    ApiResult result = service.handle(request, ctx);
    last_consumed = ctx.consumed;
    return result;
  }

  // The response body of a call that must succeed.
  nlohmann::json ok(const std::string& operation, nlohmann::json params) {
    ApiResult r = call(operation, std::move(params));
    if (auto* e = std::get_if<ApiError>(&r)) FAIL(operation << " failed: " << e->code << ": " << e->message);
    return std::get<ApiResponse>(r).tree();
  }

  // The error of a call that must fail.
  ApiError error(const std::string& operation, nlohmann::json params) {
    ApiResult r = call(operation, std::move(params));
    auto* e = std::get_if<ApiError>(&r);
    if (!e) FAIL(operation << " succeeded but should have failed");
    return *e;
  }

  void create_simple_table(const std::string& name, bool with_range = false) {
    nlohmann::json params = {{"TableName", name},
                             {"BillingMode", "PAY_PER_REQUEST"},
                             {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
                             {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}}};
    if (with_range) {
      params["AttributeDefinitions"].push_back({{"AttributeName", "sk"}, {"AttributeType", "N"}});
      params["KeySchema"].push_back({{"AttributeName", "sk"}, {"KeyType", "RANGE"}});
    }
    ok("CreateTable", params);
  }

  DynamoDbService service;
  MetricSink* metrics = nullptr;  // where the service reports CloudWatch datapoints, when a test listens
  ConsumedCapacity last_consumed;  // what the last call reported for its request record
  TimePoint now{std::chrono::seconds{1'800'000'000}};

 private:
  std::shared_ptr<const Config> config_;
  InMemoryBucketStore store_;
  RateLimiter limiter_{store_};
  IdGenerator ids_{42};
};

}  // namespace chokepoint::testing
