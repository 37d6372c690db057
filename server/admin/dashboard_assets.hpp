#pragma once
// The dashboard's files (server/admin/ui/: HTML, CSS, JavaScript, an icon), compiled into the binary so that the
// page works offline and always matches the server it is served by. The table is generated at configure time
// from server/admin/dashboard_assets.cpp.in; the text is static, so it is safe to read from any thread.
#include <span>
#include <string_view>

namespace chokepoint {

struct DashboardAsset {
  std::string_view name;  // the file name under server/admin/ui/, "app.js"
  std::string_view body;
};

// Every file of server/admin/ui/, in name order.
std::span<const DashboardAsset> built_in_dashboard_assets();

}  // namespace chokepoint
