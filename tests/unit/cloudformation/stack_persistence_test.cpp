// CloudFormation's durable state: stacks, their change sets and exports come back from the change log and
// from a snapshot dump, and an operation a restart interrupted finishes on its own.
#include <catch2/catch.hpp>

#include "cloudformation/cfn_fixture.hpp"
#include "persistence/record_replay.hpp"
#include "persistence/temp_dir.hpp"

using namespace chokepoint;
using namespace chokepoint::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

const char* kExporter = R"(
Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Name:
    Type: AWS::SSM::Parameter
    Properties: {Name: /app/name, Type: String, Value: !Ref Env}
  Extra:
    Type: AWS::SSM::Parameter
    Condition: IsProd
    Properties: {Name: /app/extra, Type: String, Value: x}
Outputs:
  Shared:
    Value: !Ref Name
    Export: {Name: shared-name}
)";

const char* kImporter = R"(
Resources:
  Copy:
    Type: AWS::SSM::Parameter
    Properties: {Name: /app/copy, Type: String, Value: !ImportValue shared-name}
)";

json env(const std::string& value) { return json::array({{{"ParameterKey", "Env"}, {"ParameterValue", value}}}); }

void workload(CfnFixture& f) {
  f.create("base", kExporter);
  f.settle();
  f.ok("UpdateStack", {{"StackName", "base"}, {"TemplateBody", kExporter}, {"Parameters", env("staging")}});
  f.settle();
  f.create("user", kImporter);
  f.create("gone", parameters_template(1, false, "/gone/p"));
  f.settle();
  f.ok("DeleteStack", {{"StackName", "gone"}});
  f.settle();
  f.ok("CreateChangeSet", {{"StackName", "base"},
                           {"ChangeSetName", "to-prod"},
                           {"UsePreviousTemplate", true},
                           {"Parameters", env("prod")}});
  f.ok("UpdateTerminationProtection", {{"StackName", "user"}, {"EnableTerminationProtection", true}});
}

// What a client can see of every stack.
json view(CfnFixture& f) {
  json v;
  v["stacks"] = f.ok("DescribeStacks", json::object());
  v["list"] = f.ok("ListStacks", json::object());
  for (const char* name : {"base", "user"}) {
    v[name]["events"] = f.events(name);
    v[name]["resources"] = f.ok("DescribeStackResources", {{"StackName", name}});
    v[name]["template"] = f.ok("GetTemplate", {{"StackName", name}});
  }
  v["exports"] = f.ok("ListExports", json::object());
  v["imports"] = f.ok("ListImports", {{"ExportName", "shared-name"}});
  v["change_sets"] = f.ok("ListChangeSets", {{"StackName", "base"}});
  v["change_set"] = f.ok("DescribeChangeSet", {{"StackName", "base"}, {"ChangeSetName", "to-prod"}});
  return v;
}

}  // namespace

TEST_CASE("stacks, change sets and exports survive a replay of the change log and a dump",
          "[cloudformation][persistence]") {
  TempDir dir;
  CfnFixture original;
  recorded(dir.path(), original.cfn, [&] { workload(original); });
  const json expected = view(original);
  REQUIRE(expected["stacks"]["Stacks"].size() == 2);
  REQUIRE(expected["list"]["StackSummaries"].size() == 3);
  REQUIRE(expected["exports"]["Exports"].size() == 1);

  CfnFixture replayed(8);
  replay_log(dir.path(), replayed.cfn, replayed.config(), replayed.scheduler.now());
  CHECK(view(replayed) == expected);

  CfnFixture restored(9);
  copy_dump(original.cfn, restored.cfn, restored.config(), restored.scheduler.now());
  CHECK(view(restored) == expected);

  // The restored stacks work as before: the export is in use, the change set runs, the name is free again.
  CHECK(restored.error("DeleteStack", {{"StackName", "user"}}).message ==
        "Stack [user] cannot be deleted while TerminationProtection is enabled");
  restored.ok("ExecuteChangeSet", {{"StackName", "base"}, {"ChangeSetName", "to-prod"}});
  restored.settle();
  CHECK(restored.status("base") == "UPDATE_COMPLETE");
  CHECK(restored.services.parameters().count("/app/extra") == 1);
  restored.create("gone", parameters_template(1, false, "/gone/p"));
  restored.settle();
  CHECK(restored.status("gone") == "CREATE_COMPLETE");
}

TEST_CASE("a create that a restart interrupted fails as interrupted and rolls back", "[cloudformation][persistence]") {
  TempDir dir;
  CfnFixture original;
  original.settings().operation_delay_ms = {{"*", 1000}};
  recorded(dir.path(), original.cfn, [&] {
    original.create("half", parameters_template(3, true));
    original.scheduler.advance(1500ms);  // P0 is done, P1 waits out its delay
  });
  REQUIRE(original.services.parameters().size() == 1);

  CfnFixture restarted(8);
  replay_log(dir.path(), restarted.cfn, restarted.config(), restarted.scheduler.now());
  CHECK(restarted.status("half") == "CREATE_IN_PROGRESS");
  restarted.cfn.resume_after_restore();
  restarted.settle();
  CHECK(restarted.status("half") == "ROLLBACK_COMPLETE");
  CHECK(restarted.stack("half")["StackStatusReason"] ==
        "The operation was interrupted: the server stopped while it ran. Rollback requested by user.");
  json cancelled;
  for (const auto& e : restarted.events("half")) {
    if (e["LogicalResourceId"] == "P1" && e["ResourceStatus"] == "CREATE_FAILED") cancelled = e;
  }
  CHECK(cancelled.value("ResourceStatusReason", "") == "Resource creation cancelled");
  // The rollback deleted what the first server had made (the restarted one's fakes start empty, so the
  // DeleteParameter of P0 is the proof).
  CHECK(restarted.services.count("ssm.DeleteParameter") == 1);
  CHECK(restarted.resource("half", "P0")["ResourceStatus"] == "DELETE_COMPLETE");
}

TEST_CASE("a deletion that a restart interrupted runs again to the end", "[cloudformation][persistence]") {
  TempDir dir;
  CfnFixture original;
  original.settings().operation_delay_ms = {{"*", 1000}};  // a stack keeps the settings it was created with
  original.create("doomed", parameters_template(3, true));
  original.settle();
  recorded(dir.path(), original.cfn, [&] {
    original.ok("DeleteStack", {{"StackName", "doomed"}});
    original.scheduler.advance(1500ms);  // P2 is deleted, P1 waits out its delay
  });
  REQUIRE(original.services.parameters().size() == 2);

  CfnFixture restarted(8);
  replay_log(dir.path(), restarted.cfn, restarted.config(), restarted.scheduler.now());
  CHECK(restarted.status("doomed") == "DELETE_IN_PROGRESS");
  restarted.cfn.resume_after_restore();
  restarted.settle();
  const json all = restarted.ok("ListStacks", json::object())["StackSummaries"];
  REQUIRE(all.size() == 1);
  CHECK(all[0]["StackStatus"] == "DELETE_COMPLETE");
  CHECK(restarted.services.count("ssm.DeleteParameter") == 2);  // P1 and P0; P2 was gone already
  CHECK(restarted.error("DescribeStacks", {{"StackName", "doomed"}}).message == "Stack with id doomed does not exist");
}

TEST_CASE("a record that cannot be read is skipped and the rest restored", "[cloudformation][persistence]") {
  CfnFixture original;
  original.create("kept", parameters_template(1, false));
  original.settle();
  CfnFixture restored(8);
  const RestoreContext ctx{restored.config(), restored.scheduler.now()};
  original.cfn.dump([&](std::string text) {
    auto record = parse_record(text);
    REQUIRE(record);
    ChangeRecord broken = *record;
    broken.key = "123456789012/us-east-1/arn:aws:cloudformation:us-east-1:123456789012:stack/broken/x";
    broken.state["id"] = "arn:aws:cloudformation:us-east-1:123456789012:stack/broken/x";
    broken.state["definition"]["template_body"] = "Resources: [";
    restored.cfn.restore(broken, ctx);
    restored.cfn.restore(*record, ctx);
  });
  CHECK(restored.status("kept") == "CREATE_COMPLETE");
  CHECK(restored.ok("ListStacks", json::object())["StackSummaries"].size() == 1);
}
