#pragma once
// Drives SsmService through its handler with a manual time, the embedded default config (plus an optional
// user YAML) and a real rate limiter.
#include <catch2/catch.hpp>
#include <chrono>

#include "config/config_loader.hpp"
#include "services/ssm/ssm_service.hpp"
#include "throttle/in_memory_bucket_store.hpp"
#include "config_loading.hpp"

namespace chokepoint::test {

class SsmFixture {
 public:
  explicit SsmFixture(std::string_view yaml = "") {
    config = yaml.empty() ? load_default_config().config : config_that_loads(yaml);
  }

  ApiResult call(const std::string& op, nlohmann::json params, const std::string& account = "123456789012",
                 const std::string& region = "us-east-1") {
    ApiRequest request;
    request.service = "ssm";
    request.operation = op;
    request.protocol = Protocol::kJson11;
    request.params = std::move(params);
    request.identity.account_id = account;
    request.identity.region = region;
    request.identity.access_key = account;
    CallContext ctx{now, *config, limiter, ids};
    last_variant = service.rate_variant(request, ctx);
    return service.handle(request, ctx);
  }

  nlohmann::json ok(const std::string& op, nlohmann::json params, const std::string& account = "123456789012") {
    ApiResult result = call(op, std::move(params), account);
    if (const auto* e = std::get_if<ApiError>(&result)) FAIL(op << " failed: " << e->code << ": " << e->message);
    return std::get<ApiResponse>(result).tree();
  }

  ApiError err(const std::string& op, nlohmann::json params, const std::string& account = "123456789012") {
    ApiResult result = call(op, std::move(params), account);
    if (!is_error(result)) FAIL(op << " succeeded: " << std::get<ApiResponse>(result).body.dump());
    return std::get<ApiError>(result);
  }

  // PutParameter of a String, one second after the previous call so that writes never look concurrent.
  nlohmann::json put(const std::string& name, const std::string& value,
                     nlohmann::json extra = nlohmann::json::object()) {
    now += std::chrono::seconds(1);
    extra["Name"] = name;
    extra["Value"] = value;
    if (!extra.contains("Type") && !extra.value("Overwrite", false)) extra["Type"] = "String";
    return ok("PutParameter", extra);
  }

  std::shared_ptr<const Config> config;
  InMemoryBucketStore buckets;
  RateLimiter limiter{buckets};
  IdGenerator ids{7};
  SsmService service;
  TimePoint now{std::chrono::seconds{1'800'000'000}};
  std::string last_variant;
};

}  // namespace chokepoint::test
