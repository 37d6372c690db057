// DescribeContinuousBackups and UpdateContinuousBackups: continuous backups are always on; point-in-time recovery
// is off until enabled, and then restorable from the later of its enabling and the recovery period's start, to
// five minutes ago (API reference, PointInTimeRecoveryDescription).
#include <algorithm>
#include <mutex>
#include <shared_mutex>

#include "common/time_format.hpp"
#include "services/dynamodb/attribute_json.hpp"
#include "services/dynamodb/control_handlers.hpp"
#include "services/dynamodb/item_operations.hpp"

namespace chokepoint {

namespace {

// The period a table keeps when none is given, the longest there is.
constexpr int kLongestRecoveryPeriodDays = 35;
constexpr Duration kRestoreLag = std::chrono::minutes(5);

// DescribeContinuousBackups names a missing table in its own exception.
ApiError backups_table_not_found(const std::string& name) {
  return make_error("TableNotFoundException", "Table not found: " + name);
}

nlohmann::json continuous_backups(const TableMeta& meta, TimePoint now) {
  nlohmann::json pitr = {{"PointInTimeRecoveryStatus", "DISABLED"}};
  if (const auto& on = meta.point_in_time_recovery) {
    const TimePoint period_start = now - std::chrono::hours(24) * on->recovery_period_days;
    pitr = {{"PointInTimeRecoveryStatus", "ENABLED"},
            {"RecoveryPeriodInDays", on->recovery_period_days},
            {"EarliestRestorableDateTime", epoch_seconds(std::max(on->enabled_at, period_start))},
            {"LatestRestorableDateTime", epoch_seconds(std::max(on->enabled_at, now - kRestoreLag))}};
  }
  return {{"ContinuousBackupsStatus", "ENABLED"}, {"PointInTimeRecoveryDescription", std::move(pitr)}};
}

}  // namespace

ApiResult describe_continuous_backups(DynamoCall& call) {
  const std::string name = param_str(call.params, "TableName");
  auto table = call.tables.find(name, call.now);
  if (!table) return backups_table_not_found(name);
  std::shared_lock lock(table->mutex);
  ApiResponse r;
  r.body["ContinuousBackupsDescription"] = continuous_backups(table->meta, call.now);
  return r;
}

ApiResult update_continuous_backups(DynamoCall& call) {
  const std::string name = param_str(call.params, "TableName");
  const nlohmann::json& spec = param_json(call.params, "PointInTimeRecoverySpecification");
  auto table = call.tables.find(name, call.now);
  if (!table) return backups_table_not_found(name);
  std::unique_lock lock(table->mutex);
  auto& pitr = table->meta.point_in_time_recovery;
  if (lenient_bool(param_json(spec, "PointInTimeRecoveryEnabled"))) {
    if (!pitr) pitr = PointInTimeRecovery{call.now, kLongestRecoveryPeriodDays};
    const nlohmann::json& period = param_json(spec, "RecoveryPeriodInDays");
    if (period.is_number_integer()) pitr->recovery_period_days = period.get<int>();
  } else {
    pitr.reset();
  }
  ApiResponse r;
  r.body["ContinuousBackupsDescription"] = continuous_backups(table->meta, call.now);
  return r;
}

}  // namespace chokepoint
