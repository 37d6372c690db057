#include "services/servicequotas/quota_desk.hpp"

#include <algorithm>

#include "services/servicequotas/quota_errors.hpp"

namespace chokepoint {

Result<QuotaRequest> QuotaDesk::open(QuotaRequest request, Duration decision_delay) {
  {
    std::lock_guard lock(mutex_);
    for (const QuotaRequest& r : requests_) {
      if (r.open() && r.account == request.account && r.region == request.region &&
          r.quota.service_code == request.quota.service_code && r.quota.quota_code == request.quota.quota_code) {
        return quotas_error("ResourceAlreadyExistsException",
                            "A quota increase request for quota " + request.quota.quota_code + " of service " +
                                request.quota.service_code + " is already open (" + r.id + ").");
      }
    }
    request.status = "PENDING";
    request.last_updated = request.created;
    request.decide_at = request.created + decision_delay;
    requests_.push_back(request);
    journal(request);
  }
  schedule_steps(request, request.created);
  return request;
}

void QuotaDesk::schedule_steps(const QuotaRequest& request, TimePoint now) {
  const std::string id = request.id;
  if (request.support_case && request.status == "PENDING") {
    scheduler_.run_after(Duration::zero(), [this, id] { open_case(id); });
  }
  scheduler_.run_after(request.decide_at - now, [this, id] { decide(id); });
}

QuotaRequest* QuotaDesk::find_locked(const std::string& id) {
  const auto it = std::find_if(requests_.begin(), requests_.end(), [&](const QuotaRequest& r) { return r.id == id; });
  return it == requests_.end() ? nullptr : &*it;
}

void QuotaDesk::open_case(const std::string& id) {
  std::lock_guard lock(mutex_);
  QuotaRequest* request = find_locked(id);
  if (!request || request->status != "PENDING") return;
  request->status = "CASE_OPENED";
  request->last_updated = scheduler_.now();
  journal(*request);
}

void QuotaDesk::decide(const std::string& id) {
  std::lock_guard lock(mutex_);
  QuotaRequest* request = find_locked(id);
  if (!request || !request->open()) return;
  request->last_updated = scheduler_.now();
  if (!request->approve) {
    request->status = request->support_case ? "DENIED" : "NOT_APPROVED";
    journal(*request);
    return;
  }
  request->status = "APPROVED";
  journal(*request);
  const AppliedQuota value{request->account, request->region, request->quota.service_code, request->quota.quota_key,
                           request->desired_value};
  applied_.set(value);
  if (on_applied_) on_applied_(value, scheduler_.now());
}

Result<QuotaRequest> QuotaDesk::create_support_case(const std::string& account, const std::string& region,
                                                    const std::string& id, TimePoint now) {
  std::lock_guard lock(mutex_);
  QuotaRequest* request = find_locked(id);
  if (!request || request->account != account || request->region != region) return no_such_request(id);
  if (request->status == "CASE_OPENED") {
    return quotas_error("ResourceAlreadyExistsException", "A support case is already open for request " + id + ".");
  }
  if (request->status != "PENDING") {
    return quotas_error("InvalidResourceStateException",
                        "Request " + id + " is " + request->status + "; a support case needs a PENDING request.");
  }
  request->support_case = true;
  request->status = "CASE_OPENED";
  request->last_updated = now;
  journal(*request);
  return *request;
}

std::optional<QuotaRequest> QuotaDesk::find(const std::string& account, const std::string& region,
                                            const std::string& id) const {
  std::lock_guard lock(mutex_);
  for (const QuotaRequest& r : requests_) {
    if (r.id == id && r.account == account && r.region == region) return r;
  }
  return std::nullopt;
}

std::vector<QuotaRequest> QuotaDesk::list(const std::string& account, const std::string& region) const {
  std::lock_guard lock(mutex_);
  std::vector<QuotaRequest> out;
  for (auto it = requests_.rbegin(); it != requests_.rend(); ++it) {
    if (it->account == account && it->region == region) out.push_back(*it);
  }
  return out;
}

std::vector<QuotaRequest> QuotaDesk::list_all() const {
  std::lock_guard lock(mutex_);
  return {requests_.rbegin(), requests_.rend()};
}

void QuotaDesk::reset() {
  std::lock_guard lock(mutex_);
  requests_.clear();
  applied_.clear();
}

}  // namespace chokepoint
