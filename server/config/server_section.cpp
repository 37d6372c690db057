// server: and auth: sections.
#include <climits>
#include <string>

#include "config/sections.hpp"

namespace chokepoint {

namespace {

// "HOST:PORT", with IPv6 hosts in brackets ("[::1]:4566"). Reports at the node and returns false when malformed.
bool parse_listen(YamlReader& reader, const YamlNode& node, std::string& host, int& port) {
  auto text = reader.string(node);
  if (!text) return false;
  std::size_t colon = text->rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text->size()) {
    reader.error(node, "expected HOST:PORT, e.g. 127.0.0.1:4566");
    return false;
  }
  std::string h = text->substr(0, colon);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  std::string digits = text->substr(colon + 1);
  if (h.empty() || digits.find_first_not_of("0123456789") != std::string::npos || digits.size() > 5) {
    reader.error(node, "expected HOST:PORT, e.g. 127.0.0.1:4566");
    return false;
  }
  int p = std::stoi(digits);
  if (p > 65535) {
    reader.error(node, "port must be between 0 and 65535");
    return false;
  }
  host = std::move(h);
  port = p;
  return true;
}

}  // namespace

void read_server_section(YamlReader& reader, const YamlNode& section, Config& config) {
  if (!reader.expect_mapping(section,
                             {"listen", "threads", "log_level", "max_body_bytes", "max_header_bytes", "idle_timeout_ms",
                              "read_timeout_ms", "max_connections", "max_pipelined_requests"})) {
    return;
  }
  ServerSettings& s = config.server;
  if (auto listen = section.child("listen")) parse_listen(reader, *listen, s.listen_host, s.listen_port);
  reader.read(section, "threads", s.threads, IntRange{0, INT_MAX});
  if (auto level = section.child("log_level")) {
    auto value = reader.choice(*level, {"trace", "debug", "info", "warn", "error", "critical", "off"});
    if (value) s.log_level = *value;
  }
  const IntRange positive{1, LLONG_MAX};
  reader.read(section, "max_body_bytes", s.max_body_bytes, positive);
  reader.read(section, "max_header_bytes", s.max_header_bytes, positive);
  reader.read(section, "idle_timeout_ms", s.idle_timeout_ms, positive);
  reader.read(section, "read_timeout_ms", s.read_timeout_ms, positive);
  reader.read(section, "max_connections", s.max_connections, positive);
  reader.read(section, "max_pipelined_requests", s.max_pipelined_requests, positive);
}

void read_auth_section(YamlReader& reader, const YamlNode& section, Config& config) {
  if (!reader.expect_mapping(section, {"require_signature", "allow_unsigned", "max_clock_skew_seconds"})) return;
  AuthSettings& a = config.auth;
  reader.read(section, "require_signature", a.require_signature);
  reader.read(section, "allow_unsigned", a.allow_unsigned);
  reader.read(section, "max_clock_skew_seconds", a.max_clock_skew_seconds, IntRange{1, INT_MAX});
}

}  // namespace chokepoint
