#pragma once
// Drives Ec2Service directly: a config from YAML laid over the defaults, real token buckets, and a time
// that moves only when a test says so.
#include <catch2/catch.hpp>

#include "config/config_loader.hpp"
#include "services/ec2/ec2_service.hpp"
#include "throttle/in_memory_bucket_store.hpp"
#include "config_loading.hpp"

namespace chokepoint::test {

inline constexpr const char* kAccount = "123456789012";
inline constexpr const char* kImage = "ami-0a1b2c3d4e5f60001";     // x86_64 Amazon Linux
inline constexpr const char* kArmImage = "ami-0a1b2c3d4e5f60002";  // arm64 Amazon Linux

class Ec2Fixture {
 public:
  explicit Ec2Fixture(std::string_view yaml = "") {
    config_ = config_that_loads(yaml);
  }

  const Config& config() const { return *config_; }
  Ec2Service& service() { return service_; }
  TimePoint now() const { return now_; }
  void advance(Duration d) { now_ += d; }

  ApiRequest request(std::string operation, nlohmann::json params, std::string account = kAccount,
                     std::string region = "us-east-1") const {
    ApiRequest r;
    r.service = "ec2";
    r.operation = std::move(operation);
    r.protocol = Protocol::kEc2;
    r.params = std::move(params);
    r.identity = Identity{"", std::move(account), std::move(region), false};
    return r;
  }

  // The handler alone, as the dispatcher calls it once the request bucket admitted the call.
  ApiResult call(std::string operation, nlohmann::json params = nlohmann::json::object(),
                 std::string account = kAccount, std::string region = "us-east-1") {
    CallContext ctx{now_, *config_, limiter_, ids_, nullptr};
    return service_.handle(request(std::move(operation), std::move(params), std::move(account), std::move(region)),
                           ctx);
  }

  // Request-bucket admission as the dispatcher does it, then the handler.
  ApiResult admitted_call(std::string operation, nlohmann::json params = nlohmann::json::object()) {
    const ApiRequest r = request(std::move(operation), std::move(params));
    CallContext ctx{now_, *config_, limiter_, ids_, nullptr};
    const Admission a = limiter_.admit_call(*config_, r.identity.account_id, r.identity.region, r.service, r.operation,
                                            service_.rate_variant(r, ctx), now_);
    if (!a.admitted) return service_.throttle_error(r, ctx);
    return service_.handle(r, ctx);
  }

  double resource_tokens(std::string_view action) {
    const BucketLimit limit = config_->throttling.at("ec2").resources.at(std::string(action));
    return buckets_.level(BucketKey{kAccount, "us-east-1", "ec2", "resource:" + std::string(action)}, limit, now_);
  }

  // Launches `count` instances of kImage and returns their ids.
  std::vector<std::string> launch(int count, nlohmann::json extra = nlohmann::json::object()) {
    nlohmann::json params = {
        {"ImageId", kImage}, {"MinCount", std::to_string(count)}, {"MaxCount", std::to_string(count)}};
    params.update(extra);
    const ApiResult result = call("RunInstances", params);
    REQUIRE_FALSE(is_error(result));
    std::vector<std::string> ids;
    for (const auto& i : std::get<ApiResponse>(result).body["instancesSet"]) ids.push_back(i["instanceId"]);
    return ids;
  }

  // One instance, launched and left running (pending lasts a few emulated seconds).
  std::string running_instance() {
    const std::string id = launch(1).front();
    advance(std::chrono::seconds(3));
    return id;
  }

 private:
  std::shared_ptr<const Config> config_;
  InMemoryBucketStore buckets_;
  RateLimiter limiter_{buckets_};
  IdGenerator ids_{7};
  Ec2Service service_;
  TimePoint now_{std::chrono::seconds{1'800'000'000}};
};

// Copies, so that a result may be a temporary.
inline nlohmann::json body(const ApiResult& result) {
  if (const auto* e = std::get_if<ApiError>(&result)) FAIL("unexpected error " << e->code << ": " << e->message);
  return std::get<ApiResponse>(result).body;
}

inline ApiError error(const ApiResult& result) {
  REQUIRE(is_error(result));
  return std::get<ApiError>(result);
}

inline nlohmann::json ids_param(const std::vector<std::string>& ids) {
  return {{"InstanceId", ids}};
}

inline nlohmann::json filter(std::string name, std::vector<std::string> values) {
  return {{"Name", std::move(name)}, {"Value", std::move(values)}};
}

// Instances of a DescribeInstances body, flattened over reservations.
inline std::vector<nlohmann::json> described(const nlohmann::json& body) {
  std::vector<nlohmann::json> out;
  for (const auto& r : body["reservationSet"]) {
    for (const auto& i : r["instancesSet"]) out.push_back(i);
  }
  return out;
}

inline std::string state_of(Ec2Fixture& f, const std::string& id) {
  const auto instances = described(body(f.call("DescribeInstances", ids_param({id}))));
  REQUIRE(instances.size() == 1);
  return instances[0]["instanceState"]["name"];
}

}  // namespace chokepoint::test
