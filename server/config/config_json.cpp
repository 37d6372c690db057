#include "config/config_json.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

json limit_json(const BucketLimit& limit) { return json{{"rate", limit.rate_per_sec}, {"burst", limit.burst}}; }

json server_json(const ServerSettings& s) {
  // IPv6 hosts need brackets to stay parseable as HOST:PORT.
  bool v6 = s.listen_host.find(':') != std::string::npos;
  std::string host = v6 ? "[" + s.listen_host + "]" : s.listen_host;
  return json{{"listen", host + ":" + std::to_string(s.listen_port)},
              {"threads", s.threads},
              {"log_level", s.log_level},
              {"max_body_bytes", s.max_body_bytes},
              {"max_header_bytes", s.max_header_bytes},
              {"idle_timeout_ms", s.idle_timeout_ms},
              {"read_timeout_ms", s.read_timeout_ms},
              {"max_connections", s.max_connections},
              {"max_pipelined_requests", s.max_pipelined_requests}};
}

json accounts_json(const std::vector<AccountEntry>& accounts) {
  json out = json::array();
  for (const auto& a : accounts) {
    json entry{{"access_key", a.access_key}, {"account", a.account_id}};
    if (!a.secret_key.empty()) entry["secret_key"] = kRedactedSecret;  // never the secret itself
    if (!a.user_name.empty()) entry["user"] = a.user_name;
    out.push_back(std::move(entry));
  }
  return out;
}

json group_json(const LimitGroup& g) {
  json out{{"name", g.name},     {"rate", g.limit.rate_per_sec}, {"burst", g.limit.burst},
           {"shared", g.shared}, {"unlimited", g.unlimited},     {"operations", g.operations}};
  if (!g.variant.empty()) out["variant"] = g.variant;
  if (g.per_resource) out["per_resource"] = true;
  return out;
}

json service_json(const ServiceThrottling& s) {
  json groups = json::array();
  for (const auto& g : s.groups) groups.push_back(group_json(g));
  json resources = json::object();
  for (const auto& [name, limit] : s.resources) resources[name] = limit_json(limit);
  json out{{"default", s.default_unlimited ? json("unlimited") : limit_json(s.default_limit)},
           {"groups", std::move(groups)},
           {"resources", resources}};
  if (s.concurrency) {
    out["concurrency"] = {{"limit", s.concurrency->limit},
                          {"operations", s.concurrency->operations},
                          {"reason", s.concurrency->reason}};
  }
  return out;
}

json limit_override_json(const LimitOverride& o) {
  json match = json::object();
  if (o.service) match["service"] = *o.service;
  if (o.account) match["account"] = *o.account;
  if (o.region) match["region"] = *o.region;
  json buckets = json::object();
  for (const auto& [name, spec] : o.buckets) {
    json b = json::object();
    if (spec.rate_per_sec) b["rate"] = *spec.rate_per_sec;
    if (spec.burst) b["burst"] = *spec.burst;
    if (spec.enabled) b["enabled"] = *spec.enabled;
    buckets[name] = std::move(b);
  }
  return json{{"match", std::move(match)}, {"buckets", std::move(buckets)}};
}

}  // namespace

// Config::source_file is left out: it is not a schema key, and the output must read back as a config file.
nlohmann::json config_to_json(const Config& config) {
  json regions = json::array();
  for (const auto& r : config.regions) regions.push_back(json{{"name", r.name}, {"zones", r.zones}});
  json throttling = json::object();
  for (const auto& [name, service] : config.throttling) throttling[name] = service_json(service);
  throttling["store"] = config.bucket_store.url;
  throttling["store_failure"] = config.bucket_store.on_failure == StoreFailurePolicy::kReject ? "reject" : "admit";
  json limits = json::array();
  for (const auto& o : config.limits) limits.push_back(limit_override_json(o));
  return json{
      {"server", server_json(config.server)},
      {"identity", {{"default_account", config.default_account}, {"default_region", config.default_region}}},
      {"auth",
       {{"require_signature", config.auth.require_signature},
        {"allow_unsigned", config.auth.allow_unsigned},
        {"max_clock_skew_seconds", config.auth.max_clock_skew_seconds}}},
      {"accounts", accounts_json(config.accounts)},
      {"regions", std::move(regions)},
      {"throttling", std::move(throttling)},
      {"limits", std::move(limits)},
      {"admin", config.admin.token.empty() ? json::object() : json{{"token", kRedactedSecret}}},
      {"clock", {{"mode", clock_mode_name(config.clock.mode)}, {"speed", config.clock.speed}}},
      {"seed", config.seed ? json(*config.seed) : json(nullptr)},
  };
}

}  // namespace chokepoint
