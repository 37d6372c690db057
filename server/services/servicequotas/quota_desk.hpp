#pragma once
// Quota increase requests and their life: RequestServiceQuotaIncrease opens one PENDING; on the scheduler's next
// turn it becomes CASE_OPENED (a support case is opened); after the configured delay on the emulated clock it is
// APPROVED, and the new value is applied to the account and region at once (AppliedQuotas, which the rate limiter
// reads), or DENIED when the value is above the ceiling. With SupportCaseAllowed false no case is opened and a
// request that would need one ends NOT_APPROVED. The outcome is settled when the request is opened, so a later
// reload does not change a request already under way.
// In durable mode every change of a request is journaled as that request's whole state (quota_desk_records.cpp);
// applied values are not journaled of their own: restoring re-applies the approved requests in order.
// Thread-safe: one mutex guards the requests; scheduled steps take it too. Lock order: this, then AppliedQuotas,
// then (through the hook) the bucket store.
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/scheduler.hpp"
#include "persistence/change_log.hpp"
#include "persistence/snapshot_files.hpp"
#include "protocol/result.hpp"
#include "services/servicequotas/quota_catalog.hpp"
#include "throttle/applied_quotas.hpp"

namespace chokepoint {

struct QuotaRequest {
  std::string id;
  std::string case_id;  // reported once the case is opened
  std::string account, region;
  std::string requester;  // the caller's IAM identity
  QuotaDefinition quota;
  double desired_value = 0;
  std::string status = "PENDING";  // the model's RequestStatus
  TimePoint created{}, last_updated{};
  TimePoint decide_at{};  // when the decision falls due
  // Settled at opening.
  bool approve = true;
  bool support_case = true;

  bool open() const { return status == "PENDING" || status == "CASE_OPENED"; }
};

// Told of a value the moment it is applied by an approval (the rate limiter resizes the account's buckets then).
using QuotaAppliedHook = std::function<void(const AppliedQuota&, TimePoint)>;

class QuotaDesk {
 public:
  QuotaDesk(Scheduler& scheduler, AppliedQuotas& applied, QuotaAppliedHook on_applied = {})
      : scheduler_(scheduler), applied_(applied), on_applied_(std::move(on_applied)) {}

  // Records `request` (id, account, region, quota, value, outcome and created set by the caller) and schedules its
  // steps; ResourceAlreadyExistsException when the account-region has an open request for the same quota.
  Result<QuotaRequest> open(QuotaRequest request, Duration decision_delay);
  std::optional<QuotaRequest> find(const std::string& account, const std::string& region, const std::string& id) const;
  // The account-region's requests, newest first.
  std::vector<QuotaRequest> list(const std::string& account, const std::string& region) const;
  // Every account's and region's requests, newest first (the control API's view).
  std::vector<QuotaRequest> list_all() const;
  // CreateSupportCase: opens the case of a PENDING request (one made with SupportCaseAllowed false), so that it is
  // decided as a case is. NoSuchResourceException, ResourceAlreadyExistsException when the case is open,
  // InvalidResourceStateException for a request no longer pending.
  Result<QuotaRequest> create_support_case(const std::string& account, const std::string& region, const std::string& id,
                                           TimePoint now);
  // Forgets every request and every applied value (POST /_chokepoint/reset). Steps already scheduled find nothing.
  void reset();

  // Durable mode (quota_desk_records.cpp): journal changes from now on (null: stop), emit one record per
  // request, restore one request's record (null state: forget it), and once restored re-apply the approved
  // values and schedule what is still under way.
  void attach_change_log(ChangeLog* log);
  void dump(const RecordSink& emit) const;
  void restore(const std::string& id, const nlohmann::json& state);
  void resume();

 private:
  void journal(const QuotaRequest& request);  // mutex_ held
  void schedule_steps(const QuotaRequest& request, TimePoint now);
  QuotaRequest* find_locked(const std::string& id);
  void open_case(const std::string& id);
  void decide(const std::string& id);

  Scheduler& scheduler_;
  AppliedQuotas& applied_;
  QuotaAppliedHook on_applied_;  // may be empty
  mutable std::mutex mutex_;
  std::vector<QuotaRequest> requests_;  // in the order they were opened
  ChangeLog* change_log_ = nullptr;
};

}  // namespace chokepoint
