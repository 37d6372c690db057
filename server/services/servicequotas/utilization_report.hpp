#pragma once
// Quota utilization reports (StartQuotaUtilizationReport / GetQuotaUtilizationReport): how close each of an
// account-region's quotas is to its limit, measured from the rate buckets themselves when the report is started.
// A rate quota's utilization is the share of its bucket's burst in use (100 % when the bucket is empty, more when
// it is in debt); a quota with several buckets (one per operation) reports its busiest one, and one no call has
// used yet reports 0 %. A report is PENDING when started, COMPLETED on the scheduler's next turn, and kept 15
// minutes of emulated time, as AWS keeps them.
// Thread-safe: one mutex guards the reports.
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/ids.hpp"
#include "common/scheduler.hpp"
#include "config/config.hpp"
#include "services/servicequotas/quota_catalog.hpp"
#include "throttle/applied_quotas.hpp"
#include "throttle/bucket_store.hpp"

namespace chokepoint {

struct UtilizationRow {
  QuotaDefinition quota;
  double utilization_pct = 0;
  double applied_value = 0;
};

// Every quota of every service for the account-region, busiest first (ties in catalog order).
std::vector<UtilizationRow> measure_utilization(const Config& config, const AppliedQuotas& applied,
                                                BucketStore& buckets, const std::string& account,
                                                const std::string& region, TimePoint now);

struct UtilizationReport {
  std::string id;
  std::string account, region;
  std::string status = "PENDING";  // the model's ReportStatus
  TimePoint generated_at{};
  std::vector<UtilizationRow> rows;
};

class UtilizationReports {
 public:
  explicit UtilizationReports(Scheduler& scheduler) : scheduler_(scheduler) {}

  // Keeps `report` (id, account, region, rows and time set by the caller) and completes it on the next turn.
  void start(UtilizationReport report);
  // The account-region's report, if it exists and is not older than 15 minutes at `now`.
  std::optional<UtilizationReport> find(const std::string& account, const std::string& region, const std::string& id,
                                        TimePoint now) const;
  void reset();

 private:
  void complete(const std::string& id);

  Scheduler& scheduler_;
  mutable std::mutex mutex_;
  std::vector<UtilizationReport> reports_;
};

}  // namespace chokepoint
