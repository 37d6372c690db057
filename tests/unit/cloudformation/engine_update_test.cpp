// Stack updates, their rollback, and stack deletion.
#include <catch2/catch.hpp>

#include "cloudformation/cfn_fixture.hpp"

using namespace chokepoint;
using namespace chokepoint::test;
using nlohmann::json;

namespace {

const char* kTwo = R"(
Parameters:
  V: {Type: String, Default: one}
Resources:
  A: {Type: AWS::SSM::Parameter, Properties: {Name: /a, Type: String, Value: !Ref V}}
  B: {Type: AWS::SSM::Parameter, Properties: {Name: /b, Type: String, Value: fixed}}
Outputs:
  Value: {Value: !GetAtt A.Value}
)";

json update(CfnFixture& f, const std::string& body, json params = json::array()) {
  return f.ok("UpdateStack", {{"StackName", "s"}, {"TemplateBody", body}, {"Parameters", params}});
}

json param(const std::string& key, const std::string& value) {
  return {{"ParameterKey", key}, {"ParameterValue", value}};
}

}  // namespace

TEST_CASE("an update changes only what changed, in place", "[cloudformation]") {
  CfnFixture f;
  f.create("s", kTwo);
  f.settle();
  const size_t before = f.services.calls().size();
  update(f, kTwo, json::array({param("V", "two")}));
  f.settle();
  CHECK(f.status("s") == "UPDATE_COMPLETE");
  const auto calls = f.services.calls();
  REQUIRE(calls.size() == before + 1);  // B is unchanged: no call
  CHECK(calls.back().request.params["Name"] == "/a");
  CHECK(calls.back().request.params["Overwrite"] == true);
  CHECK(f.services.parameters().at("/a")["Value"] == "two");
  CHECK(f.output("s", "Value") == "two");
  CHECK(f.error("UpdateStack",
                {{"StackName", "s"}, {"TemplateBody", kTwo}, {"Parameters", json::array({param("V", "two")})}})
            .message == "No updates are to be performed.");
}

TEST_CASE("renaming replaces the resource and the cleanup deletes the old one", "[cloudformation]") {
  CfnFixture f;
  f.create("s", kTwo);
  f.settle();
  std::string renamed = kTwo;
  renamed.replace(renamed.find("Name: /b"), 8, "Name: /c");
  update(f, renamed);
  f.settle();
  CHECK(f.status("s") == "UPDATE_COMPLETE");
  const auto params = f.services.parameters();
  CHECK(params.count("/b") == 0);
  CHECK(params.count("/c") == 1);
  CHECK(f.resource("s", "B")["PhysicalResourceId"] == "/c");
  bool saw_replacement_reason = false, saw_cleanup_status = false;
  for (const auto& e : f.events("s")) {
    saw_replacement_reason |= e.value("ResourceStatusReason", "") ==
                              "Requested update requires the creation of a new physical resource; hence creating one.";
    saw_cleanup_status |= e["ResourceStatus"] == "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS";
  }
  CHECK(saw_replacement_reason);
  CHECK(saw_cleanup_status);
}

TEST_CASE("removing a resource from the template deletes it", "[cloudformation]") {
  CfnFixture f;
  f.create("s", kTwo);
  f.settle();
  update(f, "Resources:\n  A: {Type: AWS::SSM::Parameter, Properties: {Name: /a, Type: String, Value: one}}\n");
  f.settle();
  CHECK(f.status("s") == "UPDATE_COMPLETE");
  CHECK(f.services.parameters().count("/b") == 0);
  CHECK(f.error("DescribeStackResource", {{"StackName", "s"}, {"LogicalResourceId", "B"}}).message ==
        "Resource B does not exist for stack s");
}

TEST_CASE("a failed update rolls back to the previous values", "[cloudformation]") {
  CfnFixture f;
  f.create("s", kTwo);
  f.settle();
  f.services.fail_next("ssm.PutParameter", make_error("ValidationException", "Parameter value is too long"), 1);
  const std::string changed = R"(
Parameters:
  V: {Type: String, Default: one}
Resources:
  A: {Type: AWS::SSM::Parameter, Properties: {Name: /a, Type: String, Value: !Ref V}}
  B: {Type: AWS::SSM::Parameter, Properties: {Name: /b, Type: String, Value: other}}
  C: {Type: AWS::SSM::Parameter, DependsOn: A, Properties: {Name: /new, Type: String, Value: x}}
Outputs:
  Value: {Value: !GetAtt A.Value}
)";
  update(f, changed, json::array({param("V", "two")}));
  f.settle();
  CHECK(f.status("s") == "UPDATE_ROLLBACK_COMPLETE");
  const auto params = f.services.parameters();
  CHECK(params.at("/a")["Value"] == "one");
  CHECK(params.at("/b")["Value"] == "fixed");
  CHECK(params.count("/new") == 0);
  CHECK(f.output("s", "Value") == "one");
  // The stack can be updated again from its previous template.
  update(f, kTwo, json::array({param("V", "three")}));
  f.settle();
  CHECK(f.status("s") == "UPDATE_COMPLETE");
  CHECK(f.services.parameters().at("/a")["Value"] == "three");
}

TEST_CASE("a replacement cannot keep a custom name", "[cloudformation]") {
  CfnFixture f;
  f.create("s",
           "Resources:\n  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      TableName: orders\n"
           "      KeySchema: [{AttributeName: pk, KeyType: HASH}]\n");
  f.settle();
  f.ok("UpdateStack", {{"StackName", "s"},
                       {"TemplateBody",
                        "Resources:\n  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n"
                        "      TableName: orders\n      KeySchema: [{AttributeName: id, KeyType: HASH}]\n"}});
  f.settle();
  CHECK(f.status("s") == "UPDATE_ROLLBACK_COMPLETE");
  bool seen = false;
  for (const auto& e : f.events("s")) {
    seen |= e.value("ResourceStatusReason", "").find("custom-named resource requires replacing. Rename orders") !=
            std::string::npos;
  }
  CHECK(seen);
}

TEST_CASE("deleting a stack deletes its resources in reverse dependency order", "[cloudformation]") {
  CfnFixture f;
  f.create("s",
           parameters_template(3, true) +
               "  Kept: {Type: AWS::SSM::Parameter, DeletionPolicy: Retain, Properties: {Name: /kept, Type: String, "
               "Value: k}}\n");
  f.settle();
  f.ok("DeleteStack", {{"StackName", "s"}});
  f.settle();
  std::vector<std::string> deleted;
  for (const auto& c : f.services.calls()) {
    if (c.request.operation == "DeleteParameter") deleted.push_back(c.request.params["Name"].get<std::string>());
  }
  CHECK(deleted == std::vector<std::string>{"/app/p2", "/app/p1", "/app/p0"});
  CHECK(f.services.parameters().count("/kept") == 1);
  const json summary = f.ok("ListStacks", {{"StackStatusFilter", json::array({"DELETE_COMPLETE"})}})["StackSummaries"];
  REQUIRE(summary.size() == 1);
  const std::string id = summary[0]["StackId"].get<std::string>();
  CHECK(f.stack(id)["StackStatus"] == "DELETE_COMPLETE");  // still describable by ARN
  bool skipped = false;
  for (const auto& e : f.events(id))
    skipped |= e["LogicalResourceId"] == "Kept" && e["ResourceStatus"] == "DELETE_SKIPPED";
  CHECK(skipped);
  f.ok("DeleteStack", {{"StackName", "s"}});  // deleting what is gone is not an error
}

TEST_CASE("a delete that fails leaves DELETE_FAILED, and RetainResources gets past it", "[cloudformation]") {
  CfnFixture f;
  f.create("s", parameters_template(2, false));
  f.settle();
  f.services.fail_next("ssm.DeleteParameter", make_error("AccessDeniedException", "not allowed"), 5);
  f.ok("DeleteStack", {{"StackName", "s"}});
  f.settle();
  CHECK(f.status("s") == "DELETE_FAILED");
  CHECK(f.stack("s")["StackStatusReason"].get<std::string>().rfind("The following resource(s) failed to delete: [",
                                                                   0) == 0);
  f.ok("DeleteStack", {{"StackName", "s"}, {"RetainResources", json::array({"P0", "P1"})}});
  f.settle();
  CHECK(f.error("DescribeStacks", {{"StackName", "s"}}).message == "Stack with id s does not exist");
  CHECK(f.services.parameters().size() == 2);  // retained, as asked
}

TEST_CASE("exports are shared across stacks and protected while imported", "[cloudformation]") {
  CfnFixture f;
  f.create("producer",
           "Resources:\n  A: {Type: AWS::SSM::Parameter, Properties: {Name: /shared, Type: String, "
           "Value: v}}\nOutputs:\n  N: {Value: !Ref A, Export: {Name: shared-name}}\n");
  f.settle();
  f.create("consumer",
           "Resources:\n  B: {Type: AWS::SSM::Parameter, Properties: {Type: String, "
           "Value: !ImportValue shared-name}}\nOutputs:\n  Got: {Value: !GetAtt B.Value}\n");
  f.settle();
  CHECK(f.output("consumer", "Got") == "/shared");
  CHECK(f.ok("ListImports", {{"ExportName", "shared-name"}})["Imports"] == json::array({"consumer"}));
  CHECK(f.ok("ListExports", json::object())["Exports"][0]["Name"] == "shared-name");
  f.ok("DeleteStack", {{"StackName", "producer"}});
  f.settle();
  CHECK(f.status("producer") == "DELETE_FAILED");
  CHECK(f.stack("producer")["StackStatusReason"] == "Export shared-name cannot be deleted as it is in use by consumer");
  f.create("dup",
           "Resources:\n  C: {Type: AWS::CloudFormation::WaitConditionHandle}\nOutputs:\n"
           "  N: {Value: x, Export: {Name: shared-name}}\n");
  f.settle();
  CHECK(f.status("dup") == "ROLLBACK_COMPLETE");
  CHECK(f.stack("dup")["StackStatusReason"].get<std::string>().rfind(
            "Export with name shared-name is already exported by stack producer", 0) == 0);
}
