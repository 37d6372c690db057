#pragma once
// upstream: where calls Chokepoint does not emulate are sent after admission (an AWS-compatible emulator such as
// moto server), and which emulated services are sent there too (Chokepoint then only throttles them).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/upstream_address.hpp"

namespace chokepoint {

// "http://127.0.0.1:5000" -> {127.0.0.1, 5000}; an error message for anything else (https, a path, no host).
std::optional<UpstreamAddress> parse_upstream_url(std::string_view url, std::string& error);

struct UpstreamSettings {
  std::optional<UpstreamAddress> endpoint;  // none: calls Chokepoint cannot serve get a "not emulated" error
  std::string url;                          // as configured, for messages
  // Emulated services whose calls go to the upstream too, after Chokepoint's admission (e.g. "ec2").
  std::vector<std::string> services;
  long long timeout_ms = 30'000;  // connecting, and each wait for the upstream's next bytes
  // Largest forwarded request body; bodies over server.max_body_bytes are streamed, not held in memory.
  long long max_body_bytes = 5LL * 1024 * 1024 * 1024;

  bool forwards(std::string_view service) const {
    for (const auto& s : services) {
      if (s == service) return true;
    }
    return false;
  }
};

}  // namespace chokepoint
