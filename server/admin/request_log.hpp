#pragma once
// The most recent request decisions, for GET /_chokepoint/requests?limit=N (newest first): which call, from
// which account and region, the outcome, and the rule or bucket that decided. A fixed-size ring buffer.
// Thread-safe.
#include <mutex>
#include <vector>

#include "admin/admin_api.hpp"
#include "protocol/request_record.hpp"

namespace chokepoint {

class RequestLog final : public RequestObserver {
 public:
  static constexpr size_t kDefaultCapacity = 1000;
  explicit RequestLog(size_t capacity = kDefaultCapacity);

  void on_request(const RequestRecord& record) override;
  std::vector<RequestRecord> recent(size_t limit) const;  // newest first
  void clear();
  size_t capacity() const { return ring_.size(); }

 private:
  mutable std::mutex mutex_;
  std::vector<RequestRecord> ring_;
  size_t next_ = 0;  // where the next record goes
  size_t size_ = 0;
};

void register_request_log_routes(AdminApi& admin, RequestLog& log);

nlohmann::json request_record_json(const RequestRecord& record);

}  // namespace chokepoint
