// DescribeContinuousBackups and UpdateContinuousBackups: point-in-time recovery off until enabled, its
// restorable window on the clock, its period, and the errors for a missing table or a bad specification.
#include <catch2/catch.hpp>

#include "common/time_format.hpp"
#include "dynamodb_harness.hpp"

using namespace chokepoint;
using namespace chokepoint::testing;

namespace {

nlohmann::json point_in_time(DynamoHarness& h) {
  return h.ok("DescribeContinuousBackups", {{"TableName", "orders"}})["ContinuousBackupsDescription"];
}

nlohmann::json enable(DynamoHarness& h, nlohmann::json spec) {
  return h.ok("UpdateContinuousBackups", {{"TableName", "orders"}, {"PointInTimeRecoverySpecification", spec}});
}

}  // namespace

TEST_CASE("continuous backups: point-in-time recovery is off until enabled, then restorable from its enabling",
          "[dynamodb][service]") {
  DynamoHarness h("dynamodb: {table_creation_delay_ms: 0}\n");
  h.create_simple_table("orders");
  const nlohmann::json off = {{"ContinuousBackupsStatus", "ENABLED"},
                              {"PointInTimeRecoveryDescription", {{"PointInTimeRecoveryStatus", "DISABLED"}}}};
  CHECK(point_in_time(h) == off);

  const TimePoint enabled = h.now;
  const nlohmann::json on = enable(h, {{"PointInTimeRecoveryEnabled", true}})["ContinuousBackupsDescription"];
  const nlohmann::json& pitr = on["PointInTimeRecoveryDescription"];
  CHECK(pitr["PointInTimeRecoveryStatus"] == "ENABLED");
  CHECK(pitr["RecoveryPeriodInDays"] == 35);
  CHECK(pitr["EarliestRestorableDateTime"] == epoch_seconds(enabled));
  CHECK(pitr["LatestRestorableDateTime"] == epoch_seconds(enabled));

  // An hour later the latest restorable time trails the clock by five minutes; the earliest stays at the enabling.
  h.now += std::chrono::hours(1);
  const nlohmann::json later = point_in_time(h)["PointInTimeRecoveryDescription"];
  CHECK(later["EarliestRestorableDateTime"] == epoch_seconds(enabled));
  CHECK(later["LatestRestorableDateTime"] == epoch_seconds(h.now - std::chrono::minutes(5)));

  // A shorter period moves the earliest time once the period has passed since the enabling.
  enable(h, {{"PointInTimeRecoveryEnabled", true}, {"RecoveryPeriodInDays", 1}});
  h.now += std::chrono::hours(48);
  const nlohmann::json short_period = point_in_time(h)["PointInTimeRecoveryDescription"];
  CHECK(short_period["RecoveryPeriodInDays"] == 1);
  CHECK(short_period["EarliestRestorableDateTime"] == epoch_seconds(h.now - std::chrono::hours(24)));

  CHECK(enable(h, {{"PointInTimeRecoveryEnabled", false}})["ContinuousBackupsDescription"] == off);
  CHECK(point_in_time(h) == off);
}

TEST_CASE("continuous backups: a missing table or a bad specification is refused", "[dynamodb][service]") {
  DynamoHarness h("dynamodb: {table_creation_delay_ms: 0}\n");
  h.create_simple_table("orders");
  const ApiError missing = h.error("UpdateContinuousBackups",
                                   {{"TableName", "nothing"},
                                    {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", true}}}});
  CHECK(missing.code == "TableNotFoundException");
  CHECK(missing.message == "Table not found: nothing");
  CHECK(h.error("UpdateContinuousBackups", {{"TableName", "orders"}}).code == "ValidationException");
  const ApiError period = h.error("UpdateContinuousBackups",
                                  {{"TableName", "orders"},
                                   {"PointInTimeRecoverySpecification",
                                    {{"PointInTimeRecoveryEnabled", true}, {"RecoveryPeriodInDays", 36}}}});
  CHECK(period.code == "ValidationException");
  CHECK(period.message.find("Member must have value less than or equal to 35") != std::string::npos);
  CHECK(h.error("UpdateContinuousBackups", {{"TableName", "ab"}, {"PointInTimeRecoverySpecification", {}}}).code ==
        "ValidationException");
  // Nothing was enabled by the refused calls.
  CHECK(point_in_time(h)["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"] == "DISABLED");
}
