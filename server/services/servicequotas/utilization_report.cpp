#include "services/servicequotas/utilization_report.hpp"

#include <algorithm>
#include <map>

#include "services/servicequotas/quota_view.hpp"
#include "throttle/limit_resolver.hpp"

namespace chokepoint {

namespace {

constexpr Duration kReportLifetime = std::chrono::minutes(15);

// The busiest bucket's share of its burst in use, by quota key, for one service of the account-region.
std::map<std::string, double> busiest_buckets(const Config& config, BucketStore& buckets, const std::string& service,
                                              const std::string& account, const std::string& region, TimePoint now) {
  std::map<std::string, double> used;
  for (const BucketSnapshot& b : buckets.snapshot(BucketFilter{account, region, service}, now)) {
    if (b.limit.burst <= 0) continue;
    const auto key = quota_key_of_bucket(config, service, b.key.bucket, account, region);
    if (!key) continue;
    const double pct = std::max(0.0, (b.limit.burst - b.tokens) / b.limit.burst * 100);
    double& slot = used[*key];
    slot = std::max(slot, pct);
  }
  return used;
}

}  // namespace

std::vector<UtilizationRow> measure_utilization(const Config& config, const AppliedQuotas& applied,
                                                BucketStore& buckets, const std::string& account,
                                                const std::string& region, TimePoint now) {
  std::vector<UtilizationRow> rows;
  for (const std::string& service : quota_service_codes(config)) {
    const std::map<std::string, double> used = busiest_buckets(config, buckets, service, account, region, now);
    for (QuotaDefinition& quota : service_quota_definitions(config, service)) {
      UtilizationRow row;
      const auto it = used.find(quota.quota_key);
      row.utilization_pct = it == used.end() ? 0 : it->second;
      row.applied_value = applied_quota_value(config, applied, quota, account, region);
      row.quota = std::move(quota);
      rows.push_back(std::move(row));
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const UtilizationRow& a, const UtilizationRow& b) {
    return a.utilization_pct > b.utilization_pct;
  });
  return rows;
}

void UtilizationReports::start(UtilizationReport report) {
  const std::string id = report.id;
  {
    std::lock_guard lock(mutex_);
    // Reports past their lifetime go as new ones come, so the list stays bounded by the request rate.
    const TimePoint cutoff = report.generated_at - kReportLifetime;
    std::erase_if(reports_, [&](const UtilizationReport& r) { return r.generated_at < cutoff; });
    reports_.push_back(std::move(report));
  }
  scheduler_.run_after(Duration::zero(), [this, id] { complete(id); });
}

void UtilizationReports::complete(const std::string& id) {
  std::lock_guard lock(mutex_);
  for (UtilizationReport& r : reports_) {
    if (r.id == id) r.status = "COMPLETED";
  }
}

std::optional<UtilizationReport> UtilizationReports::find(const std::string& account, const std::string& region,
                                                          const std::string& id, TimePoint now) const {
  std::lock_guard lock(mutex_);
  for (const UtilizationReport& r : reports_) {
    if (r.id == id && r.account == account && r.region == region && now - r.generated_at <= kReportLifetime) {
      return r;
    }
  }
  return std::nullopt;
}

void UtilizationReports::reset() {
  std::lock_guard lock(mutex_);
  reports_.clear();
}

}  // namespace chokepoint
