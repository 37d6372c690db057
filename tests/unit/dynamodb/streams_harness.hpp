#pragma once
// DynamoDB and DynamoDB Streams called directly (no HTTP) over the same tables, on a manual clock.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "dynamodb_harness.hpp"
#include "services/dynamodb/streams_service.hpp"

namespace chokepoint::testing {

// DynamoDB and DynamoDB Streams over the same tables, on the harness's manual clock.
struct StreamsHarness : DynamoHarness {
  // `yaml`: a configuration for both services (the defaults when empty).
  explicit StreamsHarness(std::string_view yaml = "")
      : DynamoHarness(yaml),
        config(yaml.empty() ? load_default_config() : load_config_text(yaml, "test.yaml")),
        streams(service) {}

  ApiResult streams_call(const std::string& operation, nlohmann::json params) {
    ApiRequest request;
    request.service = std::string(kDynamoDbStreamsName);
    request.operation = operation;
    request.params = std::move(params);
    request.identity.account_id = "123456789012";
    request.identity.region = "us-east-1";
    CallContext ctx{now, *config.config, limiter, ids, nullptr, nullptr};
    return streams.handle(request, ctx);
  }
  nlohmann::json streams_ok(const std::string& operation, nlohmann::json params) {
    ApiResult r = streams_call(operation, std::move(params));
    if (auto* e = std::get_if<ApiError>(&r)) FAIL(operation << " failed: " << e->code << ": " << e->message);
    return std::get<ApiResponse>(r).tree();
  }
  ApiError streams_error(const std::string& operation, nlohmann::json params) {
    ApiResult r = streams_call(operation, std::move(params));
    auto* e = std::get_if<ApiError>(&r);
    if (!e) FAIL(operation << " succeeded but should have failed");
    return *e;
  }

  void create_streamed_table(const std::string& name, const std::string& view_type) {
    ok("CreateTable", {{"TableName", name},
                       {"BillingMode", "PAY_PER_REQUEST"},
                       {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
                       {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
                       {"StreamSpecification", {{"StreamEnabled", true}, {"StreamViewType", view_type}}}});
  }
  std::string latest_arn(const std::string& table) {
    return ok("DescribeTable", {{"TableName", table}})["Table"]["LatestStreamArn"].get<std::string>();
  }
  std::string shard_of(const std::string& arn) {
    return streams_ok("DescribeStream", {{"StreamArn", arn}})["StreamDescription"]["Shards"][0]["ShardId"];
  }
  std::string iterator(const std::string& arn, const std::string& type, const std::string& sequence = "") {
    nlohmann::json params = {{"StreamArn", arn}, {"ShardId", shard_of(arn)}, {"ShardIteratorType", type}};
    if (!sequence.empty()) params["SequenceNumber"] = sequence;
    return streams_ok("GetShardIterator", params)["ShardIterator"];
  }

  LoadResult config;
  DynamoDbStreamsService streams;
  InMemoryBucketStore bucket_store;
  RateLimiter limiter{bucket_store};
  IdGenerator ids{7};
};

}  // namespace chokepoint::testing
