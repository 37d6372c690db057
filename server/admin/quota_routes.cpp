#include "admin/quota_routes.hpp"

#include "common/time_format.hpp"

namespace chokepoint {

void register_quota_routes(AdminApi& admin, const ServiceQuotasService& quotas) {
  admin.add_route("GET", "/_chokepoint/quotas", [&quotas](const HttpRequest&, TimePoint) {
    nlohmann::json requests = nlohmann::json::array();
    for (const QuotaRequest& r : quotas.quota_requests()) {
      requests.push_back({{"id", r.id},
                          {"account", r.account},
                          {"region", r.region},
                          {"service_code", r.quota.service_code},
                          {"quota_code", r.quota.quota_code},
                          {"quota_name", r.quota.quota_name},
                          {"desired_value", r.desired_value},
                          {"status", r.status},
                          {"created", iso8601_millis(r.created)},
                          {"last_updated", iso8601_millis(r.last_updated)}});
    }
    return admin_json(200, {{"requests", std::move(requests)}});
  });
}

}  // namespace chokepoint
