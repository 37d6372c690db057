// On-demand backups: CreateBackup's ARN and CREATING -> AVAILABLE on the clock, DescribeBackup, ListBackups'
// filters and pages, DeleteBackup, RestoreTableFromBackup (items as at the backup, indexes, overrides, the
// restore summary) and the errors of each.
#include <catch2/catch.hpp>

#include <regex>

#include "capacity_fixture.hpp"
#include "common/time_format.hpp"

using namespace chokepoint;
using namespace chokepoint::testing;

namespace {

json put(DynamoHarness& h, const std::string& table, const std::string& pk, const std::string& value) {
  return h.ok("PutItem", {{"TableName", table}, {"Item", {{"pk", {{"S", pk}}}, {"v", {{"S", value}}}}}});
}

json get(DynamoHarness& h, const std::string& table, const std::string& pk) {
  return h.ok("GetItem", {{"TableName", table}, {"Key", key_of(pk)}});
}

std::string backup(DynamoHarness& h, const std::string& table, const std::string& name) {
  return h.ok("CreateBackup", {{"TableName", table}, {"BackupName", name}})["BackupDetails"]["BackupArn"];
}

}  // namespace

TEST_CASE("backups: CreateBackup names the backup as AWS does and it becomes AVAILABLE", "[dynamodb][backups]") {
  DynamoHarness h("dynamodb: {table_creation_delay_ms: 2000}\n");
  h.create_simple_table("orders");
  h.now += std::chrono::seconds(3);
  put(h, "orders", "a", "1");
  const json details = h.ok("CreateBackup", {{"TableName", "orders"}, {"BackupName", "nightly"}})["BackupDetails"];
  const std::string arn = details["BackupArn"];
  CHECK(std::regex_match(arn, std::regex(kArnPrefix + "orders/backup/[0-9]{13}-[0-9a-f]{8}")));
  CHECK(details["BackupStatus"] == "CREATING");
  CHECK(details["BackupType"] == "USER");
  CHECK(details["BackupName"] == "nightly");
  CHECK(details["BackupSizeBytes"].get<long long>() > 0);
  CHECK(details["BackupCreationDateTime"] == epoch_seconds(h.now));

  // While it is being created, a second backup, its deletion and a restore from it are refused.
  CHECK(h.error("CreateBackup", {{"TableName", "orders"}, {"BackupName", "again"}}).code == "BackupInUseException");
  CHECK(h.error("DeleteBackup", {{"BackupArn", arn}}).code == "BackupInUseException");
  CHECK(h.error("RestoreTableFromBackup", {{"BackupArn", arn}, {"TargetTableName", "copy"}}).code ==
        "BackupInUseException");

  h.now += std::chrono::seconds(3);
  const json described = h.ok("DescribeBackup", {{"BackupArn", arn}})["BackupDescription"];
  CHECK(described["BackupDetails"]["BackupStatus"] == "AVAILABLE");
  const json& source = described["SourceTableDetails"];
  CHECK(source["TableName"] == "orders");
  CHECK(source["ItemCount"] == 1);
  CHECK(source["BillingMode"] == "PAY_PER_REQUEST");
  CHECK(source["KeySchema"] == json({{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}));
  CHECK(described.contains("SourceTableFeatureDetails"));

  const json deleted = h.ok("DeleteBackup", {{"BackupArn", arn}})["BackupDescription"];
  CHECK(deleted["BackupDetails"]["BackupStatus"] == "DELETED");
  CHECK(h.error("DescribeBackup", {{"BackupArn", arn}}).code == "BackupNotFoundException");
  CHECK(h.error("DeleteBackup", {{"BackupArn", arn}}).code == "BackupNotFoundException");
}

TEST_CASE("backups: ListBackups filters by table, time and type, and pages", "[dynamodb][backups]") {
  DynamoHarness h("dynamodb: {table_creation_delay_ms: 0}\n");
  h.create_simple_table("alpha");
  h.create_simple_table("bravo");
  const TimePoint first = h.now;
  const std::string a1 = backup(h, "alpha", "first-a");
  h.now += std::chrono::minutes(1);
  const std::string b1 = backup(h, "bravo", "first-b");
  h.now += std::chrono::minutes(1);
  const std::string a2 = backup(h, "alpha", "second-a");

  auto arns = [](const json& out) {
    std::vector<std::string> list;
    for (const auto& s : out["BackupSummaries"]) list.push_back(s["BackupArn"]);
    return list;
  };
  CHECK(arns(h.ok("ListBackups", json::object())) == std::vector<std::string>{a1, b1, a2});
  CHECK(arns(h.ok("ListBackups", {{"TableName", "alpha"}})) == std::vector<std::string>{a1, a2});
  CHECK(arns(h.ok("ListBackups", {{"TableName", kArnPrefix + "bravo"}})) == std::vector<std::string>{b1});
  CHECK(arns(h.ok("ListBackups", {{"TimeRangeLowerBound", epoch_seconds(first + std::chrono::seconds(30))}})) ==
        std::vector<std::string>{b1, a2});
  CHECK(arns(h.ok("ListBackups", {{"TimeRangeUpperBound", epoch_seconds(first + std::chrono::seconds(30))}})) ==
        std::vector<std::string>{a1});
  CHECK(arns(h.ok("ListBackups", {{"BackupType", "SYSTEM"}})).empty());
  CHECK(arns(h.ok("ListBackups", {{"BackupType", "ALL"}})).size() == 3);

  const json page = h.ok("ListBackups", {{"Limit", 2}});
  CHECK(arns(page) == std::vector<std::string>{a1, b1});
  CHECK(page["LastEvaluatedBackupArn"] == b1);
  const json rest = h.ok("ListBackups", {{"Limit", 2}, {"ExclusiveStartBackupArn", b1}});
  CHECK(arns(rest) == std::vector<std::string>{a2});
  CHECK_FALSE(rest.contains("LastEvaluatedBackupArn"));
  const json summary = h.ok("ListBackups", {{"TableName", "bravo"}})["BackupSummaries"][0];
  CHECK(summary["TableName"] == "bravo");
  CHECK(summary["TableArn"] == kArnPrefix + "bravo");
  CHECK(summary["BackupStatus"] == "AVAILABLE");
  CHECK(h.error("ListBackups", {{"Limit", 0}}).code == "ValidationException");
}

TEST_CASE("backups: a restored table holds the items as they were at the backup, with its indexes",
          "[dynamodb][backups]") {
  DynamoHarness h("dynamodb: {table_creation_delay_ms: 1000}\n");
  json params = on_demand_table("users");
  add_gsi(params, "by-email", "email");
  h.ok("CreateTable", params);
  h.now += std::chrono::seconds(2);
  h.ok("PutItem", {{"TableName", "users"}, {"Item", {{"pk", {{"S", "u1"}}}, {"email", {{"S", "x@example.com"}}}}}});
  put(h, "users", "u2", "old");
  const std::string arn = backup(h, "users", "before");
  put(h, "users", "u2", "new");
  put(h, "users", "u3", "later");
  h.now += std::chrono::seconds(2);

  const json created = h.ok("RestoreTableFromBackup", {{"BackupArn", arn}, {"TargetTableName", "users-copy"}});
  const json& description = created["TableDescription"];
  CHECK(description["TableStatus"] == "CREATING");
  CHECK(description["RestoreSummary"] == json({{"SourceBackupArn", arn},
                                               {"SourceTableArn", kArnPrefix + "users"},
                                               {"RestoreDateTime", epoch_seconds(h.now - std::chrono::seconds(2))},
                                               {"RestoreInProgress", true}}));
  CHECK(description["ItemCount"] == 2);
  CHECK(description["GlobalSecondaryIndexes"][0]["IndexName"] == "by-email");
  CHECK(description["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST");

  h.now += std::chrono::seconds(2);
  const json active = h.ok("DescribeTable", {{"TableName", "users-copy"}})["Table"];
  CHECK(active["TableStatus"] == "ACTIVE");
  CHECK(active["RestoreSummary"]["RestoreInProgress"] == false);
  CHECK(get(h, "users-copy", "u2")["Item"]["v"]["S"] == "old");
  CHECK_FALSE(get(h, "users-copy", "u3").contains("Item"));
  const json by_email = h.ok("Query", {{"TableName", "users-copy"},
                                       {"IndexName", "by-email"},
                                       {"KeyConditionExpression", "email = :e"},
                                       {"ExpressionAttributeValues", {{":e", {{"S", "x@example.com"}}}}}});
  CHECK(by_email["Count"] == 1);

  // Overrides: provisioned billing, no indexes.
  const json overridden = h.ok("RestoreTableFromBackup",
                               {{"BackupArn", arn},
                                {"TargetTableName", "users-provisioned"},
                                {"BillingModeOverride", "PROVISIONED"},
                                {"ProvisionedThroughputOverride", {{"ReadCapacityUnits", 7}, {"WriteCapacityUnits", 3}}},
                                {"GlobalSecondaryIndexOverride", json::array()}})["TableDescription"];
  CHECK(overridden["ProvisionedThroughput"]["ReadCapacityUnits"] == 7);
  CHECK_FALSE(overridden.contains("GlobalSecondaryIndexes"));

  // The source table may be gone: the backup still restores.
  h.ok("DeleteTable", {{"TableName", "users"}});
  h.now += std::chrono::seconds(5);
  CHECK(h.ok("RestoreTableFromBackup", {{"BackupArn", arn}, {"TargetTableName", "users"}})["TableDescription"]["ItemCount"] ==
        2);
}

TEST_CASE("backups: errors name what is missing and change nothing", "[dynamodb][backups]") {
  DynamoHarness h("dynamodb: {table_creation_delay_ms: 0}\n");
  h.create_simple_table("orders");
  const ApiError missing = h.error("CreateBackup", {{"TableName", "nothing"}, {"BackupName", "first"}});
  CHECK(missing.code == "TableNotFoundException");
  CHECK(missing.message == "Table not found: nothing");
  CHECK(h.error("CreateBackup", {{"TableName", "orders"}}).code == "ValidationException");
  CHECK(h.error("CreateBackup", {{"TableName", "orders"}, {"BackupName", "x"}}).code == "ValidationException");
  const std::string unknown = kArnPrefix + "orders/backup/01800000000000-0123abcd";
  CHECK(h.error("DescribeBackup", {{"BackupArn", unknown}}).code == "BackupNotFoundException");
  CHECK(h.error("RestoreTableFromBackup", {{"BackupArn", unknown}, {"TargetTableName", "restored"}}).code ==
        "BackupNotFoundException");
  const std::string arn = backup(h, "orders", "first");
  const ApiError exists = h.error("RestoreTableFromBackup", {{"BackupArn", arn}, {"TargetTableName", "orders"}});
  CHECK(exists.code == "TableAlreadyExistsException");
  CHECK(exists.message == "Table already exists: orders");
  CHECK(h.ok("ListTables", json::object())["TableNames"] == json({"orders"}));
  CHECK(h.ok("ListBackups", json::object())["BackupSummaries"].size() == 1);
}
