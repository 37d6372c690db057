#include "admin/request_log.hpp"

#include "common/strings.hpp"
#include "common/time_format.hpp"

namespace chokepoint {

namespace {
constexpr size_t kDefaultLimit = 100;
}  // namespace

RequestLog::RequestLog(size_t capacity) : ring_(std::max<size_t>(1, capacity)) {}

void RequestLog::on_request(const RequestRecord& record) {
  std::lock_guard lock(mutex_);
  ring_[next_] = record;
  next_ = (next_ + 1) % ring_.size();
  size_ = std::min(size_ + 1, ring_.size());
}

std::vector<RequestRecord> RequestLog::recent(size_t limit) const {
  std::lock_guard lock(mutex_);
  const size_t n = std::min(limit, size_);
  std::vector<RequestRecord> out;
  out.reserve(n);
  for (size_t i = 1; i <= n; ++i) out.push_back(ring_[(next_ + ring_.size() - i) % ring_.size()]);
  return out;
}

void RequestLog::clear() {
  std::lock_guard lock(mutex_);
  next_ = size_ = 0;
}

nlohmann::json request_record_json(const RequestRecord& r) {
  nlohmann::json out{
      {"time", iso8601_millis(r.time)},     {"request_id", r.request_id}, {"service", r.service},
      {"operation", r.operation},           {"account", r.account},       {"region", r.region},
      {"outcome", outcome_name(r.outcome)}, {"status", r.http_status},    {"duration_ms", r.duration_ms}};
  if (!r.error_code.empty()) out["error_code"] = r.error_code;
  if (!r.decided_by.empty()) {
    out["decided_by"] = r.decided_by;
    if (const auto rule = fault_rule_of(r)) {
      out["rule"] = *rule;
    } else {
      out["bucket"] = r.decided_by;
    }
  }
  if (!r.tag.empty()) out["tag"] = r.tag;
  if (!r.sdk_request.empty()) out["sdk_request"] = r.sdk_request;
  return out;
}

void register_request_log_routes(AdminApi& admin, RequestLog& log) {
  admin.add_route("GET", "/_chokepoint/requests", [&log](const HttpRequest& request, TimePoint) {
    const std::string text = query_param(request, "limit");
    long long limit = static_cast<long long>(kDefaultLimit);
    if (!text.empty() && (!parse_int64(text, limit) || limit < 1)) {
      return admin_error(400, "limit: expected a whole number from 1 to " + std::to_string(log.capacity()));
    }
    nlohmann::json list = nlohmann::json::array();
    for (const auto& record : log.recent(static_cast<size_t>(limit))) list.push_back(request_record_json(record));
    return admin_json(200, {{"requests", std::move(list)}, {"capacity", log.capacity()}});
  });
}

}  // namespace chokepoint
