// The resource types other than SSM parameters: DynamoDB tables, EC2 instances, wait condition handles and
// nested stacks.
#include <catch2/catch.hpp>

#include <unistd.h>
#include <cstdio>
#include <fstream>

#include "cloudformation/cfn_fixture.hpp"
#include "services/cloudformation/scaling_target_id.hpp"

using namespace chokepoint;
using namespace chokepoint::test;
using nlohmann::json;

namespace {

size_t count_ops(const FakeServices& s, const std::string& op) {
  return s.count(op);
}

}  // namespace

TEST_CASE("a DynamoDB table is created, waited on until ACTIVE, and deleted", "[cloudformation]") {
  CfnFixture f;
  f.services.settle_polls = 2;
  f.create("t", R"(
Parameters:
  Rcu: {Type: Number, Default: 5}
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
      ProvisionedThroughput: {ReadCapacityUnits: !Ref Rcu, WriteCapacityUnits: 2}
      StreamSpecification: {StreamViewType: NEW_IMAGE}
      TimeToLiveSpecification: {AttributeName: ttl, Enabled: true}
Outputs:
  Arn: {Value: !GetAtt Table.Arn}
  Name: {Value: !Ref Table}
)");
  f.settle();
  REQUIRE(f.status("t") == "CREATE_COMPLETE");
  const std::string name = f.output("t", "Name");
  CHECK(name.rfind("t-Table-", 0) == 0);
  CHECK(f.output("t", "Arn") == "arn:aws:dynamodb:us-east-1:123456789012:table/" + name);
  const json created = f.services.tables().at(name);
  CHECK(created["ProvisionedThroughput"]["ReadCapacityUnits"] == 5);  // a number, though the parameter is text
  CHECK(created["StreamSpecification"] == json{{"StreamEnabled", true}, {"StreamViewType", "NEW_IMAGE"}});
  CHECK_FALSE(created.contains("TimeToLiveSpecification"));
  CHECK(count_ops(f.services, "dynamodb.DescribeTable") == 3);  // CREATING twice, then ACTIVE
  CHECK(count_ops(f.services, "dynamodb.UpdateTimeToLive") == 1);
  f.ok("UpdateStack", {{"StackName", "t"},
                       {"UsePreviousTemplate", "true"},
                       {"Parameters", json::array({{{"ParameterKey", "Rcu"}, {"ParameterValue", "9"}}})}});
  f.settle();
  CHECK(f.status("t") == "UPDATE_COMPLETE");
  CHECK(f.services.tables().at(name)["ProvisionedThroughput"]["ReadCapacityUnits"] == 9);
  f.ok("DeleteStack", {{"StackName", "t"}});
  f.settle();
  CHECK(f.services.tables().empty());
}

TEST_CASE("an EC2 instance is run with the EC2 query parameters and waited on until running", "[cloudformation]") {
  CfnFixture f;
  f.services.settle_polls = 1;
  f.create("vm", R"(
Resources:
  Server:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      InstanceType: t3.micro
      SecurityGroupIds: [sg-1, sg-2]
      AvailabilityZone: us-east-1a
      Tags: [{Key: Name, Value: web}]
Outputs:
  Ip: {Value: !GetAtt Server.PublicIp}
  Id: {Value: !Ref Server}
)");
  f.settle();
  REQUIRE(f.status("vm") == "CREATE_COMPLETE");
  const auto calls = f.services.calls();
  const json& run = calls.front().request.params;
  CHECK(calls.front().request.operation == "RunInstances");
  CHECK(run["ImageId"] == "ami-12345678");
  CHECK(run["MinCount"] == "1");
  CHECK(run["SecurityGroupId"] == json::array({"sg-1", "sg-2"}));
  CHECK(run["Placement"]["AvailabilityZone"] == "us-east-1a");
  CHECK(run["TagSpecification"][0]["ResourceType"] == "instance");
  CHECK(run["TagSpecification"][0]["Tag"][0] == json{{"Key", "Name"}, {"Value", "web"}});
  CHECK(f.output("vm", "Ip") == "54.0.0.5");
  const std::string id = f.output("vm", "Id");
  CHECK(f.services.instances().at(id) == "running");
  // A tag change applies in place; another instance type replaces the instance.
  const std::string retagged =
      "Resources:\n  Server:\n    Type: AWS::EC2::Instance\n    Properties: {ImageId: ami-12345678, InstanceType: "
      "t3.micro, SecurityGroupIds: [sg-1, sg-2], AvailabilityZone: us-east-1a, Tags: [{Key: Name, Value: api}]}\n"
      "Outputs:\n  Ip: {Value: !GetAtt Server.PublicIp}\n  Id: {Value: !Ref Server}\n";
  f.ok("UpdateStack", {{"StackName", "vm"}, {"TemplateBody", retagged}});
  f.settle();
  CHECK(f.output("vm", "Id") == id);
  CHECK(f.services.count("ec2.CreateTags") == 1);
  std::string resized = retagged;
  resized.replace(resized.find("t3.micro"), 8, "t3.large");
  f.ok("UpdateStack", {{"StackName", "vm"}, {"TemplateBody", resized}});
  f.settle();
  CHECK(f.status("vm") == "UPDATE_COMPLETE");
  const std::string replacement = f.output("vm", "Id");
  CHECK(replacement != id);
  CHECK(f.services.instances().at(id) == "terminated");
  CHECK(f.services.instances().at(replacement) == "running");
  f.ok("DeleteStack", {{"StackName", "vm"}});
  f.settle();
  CHECK(f.services.instances().at(replacement) == "terminated");
  CHECK(f.error("DescribeStacks", {{"StackName", "vm"}}).code == "ValidationError");
}

TEST_CASE("a throttled RunInstances fails with EC2's message after the retries", "[cloudformation]") {
  CfnFixture f;
  f.settings().throttle_retries = 1;
  f.services.limit("ec2.RunInstances", BucketLimit{0.01, 1}, f.scheduler.now());
  f.create("vms",
           "Resources:\n  A: {Type: AWS::EC2::Instance, Properties: {ImageId: ami-1}}\n"
           "  B: {Type: AWS::EC2::Instance, Properties: {ImageId: ami-1}}\n");
  f.settle();
  CHECK(f.status("vms") == "ROLLBACK_COMPLETE");
  std::string reason;
  for (const auto& e : f.events("vms")) {
    if (e["ResourceStatus"] == "CREATE_FAILED" &&
        e.value("ResourceStatusReason", "").find("Service: Ec2") != std::string::npos) {
      reason = e["ResourceStatusReason"].get<std::string>();
    }
  }
  CHECK(reason.find("Request limit exceeded. (Service: Ec2, Status Code: 503, Request ID: ") != std::string::npos);
  for (const auto& [_, state] : f.services.instances()) CHECK(state == "terminated");
}

TEST_CASE("a nested stack is created from a file TemplateURL and its outputs reach the parent", "[cloudformation]") {
  const std::string path = "/tmp/chokepoint-cfn-child-" + std::to_string(::getpid()) + ".yaml";
  std::ofstream(path) << "Parameters:\n  Prefix: {Type: String}\nResources:\n"
                         "  P: {Type: AWS::SSM::Parameter, Properties: {Name: !Sub '${Prefix}/child', Type: String, "
                         "Value: nested}}\nOutputs:\n  Name: {Value: !Ref P}\n";
  CfnFixture f;
  f.create("parent",
           "Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
           "      TemplateURL: file://" +
               path +
               "\n      Parameters: {Prefix: /p}\n"
               "Outputs:\n  ChildName: {Value: !GetAtt Child.Outputs.Name}\n");
  f.settle();
  std::remove(path.c_str());
  REQUIRE(f.status("parent") == "CREATE_COMPLETE");
  CHECK(f.output("parent", "ChildName") == "/p/child");
  const std::string child_id = f.resource("parent", "Child")["PhysicalResourceId"].get<std::string>();
  const json child = f.stack(child_id);
  CHECK(child["StackStatus"] == "CREATE_COMPLETE");
  CHECK(child["ParentId"] == f.stack("parent")["StackId"]);
  CHECK(child["StackName"].get<std::string>().rfind("parent-Child-", 0) == 0);
  f.ok("DeleteStack", {{"StackName", "parent"}});
  f.settle();
  CHECK(f.stack(child_id)["StackStatus"] == "DELETE_COMPLETE");
  CHECK(f.services.parameters().empty());
}

TEST_CASE("a nested stack that fails fails its parent, which deletes it", "[cloudformation]") {
  const std::string path = "/tmp/chokepoint-cfn-bad-child-" + std::to_string(::getpid()) + ".yaml";
  std::ofstream(path) << "Resources:\n  P: {Type: AWS::SSM::Parameter, Properties: {Value: no-type}}\n";
  CfnFixture f;
  f.create("parent",
           "Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
           "      TemplateURL: file://" +
               path + "\n");
  f.settle();
  std::remove(path.c_str());
  CHECK(f.status("parent") == "ROLLBACK_COMPLETE");
  const json detail = f.resource("parent", "Child");
  CHECK(detail["ResourceStatus"] == "DELETE_COMPLETE");
  bool explained = false;
  for (const auto& e : f.events("parent")) {
    const std::string reason = e.value("ResourceStatusReason", "");
    explained |=
        reason.rfind("Embedded stack arn:aws:cloudformation:us-east-1:123456789012:stack/parent-Child-", 0) == 0 &&
        reason.find("was not successfully created: The following resource(s) failed to create: [P]") !=
            std::string::npos;
  }
  CHECK(explained);
}

TEST_CASE("a scalable target's id joins and splits resource, dimension and namespace", "[cloudformation]") {
  const ScalingTargetId id{"table/T/index/I", "dynamodb:index:ReadCapacityUnits", "dynamodb"};
  const std::string text = format_scaling_target_id(id);
  CHECK(text == "table/T/index/I|dynamodb:index:ReadCapacityUnits|dynamodb");
  const ScalingTargetId back = parse_scaling_target_id(text);
  CHECK(back.resource_id == id.resource_id);
  CHECK(back.scalable_dimension == id.scalable_dimension);
  CHECK(back.service_namespace == id.service_namespace);
  const ScalingTargetId partial = parse_scaling_target_id("table/T");
  CHECK(partial.resource_id == "table/T");
  CHECK(partial.scalable_dimension.empty());
  CHECK(partial.service_namespace.empty());
}
