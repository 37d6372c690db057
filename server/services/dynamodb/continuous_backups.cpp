// DescribeContinuousBackups, UpdateContinuousBackups and RestoreTableToPointInTime: continuous backups are always
// on; point-in-time recovery is off until enabled, and then restorable from the latest of its enabling, the
// recovery period's start and the start of the item history it restores from (item_history.hpp), to five minutes
// ago (API reference, PointInTimeRecoveryDescription). A restore rebuilds the items at the chosen time from that
// history; the restored table takes the source table's settings as they are now.
#include <algorithm>
#include <mutex>
#include <shared_mutex>

#include "common/time_format.hpp"
#include "services/dynamodb/attribute_json.hpp"
#include "services/dynamodb/control_handlers.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/table_description.hpp"
#include "services/dynamodb/table_restore.hpp"

namespace chokepoint {

namespace {

// The period a table keeps when none is given, the longest there is.
constexpr int kLongestRecoveryPeriodDays = 35;
constexpr Duration kRestoreLag = std::chrono::minutes(5);

struct RestorableWindow {
  TimePoint earliest{};
  TimePoint latest{};
};

// The caller holds the table's lock; point-in-time recovery is enabled.
RestorableWindow restorable_window(const Table& table, TimePoint now) {
  const PointInTimeRecovery& on = *table.meta.point_in_time_recovery;
  const TimePoint period_start = now - std::chrono::hours(24) * on.recovery_period_days;
  TimePoint earliest = std::max(on.enabled_at, period_start);
  if (table.history) earliest = std::max(earliest, table.history->earliest());
  return {earliest, std::max(on.enabled_at, now - kRestoreLag)};
}

nlohmann::json continuous_backups(const Table& table, TimePoint now) {
  nlohmann::json pitr = {{"PointInTimeRecoveryStatus", "DISABLED"}};
  if (const auto& on = table.meta.point_in_time_recovery) {
    const RestorableWindow window = restorable_window(table, now);
    pitr = {{"PointInTimeRecoveryStatus", "ENABLED"},
            {"RecoveryPeriodInDays", on->recovery_period_days},
            {"EarliestRestorableDateTime", epoch_seconds(window.earliest)},
            {"LatestRestorableDateTime", epoch_seconds(window.latest)}};
  }
  return {{"ContinuousBackupsStatus", "ENABLED"}, {"PointInTimeRecoveryDescription", std::move(pitr)}};
}

ApiError invalid_restore_time(const RestorableWindow& window) {
  return make_error("InvalidRestoreTimeException",
                    "An invalid restore time was specified. RestoreDateTime must be between " +
                        iso8601_millis(window.earliest) + " and " + iso8601_millis(window.latest) + ".");
}

// The restore's time: the latest restorable one, or RestoreDateTime within the window.
std::variant<TimePoint, ApiError> restore_time(const nlohmann::json& params, const RestorableWindow& window) {
  const bool latest = lenient_bool(param_json(params, "UseLatestRestorableTime"));
  const nlohmann::json& at = param_json(params, "RestoreDateTime");
  if (latest && at.is_number()) {
    return dynamodb_errors::validation("Only one of RestoreDateTime or UseLatestRestorableTime can be specified");
  }
  if (latest) return window.latest;
  if (!at.is_number()) {
    return dynamodb_errors::validation("RestoreDateTime must be specified when UseLatestRestorableTime is not true");
  }
  const auto t = from_epoch_seconds(at.get<double>());
  if (!t || *t < window.earliest || *t > window.latest) return invalid_restore_time(window);
  return *t;
}

}  // namespace

ApiResult describe_continuous_backups(DynamoCall& call) {
  const std::string name = param_str(call.params, "TableName");
  auto table = call.tables.find(name, call.now);
  if (!table) return dynamodb_errors::backups_table_not_found(name);
  std::shared_lock lock(table->mutex);
  ApiResponse r;
  r.body["ContinuousBackupsDescription"] = continuous_backups(*table, call.now);
  return r;
}

ApiResult update_continuous_backups(DynamoCall& call) {
  const std::string name = param_str(call.params, "TableName");
  const nlohmann::json& spec = param_json(call.params, "PointInTimeRecoverySpecification");
  auto table = call.tables.find(name, call.now);
  if (!table) return dynamodb_errors::backups_table_not_found(name);
  std::unique_lock lock(table->mutex);
  auto& pitr = table->meta.point_in_time_recovery;
  if (lenient_bool(param_json(spec, "PointInTimeRecoveryEnabled"))) {
    if (!pitr) pitr = PointInTimeRecovery{call.now, kLongestRecoveryPeriodDays};
    if (!table->history) table->history = std::make_unique<ItemHistory>(table->items, call.now);
    const nlohmann::json& period = param_json(spec, "RecoveryPeriodInDays");
    if (period.is_number_integer()) pitr->recovery_period_days = period.get<int>();
  } else {
    pitr.reset();
    table->history.reset();
  }
  ApiResponse r;
  r.body["ContinuousBackupsDescription"] = continuous_backups(*table, call.now);
  return r;
}

ApiResult restore_table_to_point_in_time(DynamoCall& call) {
  std::string name = param_str(call.params, "SourceTableName");
  if (name.empty()) name = table_name_of(param_str(call.params, "SourceTableArn"));
  if (name.empty()) return dynamodb_errors::validation("Either SourceTableName or SourceTableArn must be specified");
  auto table = call.tables.find(name, call.now);
  if (!table) return dynamodb_errors::backups_table_not_found(name);
  nlohmann::json description;
  std::vector<PackedItem> items;
  TimePoint at{};
  {
    std::shared_lock lock(table->mutex);
    if (!table->meta.point_in_time_recovery) {
      return make_error("PointInTimeRecoveryUnavailableException",
                        "Point in time recovery is not enabled for table '" + name + "'");
    }
    auto chosen = restore_time(call.params, restorable_window(*table, call.now));
    if (auto* e = std::get_if<ApiError>(&chosen)) return *e;
    at = std::get<TimePoint>(chosen);
    if (table->history) {
      items = table->history->items_at(at);
    } else {  // no write since a restart: the items are those recovered
      for (const auto& entry : table->items.items()) items.push_back(entry.second);
    }
    description = describe_table_json(*table, call.now);
  }
  return restore_table(call, RestoreSource{description, items, RestoreSummary{{}, table->meta.arn, at}});
}

}  // namespace chokepoint
