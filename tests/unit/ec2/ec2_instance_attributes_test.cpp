#include "common/base64.hpp"
#include "ec2_fixture.hpp"
#include "services/ec2/ec2_console_output.hpp"

namespace chokepoint::test {
namespace {

nlohmann::json attribute(Ec2Fixture& f, const std::string& id, const std::string& name) {
  return body(f.call("DescribeInstanceAttribute", {{"InstanceId", id}, {"Attribute", name}}));
}

std::string stopped_instance(Ec2Fixture& f) {
  const auto id = f.launch(1)[0];
  f.advance(std::chrono::seconds(3));
  body(f.call("StopInstances", ids_param({id})));
  f.advance(std::chrono::seconds(3));
  REQUIRE(state_of(f, id) == "stopped");
  return id;
}

TEST_CASE("ec2: DescribeInstanceAttribute answers each attribute as {value}", "[ec2][attributes]") {
  Ec2Fixture f;
  const auto id = f.launch(1, {{"InstanceType", "t3.micro"}, {"UserData", "aGVsbG8="}})[0];
  const auto type = attribute(f, id, "instanceType");
  CHECK(type["instanceId"] == id);
  CHECK(type["instanceType"]["value"] == "t3.micro");
  CHECK(attribute(f, id, "userData")["userData"]["value"] == "aGVsbG8=");
  CHECK(attribute(f, id, "disableApiTermination")["disableApiTermination"]["value"] == false);
  CHECK(attribute(f, id, "instanceInitiatedShutdownBehavior")["instanceInitiatedShutdownBehavior"]["value"] == "stop");
  CHECK(attribute(f, id, "groupSet")["groupSet"][0]["groupName"] == "default");
  CHECK(attribute(f, id, "blockDeviceMapping")["blockDeviceMapping"][0]["deviceName"] == "/dev/xvda");
  CHECK(error(f.call("DescribeInstanceAttribute", {{"InstanceId", id}, {"Attribute", "color"}})).code ==
        "InvalidParameterValue");
  CHECK(error(f.call("DescribeInstanceAttribute", {{"InstanceId", "i-0123456789abcdef0"}, {"Attribute", "kernel"}}))
            .code == "InvalidInstanceID.NotFound");
}

TEST_CASE("ec2: ModifyInstanceAttribute changes what DescribeInstances shows", "[ec2][attributes]") {
  Ec2Fixture f;
  const auto running = f.launch(1)[0];
  f.advance(std::chrono::seconds(3));
  CHECK(error(f.call("ModifyInstanceAttribute", {{"InstanceId", running}, {"InstanceType", {{"Value", "t3.large"}}}}))
            .code == "IncorrectInstanceState");
  body(f.call("ModifyInstanceAttribute", {{"InstanceId", running}, {"SourceDestCheck", {{"Value", "false"}}}}));
  CHECK(described(body(f.call("DescribeInstances", ids_param({running}))))[0]["sourceDestCheck"] == false);

  body(f.call("ModifyInstanceAttribute",
              {{"InstanceId", running}, {"Attribute", "disableApiTermination"}, {"Value", "true"}}));
  CHECK(error(f.call("TerminateInstances", ids_param({running}))).code == "OperationNotPermitted");
  body(f.call("ModifyInstanceAttribute", {{"InstanceId", running}, {"DisableApiStop", {{"Value", "true"}}}}));
  CHECK(error(f.call("StopInstances", ids_param({running}))).code == "OperationNotPermitted");
  CHECK(state_of(f, running) == "running");
  CHECK(error(f.call("ModifyInstanceAttribute", {{"InstanceId", running},
                                                 {"SourceDestCheck", {{"Value", "true"}}},
                                                 {"EbsOptimized", {{"Value", "true"}}}}))
            .code == "InvalidParameterCombination");
  CHECK(error(f.call("ModifyInstanceAttribute",
                     {{"InstanceId", running}, {"InstanceInitiatedShutdownBehavior", {{"Value", "explode"}}}}))
            .code == "InvalidParameterValue");

  const auto stopped = stopped_instance(f);
  CHECK(error(f.call("ModifyInstanceAttribute", {{"InstanceId", stopped},
                                                 {"InstanceType", {{"Value", "t3.large"}}},
                                                 {"DryRun", "true"}}))
            .code == "DryRunOperation");
  CHECK(attribute(f, stopped, "instanceType")["instanceType"]["value"] == "m1.small");
  body(f.call("ModifyInstanceAttribute", {{"InstanceId", stopped}, {"InstanceType", {{"Value", "t3.large"}}}}));
  CHECK(described(body(f.call("DescribeInstances", ids_param({stopped}))))[0]["instanceType"] == "t3.large");
  CHECK(error(f.call("ModifyInstanceAttribute", {{"InstanceId", stopped}, {"InstanceType", {{"Value", "t4g.micro"}}}}))
            .code == "InvalidParameterValue");  // an arm64 type for an x86_64 image
  body(f.call("ModifyInstanceAttribute", {{"InstanceId", stopped}, {"GroupId", {"sg-0123456789abcdef0"}}}));
  CHECK(described(body(f.call("DescribeInstances", ids_param({stopped}))))[0]["groupSet"][0]["groupId"] ==
        "sg-0123456789abcdef0");
}

TEST_CASE("ec2: GetConsoleOutput has no output while pending, then a boot log", "[ec2][console]") {
  Ec2Fixture f;
  const auto id = f.launch(1)[0];
  const auto pending = body(f.call("GetConsoleOutput", {{"InstanceId", id}}));
  CHECK(pending["instanceId"] == id);
  CHECK_FALSE(pending.contains("output"));
  f.advance(std::chrono::seconds(3));
  const auto booted = body(f.call("GetConsoleOutput", {{"InstanceId", id}, {"Latest", "true"}}));
  std::string log;
  REQUIRE(base64_decode(booted["output"].get<std::string>(), log));
  CHECK(log.find("Cloud-init") != std::string::npos);
  CHECK(log.find(" login:") != std::string::npos);
  CHECK(booted["timestamp"] == "2027-01-15T08:00:03.000Z");
  CHECK(error(f.call("GetConsoleOutput", {{"InstanceId", "i-0123456789abcdef0"}})).code ==
        "InvalidInstanceID.NotFound");
}

}  // namespace
}  // namespace chokepoint::test
