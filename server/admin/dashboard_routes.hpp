#pragma once
// The dashboard: GET /_chokepoint/ui/ serves a single page (and GET /_chokepoint/ui redirects there) that reads the
// same JSON and Prometheus endpoints as `chokepoint ctl` and adds or removes fault rules and moves the clock
// through them. Its files are compiled in (admin/dashboard_assets.hpp). The control API's access rules apply as to
// every other route; on top, every answer forbids caching and carries a Content-Security-Policy that lets the page
// run only its own script files, so data it shows (table names, user agents) cannot become code.
#include <span>
#include <string_view>

#include "admin/admin_api.hpp"
#include "admin/dashboard_assets.hpp"

namespace chokepoint {

// The Content-Type for an asset's file name, by its extension ("application/octet-stream" when unknown).
std::string_view dashboard_content_type(std::string_view name);

// `assets`: the files to serve, by name; "index.html" answers the folder itself.
void register_dashboard_routes(AdminApi& admin, std::span<const DashboardAsset> assets);

}  // namespace chokepoint
