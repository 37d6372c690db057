#pragma once
// Service Quotas increase requests, for the dashboard:
//   GET /_chokepoint/quotas
// gives {"requests": [...]}, newest first: id, account, region, service and quota codes, the quota's name, the
// value asked for, status, and when it was opened and last changed (emulated time). The same requests are there
// for each account through the Service Quotas API; this view spans accounts and costs no API call (no bucket,
// no retry report entry).
#include "admin/admin_api.hpp"
#include "services/servicequotas/servicequotas_service.hpp"

namespace chokepoint {

void register_quota_routes(AdminApi& admin, const ServiceQuotasService& quotas);

}  // namespace chokepoint
