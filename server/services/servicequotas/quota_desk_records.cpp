// QuotaDesk's durable mode. One record per request, kind "request", key "ACCOUNT/REGION/ID", holding the whole
// request (the quota as it was defined when the request was opened, so a later config change does not alter it).
#include <algorithm>

#include "persistence/change_record.hpp"
#include "persistence/record_time.hpp"
#include "services/servicequotas/quota_desk.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kQuotaRecords = "servicequotas";

using nlohmann::json;

json quota_request_record(const QuotaRequest& r) {
  const QuotaDefinition& q = r.quota;
  return {{"id", r.id},
          {"case_id", r.case_id},
          {"account", r.account},
          {"region", r.region},
          {"requester", r.requester},
          {"service_code", q.service_code},
          {"quota_code", q.quota_code},
          {"quota_key", q.quota_key},
          {"quota_name", q.quota_name},
          {"description", q.description},
          {"default_rate", q.default_limit.rate_per_sec},
          {"default_burst", q.default_limit.burst},
          {"rate", q.rate},
          {"desired_value", r.desired_value},
          {"status", r.status},
          {"created", record_time(r.created)},
          {"last_updated", record_time(r.last_updated)},
          {"decide_at", record_time(r.decide_at)},
          {"approve", r.approve},
          {"support_case", r.support_case}};
}

QuotaRequest quota_request_from(const json& j) {
  QuotaRequest r;
  r.id = j.at("id").get<std::string>();
  r.case_id = j.at("case_id").get<std::string>();
  r.account = j.at("account").get<std::string>();
  r.region = j.at("region").get<std::string>();
  r.requester = j.at("requester").get<std::string>();
  r.quota.service_code = j.at("service_code").get<std::string>();
  r.quota.quota_code = j.at("quota_code").get<std::string>();
  r.quota.quota_key = j.at("quota_key").get<std::string>();
  r.quota.quota_name = j.at("quota_name").get<std::string>();
  r.quota.description = j.at("description").get<std::string>();
  r.quota.default_limit = BucketLimit{j.at("default_rate").get<double>(), j.at("default_burst").get<double>()};
  r.quota.rate = j.value("rate", true);  // records written before count quotas existed are rates
  r.desired_value = j.at("desired_value").get<double>();
  r.status = j.at("status").get<std::string>();
  r.created = time_from_record(j.at("created"));
  r.last_updated = time_from_record(j.at("last_updated"));
  r.decide_at = time_from_record(j.at("decide_at"));
  r.approve = j.at("approve").get<bool>();
  r.support_case = j.at("support_case").get<bool>();
  return r;
}

std::string quota_record_key(const QuotaRequest& r) {
  return r.account + "/" + r.region + "/" + r.id;
}

}  // namespace

void QuotaDesk::attach_change_log(ChangeLog* log) {
  std::lock_guard lock(mutex_);
  change_log_ = log;
}

void QuotaDesk::journal(const QuotaRequest& request) {
  if (change_log_) {
    change_log_->append(
        json_record_text(kQuotaRecords, "request", quota_record_key(request), quota_request_record(request)));
  }
}

void QuotaDesk::dump(const RecordSink& emit) const {
  std::lock_guard lock(mutex_);
  for (const QuotaRequest& r : requests_) {
    emit(json_record_text(kQuotaRecords, "request", quota_record_key(r), quota_request_record(r)));
  }
}

void QuotaDesk::restore(const std::string& id, const json& state) {
  std::lock_guard lock(mutex_);
  std::erase_if(requests_, [&](const QuotaRequest& r) { return r.id == id; });
  if (state.is_null()) return;
  requests_.push_back(quota_request_from(state));
}

void QuotaDesk::resume() {
  std::lock_guard lock(mutex_);
  std::stable_sort(requests_.begin(), requests_.end(),
                   [](const QuotaRequest& a, const QuotaRequest& b) { return a.created < b.created; });
  const TimePoint now = scheduler_.now();
  for (const QuotaRequest& r : requests_) {
    if (r.status == "APPROVED") {
      applied_.set(AppliedQuota{r.account, r.region, r.quota.service_code, r.quota.quota_key, r.desired_value});
    } else if (r.open()) {
      schedule_steps(r, now);  // a decision already due runs on the scheduler's next turn
    }
  }
}

}  // namespace chokepoint
