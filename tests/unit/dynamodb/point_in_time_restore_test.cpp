// RestoreTableToPointInTime: items rebuilt from the history as they were at the chosen time, the latest
// restorable time, the restorable window's errors, and the history's bound.
#include <catch2/catch.hpp>

#include "capacity_fixture.hpp"
#include "common/time_format.hpp"
#include "services/dynamodb/item_history.hpp"

using namespace chokepoint;
using namespace chokepoint::testing;

namespace {

void put_value(DynamoHarness& h, const std::string& pk, const std::string& value) {
  h.ok("PutItem", {{"TableName", "orders"}, {"Item", {{"pk", {{"S", pk}}}, {"v", {{"S", value}}}}}});
}

json value_in(DynamoHarness& h, const std::string& table, const std::string& pk) {
  const json out = h.ok("GetItem", {{"TableName", table}, {"Key", key_of(pk)}});
  return out.contains("Item") ? out["Item"]["v"]["S"] : json(nullptr);
}

void enable(DynamoHarness& h) {
  h.ok("UpdateContinuousBackups",
       {{"TableName", "orders"}, {"PointInTimeRecoverySpecification", {{"PointInTimeRecoveryEnabled", true}}}});
}

}  // namespace

TEST_CASE("point-in-time restore: the items are those of the chosen time", "[dynamodb][backups]") {
  DynamoHarness h("dynamodb: {table_creation_delay_ms: 0}\n");
  h.create_simple_table("orders");
  put_value(h, "a", "before-enabling");
  enable(h);
  const TimePoint enabled = h.now;
  h.now += std::chrono::minutes(1);
  put_value(h, "a", "one");
  put_value(h, "b", "one");
  h.now += std::chrono::minutes(10);
  const TimePoint between = h.now;
  h.now += std::chrono::minutes(1);
  put_value(h, "a", "two");
  h.ok("DeleteItem", {{"TableName", "orders"}, {"Key", key_of("b")}});
  h.now += std::chrono::minutes(10);

  const json restored = h.ok("RestoreTableToPointInTime", {{"SourceTableName", "orders"},
                                                           {"TargetTableName", "at-between"},
                                                           {"RestoreDateTime", epoch_seconds(between)}});
  CHECK(restored["TableDescription"]["RestoreSummary"] == json({{"SourceTableArn", kArnPrefix + "orders"},
                                                                {"RestoreDateTime", epoch_seconds(between)},
                                                                {"RestoreInProgress", true}}));
  CHECK(value_in(h, "at-between", "a") == "one");
  CHECK(value_in(h, "at-between", "b") == "one");

  h.ok("RestoreTableToPointInTime",
       {{"SourceTableArn", kArnPrefix + "orders"}, {"TargetTableName", "at-start"}, {"RestoreDateTime", epoch_seconds(enabled)}});
  CHECK(value_in(h, "at-start", "a") == "before-enabling");
  CHECK(value_in(h, "at-start", "b") == nullptr);

  h.ok("RestoreTableToPointInTime",
       {{"SourceTableName", "orders"}, {"TargetTableName", "latest"}, {"UseLatestRestorableTime", true}});
  CHECK(value_in(h, "latest", "a") == "two");
  CHECK(value_in(h, "latest", "b") == nullptr);
}

TEST_CASE("point-in-time restore: unavailable, out-of-window and conflicting requests are refused",
          "[dynamodb][backups]") {
  DynamoHarness h("dynamodb: {table_creation_delay_ms: 0}\n");
  h.create_simple_table("orders");
  const json latest = {{"SourceTableName", "orders"}, {"TargetTableName", "copy"}, {"UseLatestRestorableTime", true}};
  CHECK(h.error("RestoreTableToPointInTime", latest).code == "PointInTimeRecoveryUnavailableException");
  json missing = latest;
  missing["SourceTableName"] = "nothing";
  CHECK(h.error("RestoreTableToPointInTime", missing).code == "TableNotFoundException");

  enable(h);
  h.now += std::chrono::hours(1);
  json too_early = {{"SourceTableName", "orders"},
                    {"TargetTableName", "copy"},
                    {"RestoreDateTime", epoch_seconds(h.now - std::chrono::hours(2))}};
  CHECK(h.error("RestoreTableToPointInTime", too_early).code == "InvalidRestoreTimeException");
  json too_late = too_early;
  too_late["RestoreDateTime"] = epoch_seconds(h.now - std::chrono::minutes(1));  // within the last five minutes
  CHECK(h.error("RestoreTableToPointInTime", too_late).code == "InvalidRestoreTimeException");
  json both = latest;
  both["RestoreDateTime"] = epoch_seconds(h.now - std::chrono::minutes(30));
  CHECK(h.error("RestoreTableToPointInTime", both).code == "ValidationException");
  json exists = latest;
  exists["TargetTableName"] = "orders";
  CHECK(h.error("RestoreTableToPointInTime", exists).code == "TableAlreadyExistsException");
  CHECK(h.ok("ListTables", json::object())["TableNames"] == json({"orders"}));
}

TEST_CASE("item history: past its bound the oldest changes fold into the base", "[dynamodb][backups]") {
  ItemStore items;
  const TimePoint start{std::chrono::seconds(1'800'000'000)};
  ItemHistory history(items, start);
  AttrMap item;
  item.set("pk", AttrValue::string("k"));
  const StoreKey key{1, "k", {}};
  for (std::size_t i = 0; i < ItemHistory::kMaxChanges + 10; ++i) {
    history.record(key, PackedItem::pack(item), start + std::chrono::seconds(i + 1));
  }
  CHECK(history.changes() == ItemHistory::kMaxChanges);
  CHECK(history.earliest() == start + std::chrono::seconds(10));
  CHECK(history.items_at(history.earliest()).size() == 1);
  history.record(key, PackedItem{}, start + std::chrono::hours(100));
  CHECK(history.items_at(start + std::chrono::hours(100)).empty());
}
