#pragma once
// The control API under /_chokepoint/ (and LocalStack-compatible paths under /_localstack/).
// Built-in routes: health, effective config, bucket levels, reset, config reload. Other components add
// their own routes at start-up (before the server accepts requests); routing is read-only afterwards.
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.hpp"
#include "common/http_message.hpp"
#include "config/config_holder.hpp"
#include "dispatch/control_handler.hpp"
#include "services/service_registry.hpp"
#include "throttle/bucket_store.hpp"

namespace chokepoint {

using AdminHandler = std::function<HttpResponse(const HttpRequest& request, TimePoint now)>;

class AdminApi final : public ControlHandler {
 public:
  AdminApi(ConfigHolder& config, BucketStore& buckets, ServiceRegistry& services);

  // `path` is matched exactly, or as a prefix when it ends with '/'. Later routes do not shadow earlier ones.
  void add_route(std::string method, std::string path, AdminHandler handler);
  // Extra work for POST /_chokepoint/reset (e.g. clearing fault rules).
  void on_reset(std::function<void()> hook) { reset_hooks_.push_back(std::move(hook)); }
  // Extra work after POST /_chokepoint/config/reload put a new config in force (e.g. its fault rules).
  void on_reload(std::function<void()> hook) { reload_hooks_.push_back(std::move(hook)); }
  // A part of GET /_chokepoint/health under `key` (e.g. the shared bucket store's state), read at each call.
  void add_health_part(std::string key, std::function<nlohmann::json()> part) {
    health_parts_.emplace_back(std::move(key), std::move(part));
  }

  HttpResponse handle(const HttpRequest& request, TimePoint now) const override;

 private:
  struct Route {
    std::string method;
    std::string path;
    AdminHandler handler;
  };
  HttpResponse health() const;
  HttpResponse effective_config() const;
  HttpResponse bucket_levels(const HttpRequest& request, TimePoint now) const;
  HttpResponse reset() const;
  HttpResponse reload() const;

  ConfigHolder& config_;
  BucketStore& buckets_;
  ServiceRegistry& services_;
  std::vector<Route> routes_;
  std::vector<std::function<void()>> reset_hooks_;
  std::vector<std::function<void()>> reload_hooks_;
  std::vector<std::pair<std::string, std::function<nlohmann::json()>>> health_parts_;
};

// Helpers for admin handlers: JSON responses, JSON request bodies and query-string parameters.
HttpResponse admin_json(int status, const nlohmann::json& body);
HttpResponse admin_error(int status, std::string message);
// The request body as JSON; nullopt with `error` set to a 400 when it is not.
std::optional<nlohmann::json> json_body(const HttpRequest& request, HttpResponse& error);
std::string query_param(const HttpRequest& request, std::string_view name);

}  // namespace chokepoint
