#include <catch2/catch.hpp>

#include "config/config_loader.hpp"
#include "config_loading.hpp"

namespace chokepoint {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST_CASE("ec2 config: defaults", "[config][ec2]") {
  const LoadResult result = load_default_config();
  INFO(test::errors_text(result));
  REQUIRE(result.ok());
  const Ec2Settings& ec2 = result.config->ec2;
  CHECK(ec2.pending_delay == seconds(2));
  CHECK(ec2.stopping_delay == seconds(2));
  CHECK(ec2.shutting_down_delay == seconds(2));
  CHECK(ec2.terminated_visible == seconds(3600));
  CHECK(ec2.throttle_message == Ec2ThrottleMessage::kDetailed);
  CHECK(ec2.ids_count_as_filters);
  CHECK(ec2.images.size() == 5);
  REQUIRE(ec2.find_instance_type(ec2.default_instance_type));
  REQUIRE(ec2.find_image("ami-0a1b2c3d4e5f60005"));
  CHECK(ec2.find_image("ami-0a1b2c3d4e5f60005")->platform == "windows");
  CHECK(ec2.find_image("ami-0a1b2c3d4e5f60005")->platform_details == "Windows");
  CHECK(ec2.find_image("ami-0a1b2c3d4e5f60003")->owner_alias.empty());
  CHECK(ec2.find_instance_type("t4g.micro")->architectures == std::vector<std::string>{"arm64"});
}

TEST_CASE("ec2 config: overrides keep what they do not name", "[config][ec2]") {
  const LoadResult result = load_config_text(R"(
ec2:
  pending_seconds: 0.25
  terminated_visible_seconds: 0
  request_limit_message: classic
  ids_count_as_filters: false
  instance_types:
    - {name: z1.tiny, vcpus: 1, memory_mib: 512}
  default_instance_type: z1.tiny
)",
                                             "user.yaml");
  INFO(test::errors_text(result));
  REQUIRE(result.ok());
  const Ec2Settings& ec2 = result.config->ec2;
  CHECK(ec2.pending_delay == milliseconds(250));
  CHECK(ec2.stopping_delay == seconds(2));
  CHECK(ec2.terminated_visible == seconds(0));
  CHECK(ec2.throttle_message == Ec2ThrottleMessage::kClassic);
  CHECK_FALSE(ec2.ids_count_as_filters);
  REQUIRE(ec2.instance_types.size() == 1);
  CHECK(ec2.instance_types[0].hypervisor == "nitro");
  CHECK(ec2.images.size() == 5);
}

TEST_CASE("ec2 config: mistakes are reported with their path", "[config][ec2]") {
  const auto errors_of = [](std::string_view yaml) { return test::errors_text(load_config_text(yaml, "u.yaml")); };
  CHECK_THAT(errors_of("ec2: {pending_secnds: 1}\n"),
             Catch::Contains("unknown key 'pending_secnds'") && Catch::Contains("pending_seconds"));
  CHECK_THAT(errors_of("ec2: {pending_seconds: -1}\n"), Catch::Contains("ec2.pending_seconds: must be >= 0"));
  CHECK_THAT(errors_of("ec2: {request_limit_message: loud}\n"), Catch::Contains("ec2.request_limit_message"));
  CHECK_THAT(errors_of("ec2: {images: [{id: ami-1, name: x}]}\n"),
             Catch::Contains("ec2.images[0].id: expected an AMI id"));
  CHECK_THAT(errors_of("ec2: {images: [{id: ami-12345678, name: x, architecture: sparc}]}\n"),
             Catch::Contains("ec2.images[0].architecture"));
  CHECK_THAT(errors_of("ec2: {images: [{id: ami-12345678}]}\n"), Catch::Contains("missing required key 'name'"));
  CHECK_THAT(errors_of("ec2: {instance_types: [{name: a.b}, {name: a.b}]}\n"), Catch::Contains("duplicate name 'a.b'"));
  CHECK_THAT(errors_of("ec2: {default_instance_type: q9.nano}\n"),
             Catch::Contains("ec2.default_instance_type: default_instance_type 'q9.nano' is not one of"));
  CHECK_THAT(errors_of("ec2: {instance_types: [{name: a.b, vcpus: 0}]}\n"), Catch::Contains("vcpus: must be > 0"));
}

}  // namespace
}  // namespace chokepoint
