// upstream: section.
#include <algorithm>
#include <climits>

#include "common/strings.hpp"
#include "config/sections.hpp"

namespace chokepoint {

std::optional<UpstreamAddress> parse_upstream_url(std::string_view url, std::string& error) {
  constexpr std::string_view kScheme = "http://";
  if (url.rfind(kScheme, 0) != 0) {
    error = "must start with http:// (an upstream is reached over plain HTTP on this machine or network)";
    return std::nullopt;
  }
  std::string_view rest = url.substr(kScheme.size());
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (rest.find('/') != std::string_view::npos || rest.find('?') != std::string_view::npos) {
    error = "must be http://HOST:PORT, without a path";
    return std::nullopt;
  }
  UpstreamAddress endpoint;
  std::string_view host = rest;
  const auto colon = rest.rfind(':');
  const bool bracketed = !rest.empty() && rest.front() == '[';
  if (colon != std::string_view::npos && (!bracketed || rest.find(']') < colon)) {
    host = rest.substr(0, colon);
    const std::string_view port = rest.substr(colon + 1);
    long long number = 0;
    if (!parse_int64(port, number) || number < 1 || number > 65535) {
      error = "has no valid port (1-65535): '" + std::string(port) + "'";
      return std::nullopt;
    }
    endpoint.port = static_cast<int>(number);
  }
  if (bracketed && host.size() >= 2 && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) {
    error = "has no host";
    return std::nullopt;
  }
  endpoint.host = std::string(host);
  return endpoint;
}

void read_upstream_section(YamlReader& reader, const YamlNode& section, Config& config) {
  if (!reader.expect_mapping(section, {"url", "services", "timeout_ms", "max_body_bytes"})) return;
  UpstreamSettings& upstream = config.upstream;
  if (auto url_node = section.child("url")) {
    std::string url;
    if (reader.read(section, "url", url)) {
      if (url.empty()) {
        upstream.endpoint.reset();
        upstream.url.clear();
      } else {
        std::string error;
        if (auto endpoint = parse_upstream_url(url, error)) {
          upstream.endpoint = std::move(endpoint);
          upstream.url = url;
        } else {
          reader.error(*url_node, error);
        }
      }
    }
  }
  if (auto services = section.child("services")) {
    std::vector<std::string> names;
    if (reader.read(section, "services", names)) {
      const std::vector<std::string_view> known = nameable_services(config);
      bool ok = true;
      for (const auto& name : names) {
        if (std::find(known.begin(), known.end(), name) == known.end()) {
          reader.error(*services, "'" + name + "' is not an AWS service Chokepoint knows");
          ok = false;
        }
      }
      if (ok) upstream.services = std::move(names);
    }
  }
  reader.read(section, "timeout_ms", upstream.timeout_ms, IntRange{1, 3'600'000});
  reader.read(section, "max_body_bytes", upstream.max_body_bytes, IntRange{0, LLONG_MAX});
}

}  // namespace chokepoint
