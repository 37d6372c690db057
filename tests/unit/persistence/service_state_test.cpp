// Each service's durable state: what its change log records, replayed into a fresh service, and what its
// snapshot dump holds, restored into another, give the same answers as the original.
#include <catch2/catch.hpp>

#include "dynamodb/dynamodb_harness.hpp"
#include "ec2/ec2_fixture.hpp"
#include "persistence/record_replay.hpp"
#include "persistence/temp_dir.hpp"
#include "ssm/ssm_fixture.hpp"

using namespace chokepoint;
using chokepoint::test::copy_dump;
using chokepoint::test::recorded;
using chokepoint::test::replay_log;
using chokepoint::test::TempDir;
using nlohmann::json;

namespace {

std::shared_ptr<const Config> default_config() {
  return load_default_config().config;
}

json item(const std::string& pk, int sk, json extra = json::object()) {
  json i = {{"pk", {{"S", pk}}}, {"sk", {{"N", std::to_string(sk)}}}};
  i.update(extra);
  return i;
}

json dynamo_view(testing::DynamoHarness& h) {
  json view;
  view["tables"] = h.ok("ListTables", json::object())["TableNames"];
  json table = h.ok("DescribeTable", {{"TableName", "orders"}})["Table"];
  view["table"] = table;
  view["items"] = h.ok("Scan", {{"TableName", "orders"}})["Items"];
  view["by_status"] = h.ok("Query", {{"TableName", "orders"},
                                     {"IndexName", "by-status"},
                                     {"KeyConditionExpression", "st = :s"},
                                     {"ExpressionAttributeValues", {{":s", {{"S", "open"}}}}}})["Items"];
  view["ttl"] = h.ok("DescribeTimeToLive", {{"TableName", "orders"}});
  view["tags"] = h.ok("ListTagsOfResource", {{"ResourceArn", table["TableArn"]}})["Tags"];
  view["backups"] = h.ok("DescribeContinuousBackups", {{"TableName", "orders"}});
  return view;
}

void dynamo_workload(testing::DynamoHarness& h) {
  h.ok(
      "CreateTable",
      {{"TableName", "orders"},
       {"BillingMode", "PAY_PER_REQUEST"},
       {"AttributeDefinitions",
        {{{"AttributeName", "pk"}, {"AttributeType", "S"}},
         {{"AttributeName", "sk"}, {"AttributeType", "N"}},
         {{"AttributeName", "st"}, {"AttributeType", "S"}}}},
       {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}, {{"AttributeName", "sk"}, {"KeyType", "RANGE"}}}},
       {"GlobalSecondaryIndexes",
        {{{"IndexName", "by-status"},
          {"KeySchema", {{{"AttributeName", "st"}, {"KeyType", "HASH"}}}},
          {"Projection", {{"ProjectionType", "ALL"}}}}}}});
  for (int i = 0; i < 5; ++i)
    h.ok("PutItem", {{"TableName", "orders"}, {"Item", item("a", i, {{"st", {{"S", "open"}}}})}});
  h.ok("UpdateItem", {{"TableName", "orders"},
                      {"Key", item("a", 1)},
                      {"UpdateExpression", "SET st = :c ADD n :one"},
                      {"ExpressionAttributeValues", {{":c", {{"S", "closed"}}}, {":one", {{"N", "1"}}}}}});
  h.ok("DeleteItem", {{"TableName", "orders"}, {"Key", item("a", 2)}});
  h.ok("TransactWriteItems", {{"TransactItems",
                               {{{"Put", {{"TableName", "orders"}, {"Item", item("b", 1)}}}},
                                {{"Delete", {{"TableName", "orders"}, {"Key", item("a", 3)}}}}}}});
  h.ok("BatchWriteItem", {{"RequestItems", {{"orders", {{{"PutRequest", {{"Item", item("c", 9)}}}}}}}}});
  h.ok("UpdateTimeToLive",
       {{"TableName", "orders"}, {"TimeToLiveSpecification", {{"Enabled", true}, {"AttributeName", "expires"}}}});
  h.ok("UpdateContinuousBackups",
       {{"TableName", "orders"},
        {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", true}, {"RecoveryPeriodInDays", 7}}}});
  h.ok("TagResource", {{"ResourceArn", "arn:aws:dynamodb:us-east-1:123456789012:table/orders"},
                       {"Tags", {{{"Key", "team"}, {"Value", "red"}}}}});
  h.create_simple_table("scratch");
  h.ok("PutItem", {{"TableName", "scratch"}, {"Item", {{"pk", {{"S", "x"}}}}}});
  h.ok("DeleteTable", {{"TableName", "scratch"}});
}

}  // namespace

TEST_CASE("dynamodb: tables and items survive a replay of the change log and a dump", "[persistence]") {
  TempDir dir;
  testing::DynamoHarness original("dynamodb: {table_creation_delay_ms: 0, table_deletion_delay_ms: 0}\n");
  recorded(dir.path(), original.service, [&] { dynamo_workload(original); });
  const json expected = dynamo_view(original);
  CHECK(expected["items"].size() == 5);
  CHECK(expected["by_status"].size() == 2);  // a0 and a4: a1 closed, a2 and a3 deleted

  testing::DynamoHarness replayed("dynamodb: {table_creation_delay_ms: 0, table_deletion_delay_ms: 0}\n");
  replay_log(dir.path(), replayed.service, *default_config(), replayed.now);
  CHECK(dynamo_view(replayed) == expected);

  testing::DynamoHarness restored("dynamodb: {table_creation_delay_ms: 0, table_deletion_delay_ms: 0}\n");
  copy_dump(original.service, restored.service, *default_config(), restored.now);
  CHECK(dynamo_view(restored) == expected);
}

TEST_CASE("ssm: parameters with history, labels, tags and settings survive", "[persistence]") {
  TempDir dir;
  test::SsmFixture original;
  recorded(dir.path(), original.service, [&] {
    original.put("/app/db", "v1", {{"Description", "first"}});
    original.put("/app/db", "v2", {{"Overwrite", true}});
    original.ok("LabelParameterVersion", {{"Name", "/app/db"}, {"ParameterVersion", 1}, {"Labels", {"prod"}}});
    original.ok("AddTagsToResource",
                {{"ResourceType", "Parameter"}, {"ResourceId", "app/db"}, {"Tags", {{{"Key", "k"}, {"Value", "v"}}}}});
    original.put("/gone", "x");
    original.ok("DeleteParameters", {{"Names", {"/gone"}}});
    original.ok("UpdateServiceSetting",
                {{"SettingId", "/ssm/parameter-store/default-parameter-tier"}, {"SettingValue", "Advanced"}});
  });
  auto view = [](test::SsmFixture& f) {
    json v;
    v["history"] = f.ok("GetParameterHistory", {{"Name", "/app/db"}})["Parameters"];
    v["tags"] = f.ok("ListTagsForResource", {{"ResourceType", "Parameter"}, {"ResourceId", "/app/db"}})["TagList"];
    v["gone"] = f.err("GetParameter", {{"Name", "/gone"}}).code;
    v["setting"] = f.ok("GetServiceSetting", {{"SettingId", "/ssm/parameter-store/default-parameter-tier"}});
    return v;
  };
  const json expected = view(original);
  CHECK(expected["history"].size() == 2);
  CHECK(expected["history"][0]["Labels"] == json({"prod"}));

  test::SsmFixture replayed;
  replay_log(dir.path(), replayed.service, *replayed.config, replayed.now);
  CHECK(view(replayed) == expected);

  test::SsmFixture restored;
  copy_dump(original.service, restored.service, *restored.config, restored.now);
  CHECK(view(restored) == expected);
}

namespace {

// `view` of a fresh fixture, `elapsed` after its start, equals `expected` after replaying the change log recorded in
// `dir`, and again after restoring a dump of `original`.
template <class View>
void check_ec2_state_survives(const TempDir& dir, test::Ec2Fixture& original, View view, const json& expected,
                              std::chrono::seconds elapsed) {
  test::Ec2Fixture replayed;
  replayed.advance(elapsed);
  replay_log(dir.path(), replayed.service(), replayed.config(), replayed.now());
  CHECK(view(replayed) == expected);

  test::Ec2Fixture restored;
  restored.advance(elapsed);
  copy_dump(original.service(), restored.service(), restored.config(), restored.now());
  CHECK(view(restored) == expected);
}

}  // namespace

TEST_CASE("ec2: instances, their states and tags survive", "[persistence]") {
  TempDir dir;
  test::Ec2Fixture original;
  std::vector<std::string> ids;
  recorded(dir.path(), original.service(), [&] {
    ids = original.launch(3);
    original.call("CreateTags", {{"ResourceId", {ids[0]}}, {"Tag", {{{"Key", "env"}, {"Value", "prod"}}}}});
    original.advance(std::chrono::seconds(5));
    original.call("TerminateInstances", test::ids_param({ids[1]}));
  });
  auto view = [](test::Ec2Fixture& f) { return test::body(f.call("DescribeInstances")); };
  const json expected = view(original);

  check_ec2_state_survives(dir, original, view, expected, std::chrono::seconds(5));
  CHECK(expected["reservationSet"].size() == 1);
}

TEST_CASE("ec2: key pairs and their tags survive", "[persistence]") {
  TempDir dir;
  test::Ec2Fixture original;
  recorded(dir.path(), original.service(), [&] {
    const json tags = {{{"ResourceType", "key-pair"}, {"Tag", {{{"Key", "team"}, {"Value", "a"}}}}}};
    original.call("CreateKeyPair", {{"KeyName", "a"}, {"KeyType", "ed25519"}, {"TagSpecification", tags}});
    original.call("CreateKeyPair", {{"KeyName", "b"}});
    original.call("DeleteKeyPair", {{"KeyName", "b"}});
  });
  auto view = [](test::Ec2Fixture& f) {
    return test::body(f.call("DescribeKeyPairs", {{"IncludePublicKey", "true"}}));
  };
  const json expected = view(original);
  REQUIRE(expected["keySet"].size() == 1);

  check_ec2_state_survives(dir, original, view, expected, std::chrono::seconds(0));
}

TEST_CASE("ec2: launch templates, images, interfaces and instance attributes survive", "[persistence]") {
  TempDir dir;
  test::Ec2Fixture original;
  recorded(dir.path(), original.service(), [&] {
    const json tags = {{{"ResourceType", "launch-template"}, {"Tag", {{{"Key", "team"}, {"Value", "a"}}}}}};
    original.call("CreateLaunchTemplate", {{"LaunchTemplateName", "web"},
                                           {"LaunchTemplateData", {{"ImageId", test::kImage}}},
                                           {"TagSpecification", tags}});
    original.call("CreateLaunchTemplateVersion",
                  {{"LaunchTemplateName", "web"}, {"LaunchTemplateData", {{"InstanceType", "t3.micro"}}}});
    const auto id = original.launch(1)[0];
    original.advance(std::chrono::seconds(5));
    original.call("ModifyInstanceAttribute", {{"InstanceId", id}, {"SourceDestCheck", {{"Value", "false"}}}});
    original.call("CreateImage", {{"InstanceId", id}, {"Name", "golden"}});
    const std::string subnet = test::body(original.call("DescribeSubnets"))["subnetSet"][0]["subnetId"];
    original.call("CreateNetworkInterface", {{"SubnetId", subnet}, {"Description", "extra"}});
  });
  auto view = [](test::Ec2Fixture& f) {
    return json{test::body(f.call("DescribeLaunchTemplates")),
                test::body(f.call("DescribeLaunchTemplateVersions", {{"LaunchTemplateName", "web"}})),
                test::body(f.call("DescribeImages", {{"Owner", {"self"}}})),
                test::body(f.call("DescribeNetworkInterfaces")), test::body(f.call("DescribeInstances"))};
  };
  const json expected = view(original);
  REQUIRE(expected[1]["launchTemplateVersionSet"].size() == 2);
  REQUIRE(expected[2]["imagesSet"].size() == 1);
  REQUIRE(expected[3]["networkInterfaceSet"].size() == 2);

  check_ec2_state_survives(dir, original, view, expected, std::chrono::seconds(5));
}

TEST_CASE("ec2: Elastic IPs and their associations survive", "[persistence]") {
  TempDir dir;
  test::Ec2Fixture original;
  recorded(dir.path(), original.service(), [&] {
    const auto id = original.launch(1)[0];
    original.advance(std::chrono::seconds(5));
    const auto eip = test::body(original.call("AllocateAddress"));
    original.call("AssociateAddress", {{"AllocationId", eip["allocationId"]}, {"InstanceId", id}});
    original.call("AllocateAddress");
  });
  auto view = [](test::Ec2Fixture& f) {
    return json{test::body(f.call("DescribeAddresses")), test::body(f.call("DescribeInstances"))};
  };
  const json expected = view(original);
  REQUIRE(expected[0]["addressesSet"].size() == 2);

  check_ec2_state_survives(dir, original, view, expected, std::chrono::seconds(5));
}

TEST_CASE("ec2: volumes, attachments, modifications and snapshots survive", "[persistence]") {
  TempDir dir;
  test::Ec2Fixture original;
  recorded(dir.path(), original.service(), [&] {
    const auto id = original.launch(1)[0];
    original.advance(std::chrono::seconds(5));
    const json tags = {{{"ResourceType", "volume"}, {"Tag", {{{"Key", "team"}, {"Value", "a"}}}}}};
    const auto volume = test::body(original.call(
        "CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", "10"}, {"TagSpecification", tags}}));
    original.advance(std::chrono::seconds(2));
    original.call("AttachVolume", {{"VolumeId", volume["volumeId"]}, {"InstanceId", id}, {"Device", "/dev/sdf"}});
    original.call("ModifyVolume", {{"VolumeId", volume["volumeId"]}, {"Size", "20"}});
    original.call("CreateSnapshot", {{"VolumeId", volume["volumeId"]}, {"Description", "first"}});
  });
  auto view = [](test::Ec2Fixture& f) {
    return json{test::body(f.call("DescribeVolumes")), test::body(f.call("DescribeSnapshots")),
                test::body(f.call("DescribeVolumesModifications")), test::body(f.call("DescribeInstances"))};
  };
  const json expected = view(original);
  REQUIRE(expected[0]["volumeSet"].size() == 2);  // the instance's root volume and the new one

  check_ec2_state_survives(dir, original, view, expected, std::chrono::seconds(1));
}
