#include "admin/dashboard_routes.hpp"

#include <array>
#include <utility>

namespace chokepoint {

namespace {

constexpr std::string_view kDashboardFolder = "/_chokepoint/ui/";

// Scripts and styles only from the server's own files (no inline script, no eval), data only fetched from the
// same origin, and the page never framed: whatever a name or user agent contains, it stays text.
constexpr std::string_view kDashboardPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// Headers every dashboard answer carries: the page shows live state, so nothing is cached, and browsers must not
// guess another type than the one given.
void add_dashboard_headers(HttpResponse& response) {
  response.headers.emplace_back("Cache-Control", "no-store");
  response.headers.emplace_back("Content-Security-Policy", std::string(kDashboardPolicy));
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
}

HttpResponse dashboard_asset(std::span<const DashboardAsset> assets, std::string_view name) {
  if (name.empty()) name = "index.html";
  for (const DashboardAsset& asset : assets) {
    if (asset.name != name) continue;
    HttpResponse r;
    r.headers.emplace_back("Content-Type", std::string(dashboard_content_type(name)));
    add_dashboard_headers(r);
    r.body = std::string(asset.body);
    return r;
  }
  HttpResponse missing = admin_error(404, "no such dashboard file: " + std::string(name));
  add_dashboard_headers(missing);
  return missing;
}

}  // namespace

std::string_view dashboard_content_type(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kTypes{{
      {".html", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
  }};
  for (const auto& [extension, type] : kTypes) {
    if (name.size() > extension.size() && name.substr(name.size() - extension.size()) == extension) return type;
  }
  return "application/octet-stream";
}

void register_dashboard_routes(AdminApi& admin, std::span<const DashboardAsset> assets) {
  // Without the trailing slash the page's relative links (app.js, style.css) would resolve one folder up.
  admin.add_route("GET", std::string(kDashboardFolder.substr(0, kDashboardFolder.size() - 1)),
                  [](const HttpRequest&, TimePoint) {
                    HttpResponse r;
                    r.status = 301;
                    r.headers.emplace_back("Location", std::string(kDashboardFolder));
                    add_dashboard_headers(r);
                    return r;
                  });
  admin.add_route("GET", std::string(kDashboardFolder), [assets](const HttpRequest& request, TimePoint) {
    return dashboard_asset(assets, request.path().substr(kDashboardFolder.size()));
  });
}

}  // namespace chokepoint
