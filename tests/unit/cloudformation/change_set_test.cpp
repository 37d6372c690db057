// Change sets: what `aws cloudformation deploy` does.
#include <catch2/catch.hpp>

#include "cloudformation/cfn_fixture.hpp"

using namespace chokepoint;
using namespace chokepoint::test;
using nlohmann::json;

namespace {

const char* kBody =
    "Parameters:\n  V: {Type: String, Default: a}\nResources:\n"
    "  P: {Type: AWS::SSM::Parameter, Properties: {Name: /cs, Type: String, Value: !Ref V}}\n";

json create_cs(CfnFixture& f, const std::string& name, const std::string& type, const std::string& body,
               json params = json::array()) {
  return f.ok("CreateChangeSet", {{"StackName", "s"},
                                  {"ChangeSetName", name},
                                  {"ChangeSetType", type},
                                  {"TemplateBody", body},
                                  {"Parameters", params}});
}

}  // namespace

TEST_CASE("a CREATE change set reviews, then executes into a stack", "[cloudformation]") {
  CfnFixture f;
  const json created = create_cs(f, "first", "CREATE", kBody);
  CHECK(created["Id"].get<std::string>().rfind("arn:aws:cloudformation:us-east-1:123456789012:changeSet/first/", 0) ==
        0);
  CHECK(f.status("s") == "REVIEW_IN_PROGRESS");
  const json cs = f.ok("DescribeChangeSet", {{"ChangeSetName", "first"}, {"StackName", "s"}});
  CHECK(cs["Status"] == "CREATE_COMPLETE");
  CHECK(cs["ExecutionStatus"] == "AVAILABLE");
  CHECK(cs["Changes"][0]["ResourceChange"]["Action"] == "Add");
  CHECK(cs["Changes"][0]["ResourceChange"]["LogicalResourceId"] == "P");
  CHECK(f.ok("GetTemplate", {{"StackName", "s"}, {"ChangeSetName", "first"}})["TemplateBody"] == kBody);
  CHECK(f.services.calls().empty());
  f.ok("ExecuteChangeSet", {{"ChangeSetName", created["Id"]}});
  f.settle();
  CHECK(f.status("s") == "CREATE_COMPLETE");
  CHECK(f.stack("s")["ChangeSetId"] == created["Id"]);
  CHECK(f.ok("DescribeChangeSet", {{"ChangeSetName", created["Id"]}})["ExecutionStatus"] == "EXECUTE_COMPLETE");
  CHECK(f.error("CreateChangeSet",
                {{"StackName", "s"}, {"ChangeSetName", "again"}, {"ChangeSetType", "CREATE"}, {"TemplateBody", kBody}})
            .code == "AlreadyExistsException");
}

TEST_CASE("an UPDATE change set lists modifications, and an empty one fails with CloudFormation's reason",
          "[cloudformation]") {
  CfnFixture f;
  f.create("s", kBody);
  f.settle();
  create_cs(f, "mod", "UPDATE", kBody, json::array({{{"ParameterKey", "V"}, {"ParameterValue", "b"}}}));
  const json change =
      f.ok("DescribeChangeSet", {{"ChangeSetName", "mod"}, {"StackName", "s"}})["Changes"][0]["ResourceChange"];
  CHECK(change["Action"] == "Modify");
  CHECK(change["Replacement"] == "False");
  CHECK(change["PhysicalResourceId"] == "/cs");
  CHECK(change["Details"][0]["Target"]["Name"] == "Value");
  CHECK(change["Details"][0]["ChangeSource"] == "ParameterReference");
  std::string renamed = kBody;
  renamed.replace(renamed.find("/cs"), 3, "/other");
  create_cs(f, "rename", "UPDATE", renamed);
  CHECK(f.ok("DescribeChangeSet", {{"ChangeSetName", "rename"},
                                   {"StackName", "s"}})["Changes"][0]["ResourceChange"]["Replacement"] == "True");
  create_cs(f, "same", "UPDATE", kBody);
  const json same = f.ok("DescribeChangeSet", {{"ChangeSetName", "same"}, {"StackName", "s"}});
  CHECK(same["Status"] == "FAILED");
  CHECK(same["ExecutionStatus"] == "UNAVAILABLE");
  CHECK(same["StatusReason"] ==
        "The submitted information didn't contain changes. Submit different information to create a change set.");
  CHECK(f.error("ExecuteChangeSet", {{"ChangeSetName", "same"}, {"StackName", "s"}}).code == "InvalidChangeSetStatus");
  CHECK(f.ok("ListChangeSets", {{"StackName", "s"}})["Summaries"].size() == 3);
  f.ok("ExecuteChangeSet", {{"ChangeSetName", "mod"}, {"StackName", "s"}});
  f.settle();
  CHECK(f.status("s") == "UPDATE_COMPLETE");
  CHECK(f.services.parameters().at("/cs")["Value"] == "b");
  CHECK(f.ok("DescribeChangeSet", {{"ChangeSetName", "rename"}, {"StackName", "s"}})["ExecutionStatus"] == "OBSOLETE");
}

TEST_CASE("change set lookups fail the way CloudFormation's do", "[cloudformation]") {
  CfnFixture f;
  f.create("s", kBody);
  f.settle();
  const ApiError missing = f.error("DescribeChangeSet", {{"ChangeSetName", "nope"}, {"StackName", "s"}});
  CHECK(missing.code == "ChangeSetNotFound");
  CHECK(missing.http_status == 404);
  CHECK(missing.message == "ChangeSet [nope] does not exist");
  CHECK(f.error("DescribeChangeSet", {{"ChangeSetName", "nope"}}).message ==
        "StackName must be specified if ChangeSetName is not specified as an ARN.");
  CHECK(f.error("CreateChangeSet", {{"StackName", "ghost"}, {"ChangeSetName", "c"}, {"TemplateBody", kBody}}).message ==
        "Stack [ghost] does not exist");
  create_cs(f, "gone", "UPDATE", std::string(kBody) + "  Q: {Type: AWS::CloudFormation::WaitConditionHandle}\n");
  f.ok("DeleteChangeSet", {{"ChangeSetName", "gone"}, {"StackName", "s"}});
  CHECK(f.error("DescribeChangeSet", {{"ChangeSetName", "gone"}, {"StackName", "s"}}).code == "ChangeSetNotFound");
}
