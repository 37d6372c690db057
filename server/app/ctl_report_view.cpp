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

std::string client_details(const json& c) {
  std::string out = "    attempts:";
  const json attempts = c.value("attempts", json::object());
  for (const auto& [n, count] : attempts.items()) {
    out += "  " + n + "=" + count.dump();
  }
  out += "\n";
  const json waits = c.value("waits", json::array());
  for (const auto& w : waits) {
    out += "    wait after attempt " + text(w, "after_attempt") + ": n=" + text(w, "count") +
           "  p50=" + ms(w.value("p50_ms", json())) + "  p90=" + ms(w.value("p90_ms", json())) +
           "  max=" + ms(w.value("max_ms", json())) + "\n";
  }
  const json jitter = c.value("jitter", json::object());
  out += "    backoff: " + text(jitter, "verdict") + " (" + text(jitter, "summary") + ")\n";
  return out;
}

}  // namespace

std::string render_retry_report(const json& report) {
  const json clients = report.value("clients", json::array());
  if (clients.empty()) return "no SDK requests yet\n";
  std::string out;
  for (const auto& c : clients) {
    const std::string mode = text(c, "retry_mode").empty() ? "?" : text(c, "retry_mode");
    out += text(c, "access_key") + "  " + text(c, "user_agent") + "\n";
    out += "    mode " + mode + "  invocations " + text(c, "invocations") + "  requests " + text(c, "requests") +
           "  amplification " + fixed(c.value("amplification", 0.0), 2) + "  retried " +
           text(c, "retried_invocations") + "  throttled " + text(c, "throttled_requests") + "  gave up throttled " +
           text(c, "gave_up_throttled") + "\n";
    out += client_details(c);
  }
  return out;
}

}  // namespace chokepoint
