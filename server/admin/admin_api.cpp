#include "admin/admin_api.hpp"

#include <algorithm>
#include <tuple>

#include "admin/admin_access.hpp"
#include "common/strings.hpp"
#include "config/config_json.hpp"
#include "protocol/response_encoder.hpp"
#include "throttle/limit_resolver.hpp"

namespace chokepoint {

HttpResponse admin_json(int status, const nlohmann::json& body) {
  HttpResponse r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/json");
  r.body = dump_json(body);
  r.body.push_back('\n');
  return r;
}

HttpResponse admin_error(int status, std::string message) {
  return admin_json(status, nlohmann::json{{"error", std::move(message)}});
}

std::optional<nlohmann::json> json_body(const HttpRequest& request, HttpResponse& error) {
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded()) {
    error = admin_error(400, request.body.empty() ? "expected a JSON body" : "the body is not valid JSON");
    return std::nullopt;
  }
  return body;
}

std::string query_param(const HttpRequest& request, std::string_view name) {
  for (const auto pair : split(request.query(), '&')) {
    const auto eq = pair.find('=');
    std::string key, value;
    if (!form_decode(pair.substr(0, eq), key) || key != name) continue;
    if (eq != std::string_view::npos && form_decode(pair.substr(eq + 1), value)) return value;
    return {};
  }
  return {};
}

AdminApi::AdminApi(ConfigHolder& config, BucketStore& buckets, ServiceRegistry& services)
    : config_(config), buckets_(buckets), services_(services) {
  add_route("GET", "/_chokepoint/health", [this](const HttpRequest&, TimePoint) { return health(); });
  add_route("GET", "/_chokepoint/config", [this](const HttpRequest&, TimePoint) { return effective_config(); });
  add_route("GET", "/_chokepoint/buckets",
            [this](const HttpRequest& r, TimePoint now) { return bucket_levels(r, now); });
  add_route("POST", "/_chokepoint/reset", [this](const HttpRequest&, TimePoint) { return reset(); });
  add_route("POST", "/_chokepoint/config/reload", [this](const HttpRequest&, TimePoint) { return reload(); });
}

void AdminApi::add_route(std::string method, std::string path, AdminHandler handler) {
  routes_.push_back(Route{std::move(method), std::move(path), std::move(handler)});
}

HttpResponse AdminApi::handle(const HttpRequest& request, TimePoint now) const {
  if (auto refused = refuse_admin_request(*config_.get(), request)) return std::move(*refused);
  const std::string_view path = request.path();
  bool path_known = false;
  for (const auto& route : routes_) {
    const bool match = route.path.back() == '/' ? path.rfind(route.path, 0) == 0 : path == route.path;
    if (!match) continue;
    path_known = true;
    if (route.method == request.method) return route.handler(request, now);
  }
  if (path_known) return admin_error(405, "method " + request.method + " not allowed on " + std::string(path));
  return admin_error(404, "no such admin endpoint: " + std::string(path));
}

HttpResponse AdminApi::health() const {
  nlohmann::json services = nlohmann::json::array();
  for (const auto& s : services_.services()) services.push_back(s->descriptor().name);
  nlohmann::json body = {{"status", "ok"}, {"services", services}};
  for (const auto& [key, part] : health_parts_) body[key] = part();
  return admin_json(200, body);
}

HttpResponse AdminApi::effective_config() const {
  return admin_json(200, config_to_json(*config_.get()));
}

HttpResponse AdminApi::bucket_levels(const HttpRequest& request, TimePoint now) const {
  BucketFilter filter{query_param(request, "account"), query_param(request, "region"), query_param(request, "service")};
  auto snapshot = buckets_.snapshot(filter, now);
  // A bucket takes a reloaded size at its next use; show (and apply) that size now, keeping the level.
  const auto config = config_.get();
  for (BucketSnapshot& b : snapshot) {
    const auto limit = resolve_bucket_by_name(*config, b.key.service, b.key.bucket, b.key.account, b.key.region);
    if (!limit || *limit == b.limit) continue;
    b.tokens = buckets_.level(b.key, *limit, now);
    b.limit = *limit;
  }
  std::sort(snapshot.begin(), snapshot.end(), [](const BucketSnapshot& a, const BucketSnapshot& b) {
    return std::tie(a.key.account, a.key.region, a.key.service, a.key.bucket) <
           std::tie(b.key.account, b.key.region, b.key.service, b.key.bucket);
  });
  nlohmann::json list = nlohmann::json::array();
  for (const auto& b : snapshot) {
    list.push_back({{"account", b.key.account},
                    {"region", b.key.region},
                    {"service", b.key.service},
                    {"bucket", b.key.bucket},
                    {"tokens", b.tokens},
                    {"rate", b.limit.rate_per_sec},
                    {"burst", b.limit.burst}});
  }
  return admin_json(200, {{"buckets", list}});
}

HttpResponse AdminApi::reset() const {
  buckets_.fill_all();
  for (const auto& s : services_.services()) s->reset();
  for (const auto& hook : reset_hooks_) hook();
  return admin_json(200, {{"status", "reset"}});
}

HttpResponse AdminApi::reload() const {
  const auto errors = config_.reload();
  if (errors.empty()) {
    for (const auto& hook : reload_hooks_) hook();
    return admin_json(200, {{"status", "reloaded"}});
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& e : errors) list.push_back(e.format());
  return admin_json(400, {{"status", "rejected"}, {"errors", list}});
}

}  // namespace chokepoint
