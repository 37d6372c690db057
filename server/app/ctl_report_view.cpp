#include "app/ctl_report_view.hpp"

#include <cstdio>
#include <vector>

namespace chokepoint {

namespace {

using nlohmann::json;

std::string fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string ms(const json& v) {
  return fixed(v.is_number() ? v.get<double>() : 0.0, 1) + " ms";
}

std::string text(const json& j, const char* key) {
  if (!j.contains(key)) return "";
  const json& v = j[key];
  return v.is_string() ? v.get<std::string>() : v.dump();
}

// "  2=3  4=1" for a {"n": count} histogram.
std::string histogram(const json& counts) {
  std::string out;
  for (const auto& [n, count] : counts.items()) out += "  " + n + "=" + count.dump();
  return out;
}

std::string client_details(const json& c) {
  std::string out = "    faults " + text(c, "fault_requests") + "  server errors " + text(c, "server_error_requests") +
                    "  requests without invocation id " + text(c, "requests_without_invocation_id") + "\n";
  out += "    logical calls " + text(c, "logical_calls") + "  retried by the application " +
         text(c, "application_retried_calls") +
         "  invocations per logical call:" + histogram(c.value("application_attempts", json::object())) + "\n";
  out += "    attempts:" + histogram(c.value("attempts", json::object())) + "\n";
  const json waits = c.value("waits", json::array());
  for (const auto& w : waits) {
    out += "    wait after attempt " + text(w, "after_attempt") + ": n=" + text(w, "count") +
           "  p50=" + ms(w.value("p50_ms", json())) + "  p90=" + ms(w.value("p90_ms", json())) +
           "  max=" + ms(w.value("max_ms", json())) + "  mean=" + ms(w.value("mean_ms", json())) + "\n";
  }
  const json jitter = c.value("jitter", json::object());
  out += "    backoff: " + text(jitter, "verdict") + " (" + text(jitter, "summary") + ")";
  if (jitter.contains("schedule")) out += "  schedule " + text(jitter, "schedule");
  if (jitter.contains("base_ms")) out += "  base " + ms(jitter["base_ms"]);
  return out + "\n";
}

std::string client_heading(const json& c) {
  if (c.value("internal", false)) return "internal calls by " + text(c, "user_agent") + "\n";
  const std::string key = text(c, "access_key").empty() ? "(no access key)" : text(c, "access_key");
  const std::string agent = text(c, "user_agent").empty() ? "(no user agent)" : text(c, "user_agent");
  return key + "  " + agent + "\n";
}

}  // namespace

std::string render_retry_report(const json& report) {
  const json clients = report.value("clients", json::array());
  if (clients.empty()) return "no requests yet\n";
  std::string out;
  for (const auto& c : clients) {
    const std::string mode = text(c, "retry_mode").empty() ? "?" : text(c, "retry_mode");
    out += client_heading(c);
    out += "    mode " + mode + "  invocations " + text(c, "invocations") + "  requests " + text(c, "requests") +
           "  amplification " + fixed(c.value("amplification", 0.0), 2) + "  retried " +
           text(c, "retried_invocations") + "  throttled " + text(c, "throttled_requests") + "  gave up throttled " +
           text(c, "gave_up_throttled") + "\n";
    out += client_details(c);
  }
  out += "tracked invocations " + text(report, "tracked_invocations") + " of " + text(report, "max_invocations") +
         "; a failed call not retried within " + text(report, "give_up_after_seconds") + " s has given up\n";
  return out;
}

}  // namespace chokepoint
