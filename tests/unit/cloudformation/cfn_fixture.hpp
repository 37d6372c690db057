#pragma once
// A CloudFormation service wired to FakeServices and a ManualScheduler: API calls go straight to the
// service's handler; provisioning advances only when the test moves the clock.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "cloudformation/fake_services.hpp"
#include "common/manual_scheduler.hpp"
#include "config/config_loader.hpp"
#include "services/cloudformation/cloudformation_service.hpp"
#include "throttle/in_memory_bucket_store.hpp"

namespace chokepoint::test {

inline constexpr const char* kAccount = "123456789012";

class CfnFixture {
 public:
  // `seed` makes stack and event ids: a fixture standing for a restarted server needs another one.
  explicit CfnFixture(uint64_t seed = 7)
      : config_(std::make_shared<Config>(*load_default_config().config)), cfn(services, scheduler, seed) {
    // Quick retries keep simulated time short; tests that care set their own.
    config_->cloudformation.retry_base_delay_ms = 100;
    config_->cloudformation.retry_max_delay_ms = 800;
    config_->cloudformation.poll_interval_ms = 500;
  }

  CloudFormationSettings& settings() { return config_->cloudformation; }
  const Config& config() const { return *config_; }

  ApiResult call(const std::string& operation, nlohmann::json params, const std::string& account = kAccount) {
    ApiRequest request;
    request.service = "cloudformation";
    request.operation = operation;
    request.protocol = Protocol::kQuery;
    request.params = std::move(params);
    request.identity.account_id = account;
    request.identity.region = "us-east-1";
    request.request_id = ids_.uuid();
    CallContext ctx{scheduler.now(), *config_, limiter_, ids_, &services};
    return cfn.handle(request, ctx);
  }

  nlohmann::json ok(const std::string& operation, nlohmann::json params) {
    ApiResult r = call(operation, std::move(params));
    if (const auto* e = std::get_if<ApiError>(&r)) FAIL(operation << " failed: " << e->code << ": " << e->message);
    return std::get<ApiResponse>(r).body;
  }

  ApiError error(const std::string& operation, nlohmann::json params) {
    ApiResult r = call(operation, std::move(params));
    REQUIRE(std::holds_alternative<ApiError>(r));
    return std::get<ApiError>(r);
  }

  // Runs provisioning until nothing is scheduled (bounded).
  void settle() { scheduler.run_until_idle(std::chrono::milliseconds(100), std::chrono::hours(2)); }

  nlohmann::json stack(const std::string& name) { return ok("DescribeStacks", {{"StackName", name}})["Stacks"][0]; }
  std::string status(const std::string& name) { return stack(name)["StackStatus"].get<std::string>(); }

  // Every event, oldest first.
  nlohmann::json events(const std::string& name) {
    nlohmann::json all = nlohmann::json::array();
    nlohmann::json params = {{"StackName", name}};
    for (;;) {
      nlohmann::json page = ok("DescribeStackEvents", params);
      for (auto& e : page["StackEvents"]) all.push_back(std::move(e));
      if (!page.contains("NextToken")) break;
      params["NextToken"] = page["NextToken"];
    }
    std::reverse(all.begin(), all.end());
    return all;
  }

  nlohmann::json resource(const std::string& name, const std::string& logical_id) {
    return ok("DescribeStackResource", {{"StackName", name}, {"LogicalResourceId", logical_id}})["StackResourceDetail"];
  }

  std::string output(const std::string& name, const std::string& key) {
    for (const auto& o : stack(name).value("Outputs", nlohmann::json::array())) {
      if (o["OutputKey"] == key) return o["OutputValue"].get<std::string>();
    }
    FAIL("no output " << key);
    return "";
  }

  void create(const std::string& name, const std::string& body, nlohmann::json extra = nlohmann::json::object()) {
    extra["StackName"] = name;
    extra["TemplateBody"] = body;
    ok("CreateStack", extra);
  }

  ManualScheduler scheduler;
  FakeServices services;

 private:
  std::shared_ptr<Config> config_;
  InMemoryBucketStore buckets_;
  RateLimiter limiter_{buckets_};
  IdGenerator ids_{42};

 public:
  CloudFormationService cfn;
};

// N independent AWS::SSM::Parameter resources P0..P(N-1); with `chain`, each DependsOn the previous one.
std::string parameters_template(int n, bool chain, const std::string& prefix = "/app/p");

}  // namespace chokepoint::test
