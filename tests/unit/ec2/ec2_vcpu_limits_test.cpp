// Running On-Demand vCPU quotas: counting, MinCount semantics, StartInstances, and a pre-applied quota value.
#include "ec2_fixture.hpp"

namespace chokepoint::test {
namespace {

using std::chrono::seconds;

// An account whose Standard quota is 32 vCPUs, as if an increase to 32 had been approved.
constexpr const char* kStandard32 =
    "service_quotas: {applied: [{account: \"123456789012\", service: ec2, quota_code: L-1216C47A, value: 32}]}\n";

constexpr const char* kVcpuMessage32 =
    "You have requested more vCPU capacity than your current vCPU limit of 32 allows for the instance bucket that "
    "the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an "
    "adjustment to this limit.";

nlohmann::json launch_params(const char* type, int min_count, int max_count) {
  return {{"ImageId", kImage},
          {"InstanceType", type},
          {"MinCount", std::to_string(min_count)},
          {"MaxCount", std::to_string(max_count)}};
}

size_t instance_count(Ec2Fixture& f) {
  return described(body(f.call("DescribeInstances"))).size();
}

TEST_CASE("ec2: an instance type's family is the letters before its generation", "[ec2][vcpu]") {
  CHECK(ec2_instance_family("t3.micro") == "t");
  CHECK(ec2_instance_family("inf2.xlarge") == "inf");
  CHECK(ec2_instance_family("is4gen.large") == "is");
  CHECK(ec2_instance_family("u-6tb1.metal") == "u");
  Ec2Fixture f;
  REQUIRE(f.config().ec2.vcpu_limit_for("m5.xlarge") != nullptr);
  CHECK(f.config().ec2.vcpu_limit_for("m5.xlarge")->quota_code == "L-1216C47A");
  CHECK(f.config().ec2.vcpu_limit_for("g5.xlarge")->quota_code == "L-DB2E81BA");
  CHECK(f.config().ec2.vcpu_limit_for("vt1.3xlarge")->quota_code == "L-DB2E81BA");
  CHECK(f.config().ec2.vcpu_limit_for("mac1.metal") == nullptr);
}

TEST_CASE("ec2: a 32-vCPU Standard quota admits eight 4-vCPU instances and refuses the ninth", "[ec2][vcpu]") {
  Ec2Fixture f(kStandard32);
  for (int n = 0; n < 8; ++n) body(f.call("RunInstances", launch_params("m5.xlarge", 1, 1)));
  const ApiError e = error(f.call("RunInstances", launch_params("m5.xlarge", 1, 1)));
  CHECK(e.code == "VcpuLimitExceeded");
  CHECK(e.message == kVcpuMessage32);
  CHECK(e.http_status == 400);
  CHECK(instance_count(f) == 8);  // the refused call launched nothing
  // Other accounts keep the configured quota.
  CHECK_FALSE(is_error(f.call("RunInstances", launch_params("m5.xlarge", 1, 1), "210987654321")));
}

TEST_CASE("ec2: RunInstances launches what fits between MinCount and MaxCount", "[ec2][vcpu]") {
  Ec2Fixture f(kStandard32);
  body(f.call("RunInstances", launch_params("c5.xlarge", 6, 6)));  // 24 of 32 vCPUs
  CHECK(error(f.call("RunInstances", launch_params("m5.xlarge", 3, 5))).code == "VcpuLimitExceeded");
  CHECK(instance_count(f) == 6);
  const auto out = body(f.call("RunInstances", launch_params("m5.xlarge", 1, 5)));
  CHECK(out["instancesSet"].size() == 2);  // 8 vCPUs were left: two 4-vCPU instances
  // A 1-vCPU type in the same group finds no room either.
  CHECK(error(f.call("RunInstances", launch_params("t2.micro", 1, 1))).code == "VcpuLimitExceeded");
}

TEST_CASE("ec2: stopped instances free their vCPUs; StartInstances beyond the quota starts none", "[ec2][vcpu]") {
  Ec2Fixture f(kStandard32);
  const auto first = f.launch(4, {{"InstanceType", "m5.xlarge"}});  // 16 vCPUs
  f.advance(seconds(2));
  body(f.call("StopInstances", ids_param(first)));
  f.advance(seconds(2));
  REQUIRE(state_of(f, first[0]) == "stopped");
  body(f.call("RunInstances", launch_params("m5.xlarge", 4, 4)));  // the stopped ones hold nothing: 16 in use
  body(f.call("RunInstances", launch_params("t3.micro", 1, 1)));   // 18 in use
  const ApiError e = error(f.call("StartInstances", ids_param(first)));  // would need 16 more
  CHECK(e.code == "VcpuLimitExceeded");
  for (const auto& id : first) CHECK(state_of(f, id) == "stopped");
  body(f.call("StartInstances", ids_param({first[0], first[1], first[2]})));  // 12 more: 30 of 32
  CHECK(state_of(f, first[0]) == "pending");
}

TEST_CASE("ec2: a group at AWS's default of 0 vCPUs refuses its types", "[ec2][vcpu]") {
  Ec2Fixture f(
      "ec2:\n"
      "  instance_types:\n"
      "    - {name: m1.small, vcpus: 1}\n"
      "    - {name: g5.xlarge, vcpus: 4}\n");
  const ApiError e = error(f.call("RunInstances", launch_params("g5.xlarge", 1, 1)));
  CHECK(e.code == "VcpuLimitExceeded");
  CHECK(e.message.find("current vCPU limit of 0 allows") != std::string::npos);
  CHECK_FALSE(is_error(f.call("RunInstances", launch_params("m1.small", 1, 1))));
}

}  // namespace
}  // namespace chokepoint::test
