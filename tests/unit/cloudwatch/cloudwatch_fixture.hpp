#pragma once
// Drives CloudWatchService through its handler with a manual time and a metric store that tests fill the way
// DynamoDB and the usage observer do: through the MetricSink interface.
#include <catch2/catch.hpp>
#include <chrono>

#include "config/config_loader.hpp"
#include "metrics/metric_store.hpp"
#include "services/cloudwatch/cloudwatch_service.hpp"
#include "throttle/in_memory_bucket_store.hpp"

namespace chokepoint::test {

// Dimensions [{TableName: table}], as DynamoDB's metrics carry them.
inline nlohmann::json table_dims(const std::string& table) {
  return nlohmann::json::array({{{"Name", "TableName"}, {"Value", table}}});
}

class CloudWatchFixture {
 public:
  explicit CloudWatchFixture(std::string_view yaml = "") {
    LoadResult loaded = yaml.empty() ? load_default_config() : load_config_text(yaml, "test.yaml");
    REQUIRE(loaded.ok());
    config = loaded.config;
  }

  ApiResult call(const std::string& op, nlohmann::json params, Protocol protocol = Protocol::kJson10) {
    ApiRequest request;
    request.service = "monitoring";
    request.operation = op;
    request.protocol = protocol;
    request.params = std::move(params);
    request.identity.account_id = account;
    request.identity.region = "us-east-1";
    CallContext ctx{now, *config, limiter, ids, nullptr, &store};
    return service.handle(request, ctx);
  }

  nlohmann::json ok(const std::string& op, nlohmann::json params, Protocol protocol = Protocol::kJson10) {
    ApiResult result = call(op, std::move(params), protocol);
    if (const auto* e = std::get_if<ApiError>(&result)) FAIL(op << " failed: " << e->code << ": " << e->message);
    return std::get<ApiResponse>(result).body;
  }

  ApiError err(const std::string& op, nlohmann::json params) {
    ApiResult result = call(op, std::move(params));
    if (!is_error(result)) FAIL(op << " succeeded: " << std::get<ApiResponse>(result).body.dump());
    return std::get<ApiError>(result);
  }

  // A datapoint as a service reports it.
  void emit(std::string_view ns, std::string_view name, std::vector<MetricDimensionRef> dims, double value,
            std::string_view unit = "Count", std::optional<TimePoint> at = {}) {
    store.put(MetricPoint{account, "us-east-1", ns, name, dims, MetricValue::of(value), unit, at.value_or(now)});
  }

  double epoch(TimePoint t) const { return std::chrono::duration<double>(t.time_since_epoch()).count(); }

  std::shared_ptr<const Config> config;
  InMemoryBucketStore buckets;
  RateLimiter limiter{buckets};
  IdGenerator ids{7};
  MetricStore store;
  CloudWatchService service{store};
  std::string account = "111111111111";
  TimePoint now{std::chrono::seconds{1'800'000'000 / 60 * 60 + 30}};  // 30 s into a minute
};

}  // namespace chokepoint::test
