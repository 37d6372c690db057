#include "ec2_fixture.hpp"

namespace chokepoint::test {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST_CASE("ec2: RunInstances launches MaxCount pending instances in one reservation", "[ec2]") {
  Ec2Fixture f;
  body(f.call("CreateKeyPair", {{"KeyName", "deploy"}}));
  const auto out = body(f.call("RunInstances", {{"ImageId", kImage},
                                                {"InstanceType", "t3.micro"},
                                                {"MinCount", "3"},
                                                {"MaxCount", "3"},
                                                {"KeyName", "deploy"}}));
  CHECK(out["ownerId"] == kAccount);
  CHECK(out["reservationId"].get<std::string>().rfind("r-0", 0) == 0);
  REQUIRE(out["instancesSet"].size() == 3);
  const auto& first = out["instancesSet"][0];
  CHECK(first["instanceState"] == nlohmann::json({{"code", 0}, {"name", "pending"}}));
  CHECK(first["instanceType"] == "t3.micro");
  CHECK(first["keyName"] == "deploy");
  CHECK(first["placement"]["availabilityZone"] == "us-east-1a");
  CHECK(first["privateIpAddress"] == "172.31.0.4");
  CHECK(first["privateDnsName"] == "ip-172-31-0-4.ec2.internal");
  CHECK(first["groupSet"][0]["groupName"] == "default");
  CHECK(out["instancesSet"][2]["amiLaunchIndex"] == 2);
  const std::string id = first["instanceId"];
  CHECK(id.size() == 19);
  CHECK(is_ec2_resource_id(id, "i"));
}

TEST_CASE("ec2: pending becomes running after the configured delay, not before", "[ec2]") {
  Ec2Fixture f("ec2: {pending_seconds: 0.5}\n");
  const auto id = f.launch(1)[0];
  f.advance(milliseconds(499));
  CHECK(state_of(f, id) == "pending");
  f.advance(milliseconds(1));
  CHECK(state_of(f, id) == "running");
}

TEST_CASE("ec2: stop, start and terminate move through their transitions", "[ec2]") {
  Ec2Fixture f;  // defaults: 2 s per transition
  const auto id = f.launch(1)[0];
  f.advance(seconds(2));
  REQUIRE(state_of(f, id) == "running");

  const auto stopped = body(f.call("StopInstances", ids_param({id})));
  CHECK(stopped["instancesSet"][0]["previousState"]["name"] == "running");
  CHECK(stopped["instancesSet"][0]["currentState"] == nlohmann::json({{"code", 64}, {"name", "stopping"}}));
  f.advance(seconds(2));
  auto instance = described(body(f.call("DescribeInstances", ids_param({id}))))[0];
  CHECK(instance["instanceState"]["name"] == "stopped");
  CHECK(instance["stateReason"]["code"] == "Client.UserInitiatedShutdown");
  CHECK(instance["reason"].get<std::string>().rfind("User initiated (", 0) == 0);
  CHECK_FALSE(instance.contains("ipAddress"));  // a stopped instance has released its public address

  const auto started = body(f.call("StartInstances", ids_param({id})));
  CHECK(started["instancesSet"][0]["currentState"]["name"] == "pending");
  CHECK(started["instancesSet"][0]["previousState"]["name"] == "stopped");
  f.advance(seconds(2));
  instance = described(body(f.call("DescribeInstances", ids_param({id}))))[0];
  CHECK(instance["instanceState"]["name"] == "running");
  CHECK(instance.contains("ipAddress"));

  const auto terminated = body(f.call("TerminateInstances", ids_param({id})));
  CHECK(terminated["instancesSet"][0]["currentState"] == nlohmann::json({{"code", 32}, {"name", "shutting-down"}}));
  f.advance(seconds(2));
  CHECK(state_of(f, id) == "terminated");
  // Terminating again is not an error: both states are terminated.
  const auto again = body(f.call("TerminateInstances", ids_param({id})));
  CHECK(again["instancesSet"][0]["previousState"]["name"] == "terminated");
  CHECK(again["instancesSet"][0]["currentState"]["name"] == "terminated");
}

TEST_CASE("ec2: terminated instances stay visible for the configured time, then are gone", "[ec2]") {
  Ec2Fixture f("ec2: {shutting_down_seconds: 1, terminated_visible_seconds: 60}\n");
  const auto id = f.launch(1)[0];
  body(f.call("TerminateInstances", ids_param({id})));
  f.advance(seconds(1) + seconds(59));
  CHECK(state_of(f, id) == "terminated");
  f.advance(seconds(1));
  CHECK(error(f.call("DescribeInstances", ids_param({id}))).code == "InvalidInstanceID.NotFound");
  CHECK(described(body(f.call("DescribeInstances"))).empty());
}

TEST_CASE("ec2: an action refused for one instance changes none of them", "[ec2]") {
  Ec2Fixture f;
  const auto a = f.launch(1)[0];
  f.advance(seconds(2));
  const auto b = f.launch(1)[0];  // still pending
  const ApiError e = error(f.call("StopInstances", ids_param({a, b})));
  CHECK(e.code == "IncorrectInstanceState");
  CHECK(e.message == "The instance '" + b + "' is not in a state from which it can be stopped.");
  CHECK(state_of(f, a) == "running");

  body(f.call("TerminateInstances", ids_param({b})));
  CHECK(error(f.call("StartInstances", ids_param({b}))).code == "IncorrectInstanceState");
  CHECK(error(f.call("RebootInstances", ids_param({b}))).code == "IncorrectInstanceState");
  CHECK(body(f.call("RebootInstances", ids_param({a})))["return"] == true);
  CHECK(state_of(f, a) == "running");
}

TEST_CASE("ec2: unknown and malformed instance ids get EC2's errors", "[ec2]") {
  Ec2Fixture f;
  const auto id = f.launch(1)[0];
  const ApiError malformed = error(f.call("TerminateInstances", ids_param({id, "i-123"})));
  CHECK(malformed.code == "InvalidInstanceID.Malformed");
  CHECK(malformed.message == "Invalid id: \"i-123\" (expecting \"i-...\")");
  const ApiError one = error(f.call("StopInstances", ids_param({"i-0123456789abcdef0"})));
  CHECK(one.code == "InvalidInstanceID.NotFound");
  CHECK(one.message == "The instance ID 'i-0123456789abcdef0' does not exist");
  const ApiError two = error(f.call("StopInstances", ids_param({"i-12345678", id, "i-0123456789abcdef0"})));
  CHECK(two.message == "The instance IDs 'i-12345678, i-0123456789abcdef0' do not exist");
  CHECK(error(f.call("TerminateInstances")).code == "MissingParameter");
  CHECK(state_of(f, id) == "pending");
}

TEST_CASE("ec2: termination protection refuses TerminateInstances", "[ec2]") {
  Ec2Fixture f;
  const auto id = f.launch(1, {{"DisableApiTermination", "true"}})[0];
  const ApiError e = error(f.call("TerminateInstances", ids_param({id})));
  CHECK(e.code == "OperationNotPermitted");
  CHECK(state_of(f, id) == "pending");
}

TEST_CASE("ec2: DryRun answers DryRunOperation 412 when the call would succeed, and changes nothing", "[ec2]") {
  Ec2Fixture f;
  const ApiError run =
      error(f.call("RunInstances", {{"ImageId", kImage}, {"MinCount", "2"}, {"MaxCount", "2"}, {"DryRun", "true"}}));
  CHECK(run.code == "DryRunOperation");
  CHECK(run.http_status == 412);
  CHECK(run.message == "Request would have succeeded, but DryRun flag is set.");
  CHECK(described(body(f.call("DescribeInstances"))).empty());
  CHECK(f.resource_tokens("RunInstances") == Approx(1000));

  const auto id = f.launch(1)[0];
  CHECK(error(f.call("TerminateInstances", {{"InstanceId", {id}}, {"DryRun", "true"}})).code == "DryRunOperation");
  CHECK(state_of(f, id) == "pending");
  // A call that would fail reports its error, not DryRunOperation.
  CHECK(error(f.call("StopInstances", {{"InstanceId", {id}}, {"DryRun", "true"}})).code == "IncorrectInstanceState");
  CHECK(error(f.call("DescribeInstances", {{"DryRun", "maybe"}})).code == "InvalidParameterValue");
  CHECK(error(f.call("DescribeInstances", {{"DryRun", "true"}})).code == "DryRunOperation");
}

TEST_CASE("ec2: a repeated ClientToken returns the first reservation and launches nothing", "[ec2]") {
  Ec2Fixture f;
  const nlohmann::json params = {{"ImageId", kImage}, {"MinCount", "2"}, {"MaxCount", "2"}, {"ClientToken", "tok-1"}};
  const std::string first = body(f.call("RunInstances", params))["reservationId"];
  const auto again = body(f.call("RunInstances", params));
  CHECK(again["reservationId"] == first);
  CHECK(again["instancesSet"].size() == 2);
  CHECK(described(body(f.call("DescribeInstances"))).size() == 2);
  CHECK(f.resource_tokens("RunInstances") == Approx(998));
  nlohmann::json changed = params;
  changed["MaxCount"] = "3";
  CHECK(error(f.call("RunInstances", changed)).code == "IdempotentParameterMismatch");
}

TEST_CASE("ec2: RunInstances validates its input with EC2's errors", "[ec2]") {
  Ec2Fixture f;
  const nlohmann::json base = {{"ImageId", kImage}, {"MinCount", "1"}, {"MaxCount", "1"}};
  const auto with = [&](nlohmann::json extra) {
    nlohmann::json p = base;
    p.update(extra);
    return f.call("RunInstances", p);
  };
  CHECK(error(f.call("RunInstances", {{"MinCount", "1"}, {"MaxCount", "1"}})).code == "MissingParameter");
  CHECK(error(with({{"ImageId", "ami-xyz"}})).code == "InvalidAMIID.Malformed");
  CHECK(error(with({{"InstanceType", "m9.colossal"}})).code == "InvalidParameterValue");
  CHECK(error(with({{"InstanceType", "t4g.micro"}})).message.find("architecture") != std::string::npos);
  CHECK(error(with({{"MinCount", "2"}})).code == "InvalidParameterValue");
  CHECK(error(with({{"MaxCount", "0"}})).code == "InvalidParameterValue");
  CHECK(error(with({{"MinCount", "one"}})).code == "InvalidParameterValue");
  CHECK(error(with({{"Placement", {{"AvailabilityZone", "us-west-2a"}}}})).code == "InvalidParameterValue");
  CHECK(error(with({{"SecurityGroupId", {"sg-1"}}})).code == "InvalidGroupId.Malformed");
  CHECK(error(with({{"SecurityGroup", {"web"}}})).code == "InvalidGroup.NotFound");
  CHECK(error(with({{"UserData", "not base64!"}})).code == "InvalidParameterValue");
  CHECK(error(with({{"TagSpecification", {{{"ResourceType", "image"}, {"Tag", {{{"Key", "a"}}}}}}}})).code ==
        "InvalidParameterValue");
  CHECK(described(body(f.call("DescribeInstances"))).empty());
  CHECK(f.resource_tokens("RunInstances") == Approx(1000));
}

TEST_CASE("ec2: RunInstances places instances by zone, subnet and security groups", "[ec2]") {
  Ec2Fixture f;
  const std::string group =
      body(f.call("CreateSecurityGroup", {{"GroupName", "app"}, {"GroupDescription", "app"}}))["groupId"];
  auto i = body(f.call("RunInstances", {{"ImageId", kArmImage},
                                        {"InstanceType", "t4g.micro"},
                                        {"MinCount", "1"},
                                        {"MaxCount", "1"},
                                        {"Placement", {{"AvailabilityZone", "us-east-1c"}}},
                                        {"SecurityGroupId", {group}}}))["instancesSet"][0];
  CHECK(i["placement"]["availabilityZone"] == "us-east-1c");
  CHECK(i["placement"]["availabilityZoneId"] == "use1-az3");
  CHECK(i["architecture"] == "arm64");
  CHECK(i["cpuOptions"] == nlohmann::json({{"coreCount", 2}, {"threadsPerCore", 1}}));
  CHECK(i["groupSet"][0]["groupId"] == group);
  CHECK(i["groupSet"][0]["groupName"] == "app");
  CHECK(i["privateIpAddress"].get<std::string>().rfind("172.31.32.", 0) == 0);  // the third zone's /20
  const std::string subnet = i["subnetId"];
  // The default subnet of us-east-1c puts the next instance there too.
  i = body(
      f.call("RunInstances",
             {{"ImageId", kImage}, {"MinCount", "1"}, {"MaxCount", "1"}, {"SubnetId", subnet}}))["instancesSet"][0];
  CHECK(i["placement"]["availabilityZone"] == "us-east-1c");
  CHECK(i["instanceType"] == "m1.small");  // the configured default type
}

TEST_CASE("ec2: the instance limit launches what fits and refuses below MinCount", "[ec2]") {
  Ec2Fixture f("ec2: {max_instances: 5}\n");
  f.launch(3);
  const auto out = body(f.call("RunInstances", {{"ImageId", kImage}, {"MinCount", "1"}, {"MaxCount", "4"}}));
  CHECK(out["instancesSet"].size() == 2);
  const ApiError e = error(f.call("RunInstances", {{"ImageId", kImage}, {"MinCount", "1"}, {"MaxCount", "1"}}));
  CHECK(e.code == "InstanceLimitExceeded");
}

TEST_CASE("ec2: state is separate per account and per region", "[ec2]") {
  Ec2Fixture f;
  const auto id = f.launch(1)[0];
  CHECK(described(body(f.call("DescribeInstances", {}, "111111111111"))).empty());
  CHECK(described(body(f.call("DescribeInstances", {}, kAccount, "eu-west-1"))).empty());
  CHECK(error(f.call("StopInstances", ids_param({id}), "111111111111")).code == "InvalidInstanceID.NotFound");
  const ApiError region = error(f.call("DescribeInstances", {}, kAccount, "mars-north-1"));
  CHECK(region.code == "AuthFailure");
  f.service().reset();
  CHECK(described(body(f.call("DescribeInstances"))).empty());
}


TEST_CASE("ec2: an AMI id outside the catalog launches unless strict_images is on", "[ec2]") {
  Ec2Fixture lenient;
  const auto launched = body(lenient.call(
      "RunInstances",
      {{"ImageId", "ami-12345678"}, {"MinCount", "1"}, {"MaxCount", "1"}, {"InstanceType", "t4g.micro"}}));
  const auto& instance = launched["instancesSet"][0];
  CHECK(instance["imageId"] == "ami-12345678");
  CHECK(instance["architecture"] == "arm64");  // the instance type's, from the first arm64 Linux catalog image
  CHECK(error(lenient.call("DescribeImages", {{"ImageId", {"ami-12345678"}}})).code == "InvalidAMIID.NotFound");

  Ec2Fixture strict("ec2: {strict_images: true}\n");
  const ApiError missing = error(
      strict.call("RunInstances", {{"ImageId", "ami-0123456789abcdef0"}, {"MinCount", "1"}, {"MaxCount", "1"}}));
  CHECK(missing.code == "InvalidAMIID.NotFound");
  CHECK(missing.message == "The image id '[ami-0123456789abcdef0]' does not exist");
}

}  // namespace
}  // namespace chokepoint::test
