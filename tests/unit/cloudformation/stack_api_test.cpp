// The request-level behaviour of the stack API: validation, lookups, views, paging.
#include <catch2/catch.hpp>

#include "cloudformation/cfn_fixture.hpp"

using namespace chokepoint;
using namespace chokepoint::test;
using nlohmann::json;

namespace {
const char* kHandle = "Resources:\n  H: {Type: AWS::CloudFormation::WaitConditionHandle}\n";
}

TEST_CASE("bad templates and inputs are ValidationErrors and leave no stack behind", "[cloudformation]") {
  CfnFixture f;
  const std::vector<std::pair<json, std::string>> cases = {
      {{{"TemplateBody", "Resources:\n  A: {Type: AWS::Nope::Thing}\n"}},
       "Template format error: Unrecognized resource types: [AWS::Nope::Thing]"},
      {{{"TemplateBody", "{\"Resources\": "}}, "Template format error: JSON not well-formed. (line 1, column 15)"},
      {{{"TemplateBody", "Parameters:\n  P: {Type: String}\n" + std::string(kHandle)}},
       "Parameters: [P] must have values"},
      {{{"TemplateBody", "Resources:\n  A: {Type: AWS::SSM::Parameter, DependsOn: A}\n"}},
       "Circular dependency between resources: [A]"},
      {json::object(), "Either Template URL or Template Body must be specified."},
      {{{"TemplateBody", kHandle}, {"TemplateURL", "https://s3.amazonaws.com/b/t.yaml"}},
       "You cannot specify both Template URL and Template Body."},
      {{{"TemplateURL", "https://s3.amazonaws.com/b/t.yaml"}}, "TemplateURL must be a supported URL."},
      {{{"TemplateBody", kHandle}, {"OnFailure", "DELETE"}, {"DisableRollback", "true"}},
       "Either DisableRollback or OnFailure can be specified, not both."},
      {{{"TemplateBody", kHandle}, {"Capabilities", json::array({"CAPABILITY_EVERYTHING"})}},
       "1 validation error detected: Value '[CAPABILITY_EVERYTHING]' at 'capabilities' failed to satisfy constraint: "
       "Member must satisfy constraint: [Member must satisfy enum value set: [CAPABILITY_AUTO_EXPAND, "
       "CAPABILITY_NAMED_IAM, CAPABILITY_IAM]]"},
  };
  for (const auto& [params, message] : cases) {
    json p = params;
    p["StackName"] = "bad";
    const ApiError e = f.error("CreateStack", p);
    CHECK(e.code == "ValidationError");
    CHECK(e.message == message);
  }
  CHECK(f.error("CreateStack", {{"StackName", "bad_name"}, {"TemplateBody", kHandle}})
            .message.find("Member must satisfy regular expression pattern") != std::string::npos);
  CHECK(f.ok("ListStacks", json::object())["StackSummaries"].empty());
  const ApiError caps =
      f.error("CreateStack",
              {{"StackName", "t"}, {"TemplateBody", "Transform: AWS::Serverless-2016-10-31\n" + std::string(kHandle)}});
  CHECK(caps.code == "InsufficientCapabilitiesException");
  CHECK(caps.message == "Requires capabilities : [CAPABILITY_AUTO_EXPAND]");
  CHECK(f.error("CreateStack", {{"StackName", "t"},
                                {"TemplateBody", "Transform: AWS::Serverless-2016-10-31\n" + std::string(kHandle)},
                                {"Capabilities", json::array({"CAPABILITY_AUTO_EXPAND"})}})
            .message.rfind("Transform AWS::Serverless-2016-10-31 failed with: ", 0) == 0);
  const json validated =
      f.ok("ValidateTemplate", {{"TemplateBody", "Transform: AWS::Serverless-2016-10-31\n" + std::string(kHandle)}});
  CHECK(validated["Capabilities"] == json::array({"CAPABILITY_AUTO_EXPAND"}));
  CHECK(validated["DeclaredTransforms"] == json::array({"AWS::Serverless-2016-10-31"}));
}

TEST_CASE("a stack name is taken until the stack is deleted", "[cloudformation]") {
  CfnFixture f;
  f.create("s", kHandle);
  const ApiError dup = f.error("CreateStack", {{"StackName", "s"}, {"TemplateBody", kHandle}});
  CHECK(dup.code == "AlreadyExistsException");
  CHECK(dup.message == "Stack [s] already exists");
  // A retry of the same request (same ClientRequestToken) gets the stack it made.
  const json first = f.ok("CreateStack", {{"StackName", "r"}, {"TemplateBody", kHandle}, {"ClientRequestToken", "t1"}});
  const json retry = f.ok("CreateStack", {{"StackName", "r"}, {"TemplateBody", kHandle}, {"ClientRequestToken", "t1"}});
  CHECK(retry["StackId"] == first["StackId"]);
  CHECK(f.error("CreateStack", {{"StackName", "r"}, {"TemplateBody", kHandle}, {"ClientRequestToken", "t2"}}).code ==
        "AlreadyExistsException");
  f.settle();
  f.ok("DeleteStack", {{"StackName", "s"}});
  f.settle();
  f.create("s", kHandle);
  f.settle();
  CHECK(f.status("s") == "CREATE_COMPLETE");
  CHECK(f.ok("ListStacks", json::object())["StackSummaries"].size() == 3);
}

TEST_CASE("stack lookups answer CloudFormation's not-found messages", "[cloudformation]") {
  CfnFixture f;
  CHECK(f.error("DescribeStacks", {{"StackName", "nope"}}).message == "Stack with id nope does not exist");
  CHECK(f.error("DescribeStackEvents", {{"StackName", "nope"}}).message == "Stack [nope] does not exist");
  CHECK(f.error("ListStackResources", {{"StackName", "nope"}}).message == "Stack [nope] does not exist");
  CHECK(f.error("UpdateStack", {{"StackName", "nope"}, {"TemplateBody", kHandle}}).message ==
        "Stack [nope] does not exist");
  f.create("s", kHandle);
  CHECK(f.error("UpdateStack", {{"StackName", "s"}, {"TemplateBody", kHandle}})
            .message.find("is in CREATE_IN_PROGRESS state and can not be updated.") != std::string::npos);
  CHECK(f.error("DescribeStackResource", {{"StackName", "s"}, {"LogicalResourceId", "Zzz"}}).message ==
        "Resource Zzz does not exist for stack s");
}

TEST_CASE("DescribeStacks shows parameters (NoEcho masked), tags, capabilities and pages", "[cloudformation]") {
  CfnFixture f;
  f.create("s",
           "Parameters:\n  Secret: {Type: String, NoEcho: true}\n  Plain: {Type: String, Default: p}\n" +
               std::string(kHandle),
           {{"Parameters", json::array({{{"ParameterKey", "Secret"}, {"ParameterValue", "hunter2"}}})},
            {"Tags", json::array({{{"Key", "team"}, {"Value", "core"}}})},
            {"Capabilities", json::array({"CAPABILITY_IAM"})},
            {"EnableTerminationProtection", "true"}});
  f.settle();
  const json s = f.stack("s");
  std::map<std::string, std::string> params;
  for (const auto& p : s["Parameters"])
    params[p["ParameterKey"].get<std::string>()] = p["ParameterValue"].get<std::string>();
  CHECK(params["Secret"] == "****");
  CHECK(params["Plain"] == "p");
  CHECK(s["Tags"] == json::array({{{"Key", "team"}, {"Value", "core"}}}));
  CHECK(s["Capabilities"] == json::array({"CAPABILITY_IAM"}));
  CHECK(s["EnableTerminationProtection"] == true);
  CHECK(s["DriftInformation"]["StackDriftStatus"] == "NOT_CHECKED");
  CHECK(f.error("DeleteStack", {{"StackName", "s"}}).message ==
        "Stack [s] cannot be deleted while TerminationProtection is enabled");
  for (int i = 0; i < 120; ++i) f.create("many" + std::to_string(i), kHandle);
  const json first = f.ok("DescribeStacks", json::object());
  CHECK(first["Stacks"].size() == 100);
  const json second = f.ok("DescribeStacks", {{"NextToken", first["NextToken"]}});
  CHECK(second["Stacks"].size() == 21);
  CHECK_FALSE(second.contains("NextToken"));
  CHECK(f.error("DescribeStacks", {{"NextToken", "garbage"}}).message == "Invalid NextToken");
}

TEST_CASE("ValidateTemplate and GetTemplateSummary describe a template", "[cloudformation]") {
  CfnFixture f;
  const std::string body =
      "Description: demo\nParameters:\n  Env: {Type: String, Default: dev, AllowedValues: [dev, prod], "
      "Description: where}\nResources:\n  P: {Type: AWS::SSM::Parameter, Properties: "
      "{Type: String, Value: x}}\n  H: {Type: AWS::CloudFormation::WaitConditionHandle}\n";
  const json v = f.ok("ValidateTemplate", {{"TemplateBody", body}});
  CHECK(v["Description"] == "demo");
  CHECK(v["Parameters"][0] ==
        json{{"ParameterKey", "Env"}, {"DefaultValue", "dev"}, {"NoEcho", false}, {"Description", "where"}});
  const json s = f.ok("GetTemplateSummary", {{"TemplateBody", body}});
  CHECK(s["ResourceTypes"] == json::array({"AWS::CloudFormation::WaitConditionHandle", "AWS::SSM::Parameter"}));
  CHECK(s["Parameters"][0]["ParameterConstraints"]["AllowedValues"] == json::array({"dev", "prod"}));
  CHECK(s["Version"] == "2010-09-09");
  const std::string unknown = "Resources:\n  B: {Type: AWS::ECS::Cluster}\n";
  CHECK(f.error("ValidateTemplate", {{"TemplateBody", unknown}}).message ==
        "Template format error: Unrecognized resource types: [AWS::ECS::Cluster]");
  const json warned = f.ok(
      "GetTemplateSummary",
      {{"TemplateBody", unknown}, {"TemplateSummaryConfig", {{"TreatUnrecognizedResourceTypesAsWarnings", "true"}}}});
  CHECK(warned["Warnings"]["UnrecognizedResourceTypes"] == json::array({"AWS::ECS::Cluster"}));
  f.create("s", body);
  f.settle();
  CHECK(f.ok("GetTemplate", {{"StackName", "s"}})["TemplateBody"] == body);
  CHECK(f.ok("GetTemplateSummary", {{"StackName", "s"}})["Description"] == "demo");
}

TEST_CASE("AWS::SSM::Parameter::Value parameters are read from Parameter Store", "[cloudformation]") {
  CfnFixture f;
  f.create("seed",
           "Resources:\n  P: {Type: AWS::SSM::Parameter, Properties: {Name: /ami, Type: String, Value: ami-42}}\n");
  f.settle();
  f.create("s",
           "Parameters:\n  Ami: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /ami}\nResources:\n"
           "  H: {Type: AWS::CloudFormation::WaitConditionHandle}\nOutputs:\n  Ami: {Value: !Ref Ami}\n");
  f.settle();
  CHECK(f.output("s", "Ami") == "ami-42");
  CHECK(f.stack("s")["Parameters"][0]["ResolvedValue"] == "ami-42");
  const ApiError e = f.error(
      "CreateStack",
      {{"StackName", "t"},
       {"TemplateBody", "Parameters:\n  Ami: {Type: 'AWS::SSM::Parameter::Value<String>'}\n" + std::string(kHandle)},
       {"Parameters", json::array({{{"ParameterKey", "Ami"}, {"ParameterValue", "/nope"}}})}});
  CHECK(e.message == "Unable to fetch parameters [/nope] from parameter store for this account.");
}

TEST_CASE("DescribeAccountLimits reports the configured limits, and CreateStack enforces StackLimit",
          "[cloudformation]") {
  CfnFixture f;
  f.settings().stack_limit = 2;
  const json limits = f.ok("DescribeAccountLimits", json::object())["AccountLimits"];
  CHECK(limits[1] == json{{"Name", "StackLimit"}, {"Value", 2}});
  f.create("a", kHandle);
  f.create("b", kHandle);
  const ApiError e = f.error("CreateStack", {{"StackName", "c"}, {"TemplateBody", kHandle}});
  CHECK(e.code == "LimitExceededException");
}

TEST_CASE("ResourceTypes limits what a stack may create", "[cloudformation]") {
  CfnFixture f;
  const std::string body = "Resources:\n  P: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: x}}\n";
  CHECK(f.error("CreateStack",
                {{"StackName", "s"}, {"TemplateBody", body}, {"ResourceTypes", json::array({"AWS::EC2::*"})}})
            .message == "Resource type AWS::SSM::Parameter is not allowed by parameter ResourceTypes [AWS::EC2::*]");
  f.ok("CreateStack", {{"StackName", "s"}, {"TemplateBody", body}, {"ResourceTypes", json::array({"AWS::SSM::*"})}});
}

TEST_CASE("a reference to a resource whose condition is false is rejected up front", "[cloudformation]") {
  CfnFixture f;
  const std::string body =
      "Parameters:\n  On: {Type: String, Default: 'no'}\nConditions:\n  Enabled: !Equals [!Ref On, 'yes']\n"
      "Resources:\n  A: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: !Ref B}}\n"
      "  B: {Type: AWS::SSM::Parameter, Condition: Enabled, Properties: {Type: String, Value: x}}\n"
      "  C: {Type: AWS::SSM::Parameter, Properties: {Type: String, Value: !If [Enabled, !Ref B, none]}}\n";
  CHECK(f.error("CreateStack", {{"StackName", "s"}, {"TemplateBody", body}}).message ==
        "Template format error: Unresolved resource dependencies [B] in the Resources block of the template");
  f.ok("CreateStack", {{"StackName", "s"},
                       {"TemplateBody", body},
                       {"Parameters", json::array({{{"ParameterKey", "On"}, {"ParameterValue", "yes"}}})}});
  f.settle();
  CHECK(f.status("s") == "CREATE_COMPLETE");
}
